#!/usr/bin/env python3
"""`make bench`: throughput, documents/s, peak RSS and CPU of `lurescan scan`.

Builds a deterministic JSONL corpus of at least BENCH_MB megabytes (default 100) from the
team's corpora/ (plus ../shared/corpora-real when present), then times the release binary
over it. Prints a table; asserts nothing (speed is measured here, never in tests).
"""
import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-out"
BINARY = ROOT / ".build/release/lurescan"
TARGET_MB = int(os.environ.get("BENCH_MB", "100"))


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


def build_corpus():
    OUT.mkdir(exist_ok=True)
    corpus = OUT / f"corpus-{TARGET_MB}mb.jsonl"
    if corpus.exists() and corpus.stat().st_size >= TARGET_MB * 1_000_000:
        return corpus
    texts = list(team_texts()) + list(real_texts())
    written, copy = 0, 0
    with corpus.open("w", encoding="utf-8") as out:
        while written < TARGET_MB * 1_000_000:
            for index, text in enumerate(texts):
                line = json.dumps({"id": f"c{copy}-{index}", "text": text}, ensure_ascii=False) + "\n"
                out.write(line)
                written += len(line.encode("utf-8"))
            copy += 1
    return corpus


def timed(command):
    """Wall time, CPU seconds and peak RSS (MB) of one command (os.wait4 gives its own rusage)."""
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - start
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main():
    if not BINARY.exists():
        sys.exit("bench: build the release binary first (make release)")
    corpus = build_corpus()
    size_mb = corpus.stat().st_size / 1_000_000
    documents = sum(1 for _ in corpus.open("rb"))
    rows = []
    for label, command in [
        ("cat (floor)", ["cat", str(corpus)]),
        ("lurescan scan --format jsonl", [str(BINARY), "scan", "--format", "jsonl", "-q", str(corpus)]),
        ("lurescan scan --format jsonl --top 1000", [str(BINARY), "scan", "--format", "jsonl", "--top", "1000", "-q", str(corpus)]),
    ]:
        elapsed, cpu, rss = timed(command)
        rows.append((label, elapsed, size_mb / elapsed, documents / elapsed, rss, cpu / elapsed))
    print(f"corpus: {corpus.relative_to(ROOT)}  {size_mb:.1f} MB, {documents} documents")
    print(f"{'command':42} {'seconds':>8} {'MB/s':>9} {'docs/s':>10} {'peak RSS MB':>12} {'CPU (cores)':>12}")
    for label, elapsed, mbps, dps, rss, cores in rows:
        print(f"{label:42} {elapsed:8.2f} {mbps:9.1f} {dps:10.0f} {rss:12.1f} {cores:12.2f}")


if __name__ == "__main__":
    main()
