#!/usr/bin/env python3
"""`make spark-test`: runs scale/spark_scan.py with local[2] on the bundled corpora and
checks its output against a plain `lurescan scan --stream --format jsonl -` of the same
JSONL.

The corpora become two JSONL files under a temporary directory:
  labeled.jsonl  every corpora/labeled/*/*.txt, one record each ({"id", "text"})
  samples.jsonl  every corpora/samples file (text and HTML as one record each, the
                 classifieds.jsonl lines as they are, the job-board.csv rows as records),
                 plus blank lines, three malformed lines (error records) and a record
                 without an id (named FILE:LINE)
Both are repeated SPARK_TEST_REPEAT times (ids suffixed #k; default 1) to make the
throughput figure less dominated by Spark's fixed costs.

Checks, exit 1 on any mismatch:
  - every input line gets the same record through Spark as directly: same kind, id,
    score, band, crime, scores, line, record number, byte range, and the same hits
    (indicator, start, end, text); error records at the same lines;
  - per partition, documents in = assessments + errors; the totals equal the direct run;
  - ranked/ is ordered by score desc then id, with ranks 1..n; top.jsonl is its head;
  - indicators.jsonl equals the per-indicator counts of the direct run.
Prints documents/s through Spark vs direct.
"""

import csv
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("LURESCAN_BIN", os.path.join(ROOT, ".build-spark", "release", "lurescan"))
MASTER = os.environ.get("SPARK_TEST_MASTER", "local[2]")
PARTITIONS = int(os.environ.get("SPARK_TEST_PARTITIONS", "4"))
REPEAT = int(os.environ.get("SPARK_TEST_REPEAT", "1"))
TOP = 25

failures = []


def fail(message):
    failures.append(message)
    if len(failures) <= 30:
        print("MISMATCH: " + message, file=sys.stderr)


def read(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", errors="replace")


def build_corpus(tmp):
    labeled, samples = [], []
    for path in sorted(glob.glob(os.path.join(ROOT, "corpora/labeled/*/*.txt"))):
        rel = os.path.relpath(path, os.path.join(ROOT, "corpora"))
        labeled.append(json.dumps({"id": rel, "text": read(path)}, ensure_ascii=False))
    for path in sorted(glob.glob(os.path.join(ROOT, "corpora/samples/**/*"), recursive=True)):
        if os.path.isdir(path):
            continue
        rel = os.path.relpath(path, os.path.join(ROOT, "corpora"))
        if path.endswith(".jsonl"):
            samples.extend(line for line in read(path).splitlines())
        elif path.endswith(".csv"):
            with open(path, newline="", encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    samples.append(json.dumps(row, ensure_ascii=False))
        else:
            samples.append(json.dumps({"id": rel, "text": read(path)}, ensure_ascii=False))
    # What a mapper meets in the wild: blank lines, bad lines, a record without an id.
    samples += ["", "   ", "this is not json", '{"id": "broken", "text": "unterminated',
                '["an", "array"]', '{"title": "Hostess job abroad, flights paid, we keep your passport"}', ""]
    paths = []
    for name, lines in (("labeled.jsonl", labeled), ("samples.jsonl", samples)):
        out = []
        for k in range(REPEAT):
            for line in lines:
                if k and line.startswith("{"):
                    try:
                        obj = json.loads(line)
                        if isinstance(obj, dict) and "id" in obj:
                            obj["id"] = f"{obj['id']}#{k}"
                            line = json.dumps(obj, ensure_ascii=False)
                    except ValueError:
                        pass
                out.append(line)
        path = os.path.join(tmp, "in", name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(out) + "\n")
        paths.append(path)
    return paths


def direct_scan(paths):
    """The reference: the binary on each file's stdin, ids -:N named FILE:N."""
    records, seconds = [], 0.0
    for path in paths:
        with open(path, "rb") as f:
            t = time.time()
            proc = subprocess.run([BIN, "scan", "--stream", "--format", "jsonl", "-q", "-"],
                                  stdin=f, stdout=subprocess.PIPE, check=False)
            seconds += time.time() - t
        if proc.returncode not in (0, 1):
            sys.exit(f"spark-test: direct scan of {path} failed with exit code {proc.returncode}")
        for line in proc.stdout.decode("utf-8").splitlines():
            r = json.loads(line)
            r["source"]["path"] = path
            if r.get("record") == "document" and r["id"] == f"-:{r['location']['line']}":
                r["id"] = f"{path}:{r['location']['line']}"
            records.append(r)
    return records, seconds


def fingerprint(r):
    loc = r.get("location") or {}
    base = {"record": r.get("record"), "path": r["source"]["path"], "line": loc.get("line"),
            "record_no": loc.get("record"), "start": loc.get("start"), "end": loc.get("end")}
    if r.get("record") == "document":
        base.update({"id": r["id"], "score": r["score"], "band": r["band"], "crime": r["crime"],
                     "scores": r["scores"], "elements": r["elements"], "language": r["language"],
                     "hits": sorted((h["indicator"], h["start"], h["end"], h["text"]) for h in r["hits"])})
    else:
        base.update({"reason": r.get("reason"), "field": r.get("field")})
    return base


def read_parts(directory):
    out = []
    for part in sorted(glob.glob(os.path.join(directory, "part-*"))):
        with open(part, encoding="utf-8") as f:
            out.extend(json.loads(line) for line in f if line.strip())
    return out


def main():
    if not os.access(BIN, os.X_OK):
        sys.exit(f"spark-test: no binary at {BIN} (make spark-test builds it)")
    tmp = tempfile.mkdtemp(prefix="lurescan-spark-")
    try:
        paths = build_corpus(tmp)
        lines = sum(1 for p in paths for _ in open(p, encoding="utf-8"))
        print(f"spark-test: {len(paths)} JSONL files, {lines} lines, {sum(os.path.getsize(p) for p in paths)} bytes in {tmp}/in")

        direct, direct_seconds = direct_scan(paths)
        direct_docs = [r for r in direct if r["record"] == "document"]
        direct_errors = [r for r in direct if r["record"] == "error"]

        out = os.path.join(tmp, "out")
        cmd = [sys.executable, os.path.join(ROOT, "scale", "spark_scan.py"), "--master", MASTER,
               "--binary", BIN, "--partitions", str(PARTITIONS), "--top", str(TOP), os.path.join(tmp, "in"), out]
        print("spark-test: " + " ".join(cmd))
        t = time.time()
        proc = subprocess.run(cmd, stderr=subprocess.PIPE, check=False)
        spark_wall = time.time() - t
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr.decode("utf-8", "replace")[-5000:])
            sys.exit(f"spark-test: spark_scan.py exited with {proc.returncode}")

        with open(os.path.join(out, "summary.json")) as f:
            summary = json.load(f)
        ranked = read_parts(os.path.join(out, "ranked"))
        errors = read_parts(os.path.join(out, "errors"))
        counts = read_parts(os.path.join(out, "counts"))
        with open(os.path.join(out, "top.jsonl")) as f:
            top = [json.loads(line) for line in f]
        with open(os.path.join(out, "indicators.jsonl")) as f:
            indicators = [json.loads(line) for line in f]

        # 1. Same records, line by line.
        def by_line(records):
            table = {}
            for r in records:
                key = (r["source"]["path"], r["location"]["line"])
                if key in table:
                    fail(f"two records for {key}")
                table[key] = fingerprint(r)
            return table

        want, got = by_line(direct), by_line(ranked + errors)
        for key in sorted(set(want) | set(got), key=lambda k: (k[0], k[1] or 0)):
            if key not in got:
                fail(f"{key}: missing through Spark (direct: {want[key].get('id') or want[key].get('reason')})")
            elif key not in want:
                fail(f"{key}: only through Spark ({got[key].get('id')})")
            elif want[key] != got[key]:
                diff = {k: (want[key][k], got[key].get(k)) for k in want[key] if want[key][k] != got[key].get(k)}
                fail(f"{key}: differs: {json.dumps(diff)[:400]}")

        # 2. Counts add up.
        for p in counts:
            if p["documents_in"] != p["assessments"] + p["errors"]:
                fail(f"partition {p['partition']}: {p['documents_in']} in != {p['assessments']} + {p['errors']}")
        totals = summary["totals"]
        if totals["documents_in"] != totals["assessments"] + totals["errors"]:
            fail(f"totals: {totals}")
        if (totals["assessments"], totals["errors"]) != (len(direct_docs), len(direct_errors)):
            fail(f"totals {totals} vs direct {len(direct_docs)} documents, {len(direct_errors)} errors")
        if len(ranked) != totals["assessments"] or len(errors) != totals["errors"]:
            fail(f"written {len(ranked)} ranked / {len(errors)} errors vs counts {totals}")
        if not summary["balanced"]:
            fail("summary says unbalanced")

        # 3. Deterministic ranking.
        expected_order = sorted(direct_docs, key=lambda r: (-r["score"], r["id"], r["source"]["path"], r["location"]["line"]))
        if [r["id"] for r in ranked] != [r["id"] for r in expected_order]:
            fail("ranked/ is not in (score desc, id) order")
        if [r["rank"] for r in ranked] != list(range(1, len(ranked) + 1)):
            fail("ranks are not 1..n")
        if [(r["id"], r["rank"]) for r in top] != [(r["id"], r["rank"]) for r in ranked[:TOP]]:
            fail("top.jsonl is not the head of ranked/")

        # 4. Per-indicator counts.
        expected = {}
        for r in direct_docs:
            seen = {}
            for h in r["hits"]:
                seen[h["indicator"]] = seen.get(h["indicator"], 0) + 1
            for k, v in seen.items():
                d, n = expected.get(k, (0, 0))
                expected[k] = (d + 1, n + v)
        if {i["indicator"]: (i["documents"], i["hits"]) for i in indicators} != expected:
            fail("indicators.jsonl differs from the direct run's per-indicator counts")

        # 5. The Hadoop streaming path, simulated: mapper per file, shuffle (sort), one
        #    ranking reducer. Its top N and indicator counts must match Spark's.
        mapped = b""
        for path in paths:
            with open(path, "rb") as f:
                mapped += subprocess.run(["sh", os.path.join(ROOT, "scale", "hadoop_mapper.sh")], stdin=f,
                                         stdout=subprocess.PIPE, check=True, env=dict(os.environ, LURESCAN_BIN=BIN)).stdout
        shuffled = b"".join(line + b"\t\n" for line in sorted(mapped.splitlines()))
        reduced = subprocess.run([sys.executable, os.path.join(ROOT, "scale", "hadoop_rank.py"), "--top", str(TOP)],
                                 input=shuffled, stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
        reduced = [json.loads(line) for line in reduced.splitlines()]
        if [(r["id"], r["score"], r["rank"]) for r in reduced if r.get("record") == "document"] != \
                [(r["id"], r["score"], r["rank"]) for r in top]:
            fail("hadoop_rank.py top N differs from Spark's top.jsonl")
        if {r["indicator"]: (r["documents"], r["hits"]) for r in reduced if r.get("record") == "indicator"} != expected:
            fail("hadoop_rank.py indicator counts differ")
        hadoop_totals = [r for r in reduced if r.get("record") == "totals"][0]
        if (hadoop_totals["assessments"], hadoop_totals["errors"]) != (totals["assessments"], totals["errors"]):
            fail(f"hadoop_rank.py totals {hadoop_totals} vs {totals}")

        docs_in = totals["documents_in"]
        print(f"spark-test: master {summary['master']}, {summary['partitions']} partitions over {len(summary['files'])} files")
        for p in counts:
            print(f"  partition {p['partition']}: {os.path.basename(p['file'])} lines {p['first_line']}-{p['first_line'] + p['lines'] - 1}:"
                  f" {p['documents_in']} in = {p['assessments']} assessments + {p['errors']} errors")
        print(f"spark-test: {docs_in} documents in = {totals['assessments']} assessments + {totals['errors']} errors;"
              f" {sum(1 for r in ranked if r['band'] != 'low')} at medium or above; {len(indicators)} indicators hit")
        print(f"spark-test: direct  {len(direct_docs) + len(direct_errors)} documents in {direct_seconds:.2f}s = "
              f"{(len(direct_docs) + len(direct_errors)) / direct_seconds:.0f} documents/s (lurescan --stream, all cores)")
        print(f"spark-test: spark   scan pass {summary['seconds']['scan']:.2f}s = {summary['documents_per_second']:.0f} documents/s"
              f" ({MASTER}, {summary['partitions']} partitions, --jobs 1 each); end to end {spark_wall:.1f}s"
              f" = {docs_in / spark_wall:.0f} documents/s (JVM start, counting pass, sort, writes)")
        if failures:
            print(f"spark-test: FAILED: {len(failures)} mismatches", file=sys.stderr)
            return 1
        print("spark-test: OK: Spark output equals the direct scan; counts add up")
        return 0
    finally:
        if os.environ.get("SPARK_TEST_KEEP"):
            print(f"spark-test: kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
