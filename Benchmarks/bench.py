#!/usr/bin/env python3
"""`make bench`: throughput, documents/s, peak RSS and CPU of `lurescan scan`.

Builds a deterministic JSONL corpus of at least BENCH_MB megabytes (default 500) from the
team's corpora/ (plus ../shared/corpora-real when present), then times the release binary
over it. Prints a table; asserts nothing (speed is measured here, never in tests).
"""
import gzip
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-out"
BINARY = ROOT / ".build/release/lurescan"
TARGET_MB = int(os.environ.get("BENCH_MB", "500"))
# The scaling runs use a smaller slice so `make bench` stays within minutes.
SCALE_MB = int(os.environ.get("BENCH_SCALE_MB", "50"))
# PCRE2 through ripgrep runs ~0.2 MB/s on this library: it is timed on a prefix of the corpus
# and compared by throughput (MB/s), which does not depend on the size.
RG_P_MB = int(os.environ.get("BENCH_RG_P_MB", "20"))


def team_texts():
    for path in sorted((ROOT / "corpora").rglob("*.txt")):
        yield path.read_text(encoding="utf-8", errors="replace")


def real_texts():
    shared = ROOT.parent / "shared" / "corpora-real"
    if not shared.is_dir():
        return
    jobs_es = shared / "jobs-es-argentina" / "bumeran_zonajobs_ar_2025-12-05.json.gz"
    if jobs_es.exists():
        for offer in json.load(gzip.open(jobs_es, "rt", encoding="utf-8")).get("ofertas", []):
            yield "\n".join(filter(None, [offer.get("titulo"), offer.get("descripcion_full") or offer.get("descripcion_preview")]))
    gupy = shared / "jobs-pt-brazil" / "gupy_vagas_640.jsonl.gz"
    if gupy.exists():
        for line in gzip.open(gupy, "rt", encoding="utf-8"):
            record = json.loads(line)
            yield "\n".join(str(v) for v in record.values() if isinstance(v, str))


def build_corpus(target_mb=TARGET_MB):
    OUT.mkdir(exist_ok=True)
    corpus = OUT / f"corpus-{target_mb}mb.jsonl"
    if corpus.exists() and corpus.stat().st_size >= target_mb * 1_000_000:
        return corpus
    texts = list(team_texts()) + list(real_texts())
    written, copy = 0, 0
    with corpus.open("w", encoding="utf-8") as out:
        while written < target_mb * 1_000_000:
            for index, text in enumerate(texts):
                line = json.dumps({"id": f"c{copy}-{index}", "text": text}, ensure_ascii=False) + "\n"
                out.write(line)
                written += len(line.encode("utf-8"))
            copy += 1
    return corpus


def repeated_corpus(base, factor):
    """`base` written `factor` times over (ids suffixed): exactly factor x the bytes and
    documents, so the corpus scaling compares like with like."""
    corpus = OUT / f"{base.stem}-x{factor}.jsonl"
    if corpus.exists() and corpus.stat().st_size >= factor * base.stat().st_size:
        return corpus
    with corpus.open("w", encoding="utf-8") as out:
        for copy in range(factor):
            for line in base.open(encoding="utf-8"):
                record = json.loads(line)
                record["id"] = f"{record['id']}-r{copy}"
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return corpus


def prefix_of(corpus, megabytes):
    """The first whole lines of `corpus` up to `megabytes` (rg -P is too slow for all of it)."""
    part = OUT / f"{corpus.stem}-first{megabytes}mb.jsonl"
    if not part.exists():
        with corpus.open("rb") as source, part.open("wb") as out:
            written = 0
            for line in source:
                if written + len(line) > megabytes * 1_000_000:
                    break
                out.write(line)
                written += len(line)
    return part


def timed(command):
    """Wall time, CPU seconds, peak RSS (MB) and exit status of one command. GNU time reports
    the RSS: a child forked from this Python process would inherit its RSS in ru_maxrss."""
    report = OUT / "time.txt"
    start = time.monotonic()
    process = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", str(report), *command],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.monotonic() - start
    _, user, system, rss_kb = report.read_text().split()[-4:]
    timed.last_status, timed.last_error = process.returncode, process.stderr.decode(errors="replace")[-300:]
    return elapsed, float(user) + float(system), int(rss_kb) / 1024


def rotated_library(copies):
    """The shipped library plus `copies` synthetic copies of the same shape: ids renamed and
    the letters of every pattern rotated (escapes kept), so they cost what real patterns
    cost but seldom match."""
    import yaml
    folder = OUT / f"library-x{copies + 1}"
    if folder.exists():
        return folder
    folder.mkdir(parents=True)
    sources = sorted((ROOT / "indicators").rglob("*.yml"))
    for copy in range(1, copies + 1):
        for source in sources:
            data = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
            indicators = []
            for indicator in data.get("indicators", []):
                clone = {k: v for k, v in indicator.items() if k not in ("examples",)}
                clone["id"] = f"{indicator['id']}.x{copy}"
                clone["patterns"] = [rotate(p, copy) for p in indicator["patterns"]]
                indicators.append(clone)
            if indicators:
                target = folder / f"x{copy}-{source.parent.name}-{source.name}"
                target.write_text(yaml.safe_dump({"indicators": indicators}, allow_unicode=True), encoding="utf-8")
    return folder


def rotate(pattern, shift):
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            out.append(pattern[i:i + 2])
            i += 2
            if pattern[i - 1] in "pPxN" and i < len(pattern) and pattern[i] == "{":
                end = pattern.index("}", i)
                out.append(pattern[i:end + 1])
                i = end + 1
            continue
        if c == "(" and pattern[i:i + 3] in ("(?<", "(?P") and pattern[i:i + 4] not in ("(?<=", "(?<!"):
            end = pattern.index(">", i)
            out.append(pattern[i:end + 1])
            i = end + 1
            continue
        out.append(chr((ord(c) - 97 + shift) % 26 + 97) if "a" <= c <= "z" else c)
        i += 1
    return "".join(out)


def rg_chunked(flags, patterns_file, corpus, chunk=150):
    """ripgrep over the patterns in chunks (one alternation of all of them exceeds its size
    limits); a chunk ripgrep refuses is split in halves, and a single pattern it refuses is
    left out (said on stdout). Returns the summed wall time and CPU seconds, and the peak RSS."""
    lines = patterns_file.read_text(encoding="utf-8").splitlines()
    pending = [lines[start:start + chunk] for start in range(0, len(lines), chunk)]
    elapsed = cpu = rss = 0.0
    part = OUT / "rg-chunk.txt"
    while pending:
        part_lines = pending.pop()
        part.write_text("\n".join(part_lines) + "\n", encoding="utf-8")
        e, c, r = timed(["rg", *flags, "--regex-size-limit", "2G", "--dfa-size-limit", "2G", "-c", "-f", str(part), str(corpus)])
        if timed.last_status > 1:  # 0: matches, 1: none; anything else: not run
            if len(part_lines) == 1:
                reason = timed.last_error.splitlines()[0] if timed.last_error else ""
                print(f"bench: rg {' '.join(flags)} refused (left out): {part_lines[0][:80]}: {reason}")
            else:
                half = len(part_lines) // 2
                pending += [part_lines[:half], part_lines[half:]]
            continue
        elapsed, cpu, rss = elapsed + e, cpu + c, max(rss, r)
    return elapsed, cpu, rss


def main():
    if not BINARY.exists():
        sys.exit("bench: build the release binary first (make release)")
    corpus = build_corpus()
    size_mb = corpus.stat().st_size / 1_000_000
    documents = sum(1 for _ in corpus.open("rb"))
    scan = [str(BINARY), "scan", "--format", "jsonl", "-q"]
    rows = {}
    def row(label, elapsed, cpu, rss):
        rows[label] = (elapsed, cpu, rss)
        print(f"{label:44} {elapsed:8.2f} {size_mb / elapsed:9.1f} {documents / elapsed:10.0f} {rss:12.1f} {cpu / elapsed:12.2f}", flush=True)
    print(f"corpus: {corpus.relative_to(ROOT)}  {size_mb:.1f} MB, {documents} documents")
    print(f"{'command':44} {'seconds':>8} {'MB/s':>9} {'docs/s':>10} {'peak RSS MB':>12} {'CPU (cores)':>12}")
    row("cat (floor)", *timed(["cat", str(corpus)]))
    row("lurescan scan --format jsonl", *timed(scan + [str(corpus)]))
    row("lurescan scan --format jsonl --top 1000", *timed(scan + ["--top", "1000", str(corpus)]))
    patterns, rust = OUT / "patterns.txt", OUT / "patterns-rust.txt"
    subprocess.run([str(BINARY), "indicators", "--export-patterns", str(patterns), "--export-rust-patterns", str(rust)], check=True, stderr=subprocess.DEVNULL)
    if shutil.which("rg"):
        row(f"rg -c -f ({len(rust.read_text().splitlines())} patterns, ASCII \\b)", *rg_chunked([], rust, corpus))
        prefix = prefix_of(corpus, RG_P_MB) if RG_P_MB * 1_000_000 < corpus.stat().st_size else corpus
        prefix_mb = prefix.stat().st_size / 1_000_000
        elapsed, cpu, rss = rg_chunked(["-P"], patterns, prefix)
        # Scaled to the whole corpus by throughput, so the table's columns stay comparable.
        label = f"rg -P -c -f ({len(patterns.read_text().splitlines())} patterns)"
        if prefix != corpus:
            label += f" [timed on first {prefix_mb:.0f} MB]"
        row(label, elapsed * size_mb / prefix_mb, cpu * size_mb / prefix_mb, rss)
        ours = rows["lurescan scan --format jsonl"][0]
        for label in [k for k in rows if k.startswith("rg")] + ["cat (floor)"]:
            print(f"ratio ours / {label}: {rows[label][0] / ours:.3g}x the speed")
    else:
        print("rg not installed: ripgrep rows skipped (apt-get install ripgrep)")

    small = build_corpus(SCALE_MB)
    print(f"\nscaling on {small.relative_to(ROOT)}")
    base, _, _ = timed(scan + [str(small)])
    for copies in (3, 15):
        library = rotated_library(copies)
        elapsed, _, _ = timed(scan + ["--indicators", str(library), str(small)])
        print(f"library x{copies + 1:<3} {elapsed:8.2f} s  = {elapsed / base:5.2f}x the time of x1 ({base:.2f} s)")
    for factor in (2, 4):
        bigger = repeated_corpus(small, factor)
        elapsed, _, _ = timed(scan + [str(bigger)])
        print(f"corpus x{factor:<4} {elapsed:8.2f} s  = {elapsed / base:5.2f}x the time of x1")


if __name__ == "__main__":
    main()
