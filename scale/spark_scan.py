#!/usr/bin/env python3
"""LureScan as a Spark mapper.

Reads documents from any Spark-readable path (JSONL by default; or plain text, one
document per line; or a CSV column), pipes every partition through

    lurescan scan --stream --format jsonl -q -

with RDD.pipe (one process per partition, the same binary on every node, the indicator
library embedded in it), parses the records it writes (one per non-blank input line, in
input order) and writes back to OUT:

    OUT/ranked/        every assessed document, JSONL, ranked: score desc, then id
                       (then file and line); part files in rank order
    OUT/errors/        the error records (bad lines), JSONL
    OUT/counts/        one JSONL line per partition: documents in, assessments out,
                       errors, lines, bytes, file and first line
    OUT/top.jsonl      the global top N (reduce step, one file)
    OUT/indicators.jsonl  per-indicator counts: documents hit, total hits (reduce step)
    OUT/summary.json   totals, timings, whether every partition balanced

For JSONL input the lines are piped byte for byte (as Spark decodes them: UTF-8), and the
positions the binary reports relative to its partition's stdin are moved back to the
input file: `source.path` is the file, `location.line`/`record`/`start`/`end` and every
hit's `start`/`end` are the line, record number and byte offsets in that file, and a
document without an id gets `FILE:LINE` (what `lurescan scan FILE` would call it). So the
output equals a plain `lurescan scan --stream --format jsonl` of the same file.

Exit status: 0 on success, 3 when some partition's counts do not add up
(documents in != assessments + errors), 2 on a usage error.

Usage (see scale/README.md):

    spark-submit scale/spark_scan.py --binary .build/release/lurescan \
        --top 100 ads.jsonl out/
"""

import argparse
import json
import os
import re
import shlex
import shutil
import sys
import time
import warnings

from pyspark import SparkConf, SparkContext, StorageLevel

AT_BYTE = re.compile(r"\bat byte (\d+)")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", nargs="+", help="input paths (files, directories, globs; any Hadoop file system)")
    p.add_argument("output", help="output directory (must not exist)")
    p.add_argument("--binary", default=None,
                   help="lurescan binary: a path valid on every node (default: $LURESCAN_BIN, "
                        "then lurescan on PATH, then .build/release/lurescan)")
    p.add_argument("--ship", action="store_true",
                   help="distribute the driver's binary with SparkContext.addFile and run it from "
                        "each executor's working directory (cluster mode; ignored with local[*])")
    p.add_argument("--input-format", choices=["jsonl", "text", "csv"], default="jsonl")
    p.add_argument("--text-fields", default=None,
                   help="JSONL keys / CSV columns holding the text (comma-separated; default: the binary's)")
    p.add_argument("--id-field", default=None, help="JSONL key / CSV column holding the id (default: id)")
    p.add_argument("--lang", default=None, help="only indicators of these languages (passed to lurescan)")
    p.add_argument("--top", type=int, default=100, help="size of the global top N (default 100)")
    p.add_argument("--min-score", type=float, default=0.0,
                   help="leave documents below X out of ranked/ and top (counts still see them)")
    p.add_argument("--partitions", type=int, default=None, help="minimum number of partitions")
    p.add_argument("--jobs", type=int, default=1,
                   help="lurescan worker threads per partition (default 1: Spark runs partitions in parallel)")
    p.add_argument("--master", default=None, help="Spark master when not run by spark-submit (e.g. local[2])")
    p.add_argument("--coalesce-ranked", action="store_true", help="write ranked/ as a single part file")
    return p.parse_args(argv)


def resolve_binary(arg):
    candidates = [arg, os.environ.get("LURESCAN_BIN"), shutil.which("lurescan"),
                  os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "release", "lurescan")]
    for c in candidates:
        if c:
            if arg and c == arg and not os.path.exists(c):
                return c  # a path valid on the executors only: trust it
            if os.path.exists(c):
                return os.path.abspath(c)
    sys.exit("spark_scan: no lurescan binary (pass --binary, set LURESCAN_BIN or build with `swift build -c release`)")


def list_input_files(sc, paths):
    """Every input file, in a deterministic order (path name), through the Hadoop file system
    API so HDFS, S3 and local paths all work. Hidden files (_SUCCESS, .crc) are left out,
    as Hadoop's FileInputFormat does."""
    jvm = sc._jvm
    conf = sc._jsc.hadoopConfiguration()
    files = []

    def hidden(name):
        return name.startswith("_") or name.startswith(".")

    def walk(status):
        if status.isDirectory():
            for child in sorted(status.getPath().getFileSystem(conf).listStatus(status.getPath()),
                                key=lambda s: s.getPath().toString()):
                if not hidden(child.getPath().getName()):
                    walk(child)
        else:
            files.append(status.getPath().toString())

    for p in paths:
        hpath = jvm.org.apache.hadoop.fs.Path(p)
        fs = hpath.getFileSystem(conf)
        matches = fs.globStatus(hpath)
        if matches is None or len(matches) == 0:
            sys.exit(f"spark_scan: no such input: {p}")
        for status in sorted(matches, key=lambda s: s.getPath().toString()):
            walk(status)
    return files


def display_path(uri):
    """file:/abs/path -> /abs/path; other schemes stay URIs."""
    return uri[len("file:"):] if uri.startswith("file:") else uri


def blank(line):
    return line.strip(" \t\r") == ""


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    binary = resolve_binary(args.binary)

    conf = SparkConf().setAppName("lurescan").set("spark.ui.showConsoleProgress", "false")
    if args.master:
        conf = conf.setMaster(args.master)
    sc = SparkContext.getOrCreate(conf)
    sc.setLogLevel("WARN")
    local = sc.master.startswith("local")
    if args.ship and not local:
        sc.addFile(binary)
        binary = "./" + os.path.basename(binary)

    files = list_input_files(sc, args.input)
    if not files:
        sys.exit("spark_scan: no input files")

    # One RDD per file, unioned: partition i belongs to exactly one file and partitions
    # keep file order, then split order within the file.
    per_file = []
    partition_file = []
    for f in files:
        if args.input_format == "csv":
            continue
        rdd = sc.textFile(f, args.partitions or sc.defaultMinPartitions)
        per_file.append(rdd)
        partition_file.extend([display_path(f)] * rdd.getNumPartitions())

    text_fields = args.text_fields
    id_field = args.id_field
    if args.input_format == "csv":
        from pyspark.sql import SparkSession
        from pyspark.sql import functions as F
        spark = SparkSession(sc)
        df = spark.read.option("header", True).option("multiLine", True).option("escape", '"').csv(files)
        if args.partitions:
            df = df.repartition(args.partitions)
        columns = text_fields.split(",") if text_fields else [c for c in df.columns if c != (id_field or "id")]
        id_col = id_field or "id"
        keep = ([id_col] if id_col in df.columns else []) + columns
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "toJSON will return a DataFrame in future releases"
            lines = df.select(*[F.col(c) for c in keep]).toJSON()
        text_fields = ",".join(columns)
        id_field = id_col
        partition_file = [",".join(display_path(f) for f in files)] * lines.getNumPartitions()
    elif args.input_format == "text":
        # One document per non-blank line: wrapped as {"id": "FILE:LINE", "text": line}.
        raw = sc.union(per_file) if len(per_file) > 1 else per_file[0]
        lines = raw
        text_fields, id_field = "text", "id"
    else:
        raw = sc.union(per_file) if len(per_file) > 1 else per_file[0]
        lines = raw

    # Pass 1: per-partition line, non-blank line and byte counts. They give each
    # partition its first line, record and byte offset in its file, so the positions the
    # binary reports relative to its stdin can be moved back to the file.
    def count_partition(index, it):
        n = records = size = 0
        for line in it:
            n += 1
            size += len(line.encode("utf-8")) + 1
            if not blank(line):
                records += 1
        yield index, (n, records, size)

    t0 = time.time()
    counts_in = dict(lines.mapPartitionsWithIndex(count_partition).collect())
    n_parts = lines.getNumPartitions()
    bases = []
    previous_file = None
    line_base = record_base = byte_base = 0
    for i in range(n_parts):
        f = partition_file[i]
        if f != previous_file or args.input_format == "csv":
            line_base = record_base = byte_base = 0
            previous_file = f
        n, records, size = counts_in.get(i, (0, 0, 0))
        bases.append((f, line_base, record_base, byte_base, n, records, size))
        line_base += n
        record_base += records
        byte_base += size
    t_count = time.time() - t0

    if args.input_format == "text":
        bases_b = sc.broadcast(bases)

        def wrap(index, it):
            f, line_base = bases_b.value[index][0], bases_b.value[index][1]
            for k, line in enumerate(it, start=1):
                # keep blank lines (as blank) so the binary's line numbers stay aligned
                yield "" if blank(line) else json.dumps({"id": f"{f}:{line_base + k}", "text": line}, ensure_ascii=False)
        lines = lines.mapPartitionsWithIndex(wrap)

    # The mapper. Exit code 1 of `lurescan scan` means "nothing at medium or above", not
    # a failure: the shell maps 0 and 1 to 0 so checkCode only trips on real failures.
    scan = [binary, "scan", "--stream", "--format", "jsonl", "-q", "--jobs", str(args.jobs)]
    if text_fields:
        scan += ["--text-fields", text_fields]
    if id_field:
        scan += ["--id-field", id_field]
    if args.lang:
        scan += ["--lang", args.lang]
    scan.append("-")
    command = "sh -c " + shlex.quote(" ".join(shlex.quote(a) for a in scan)
                                     + '; rc=$?; [ "$rc" -le 1 ] || exit "$rc"')
    # RDD.pipe starts the command with exactly this environment (not the executor's).
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "NO_COLOR": "1", "LC_ALL": "C.UTF-8"}
    if os.environ.get("LD_LIBRARY_PATH"):
        env["LD_LIBRARY_PATH"] = os.environ["LD_LIBRARY_PATH"]
    piped = lines.pipe(command, env=env, checkCode=True)

    bases_b = sc.broadcast(bases)
    fix_positions = args.input_format in ("jsonl", "text")
    byte_exact = args.input_format == "jsonl"

    def relocate(index, it):
        f, line_base, record_base, byte_base = bases_b.value[index][:4]
        for out in it:
            r = json.loads(out)
            r["partition"] = index
            loc = r.get("location") or {}
            local_line = loc.get("line")
            r["source"]["path"] = f
            if fix_positions:
                if loc.get("line") is not None:
                    loc["line"] += line_base
                if loc.get("record") is not None:
                    loc["record"] += record_base
            if byte_exact:
                # JSONL: byte offsets into the input file
                for k in ("start", "end"):
                    if loc.get(k) is not None:
                        loc[k] += byte_base
                for h in r.get("hits") or []:
                    h["start"] += byte_base
                    h["end"] += byte_base
            elif loc.get("start") is not None:
                # text / CSV: byte offsets into the JSON record the job made of the line/row
                start = loc["start"]
                loc["start"], loc["end"] = 0, loc["end"] - start
                for h in r.get("hits") or []:
                    h["start"] -= start
                    h["end"] -= start
            if fix_positions and r.get("record") == "document" and r.get("id") == f"-:{local_line}":
                r["id"] = f"{f}:{loc['line']}"  # no id field: what `lurescan scan FILE` calls it
            if byte_exact and r.get("record") == "error" and r.get("reason"):
                # "invalid JSON: ... at byte N": N is an offset into the stream
                r["reason"] = AT_BYTE.sub(lambda m: f"at byte {int(m.group(1)) + byte_base}", r["reason"])
            yield r

    records = piped.mapPartitionsWithIndex(relocate).persist(StorageLevel.MEMORY_AND_DISK)

    # Pass 2 (runs the binary, once: the records are persisted): per-partition counts.
    t1 = time.time()

    def count_out(index, it):
        docs = errs = other = 0
        for r in it:
            kind = r.get("record")
            if kind == "document":
                docs += 1
            elif kind == "error":
                errs += 1
            else:
                other += 1
        yield index, (docs, errs, other)

    counts_out = dict(records.mapPartitionsWithIndex(count_out).collect())
    t_scan = time.time() - t1

    partitions = []
    for i in range(n_parts):
        f, line_base, record_base, byte_base, n, docs_in, size = bases[i]
        docs, errs, other = counts_out.get(i, (0, 0, 0))
        partitions.append({"partition": i, "file": f, "first_line": line_base + 1, "lines": n, "bytes": size,
                           "documents_in": docs_in, "assessments": docs, "errors": errs, "other": other,
                           "balanced": docs_in == docs + errs})

    def rank_key(r):
        return (-r["score"], r["id"], r["source"]["path"], r["location"]["line"] or 0)

    documents = records.filter(lambda r: r.get("record") == "document")
    kept = documents.filter(lambda r: r["score"] >= args.min_score) if args.min_score > 0 else documents

    # Reduce steps: the global top N, and per-indicator counts.
    t2 = time.time()
    top = kept.takeOrdered(args.top, key=rank_key) if args.top > 0 else []
    for i, r in enumerate(top, start=1):
        r["rank"] = i

    def indicator_pairs(r):
        seen = {}
        for h in r.get("hits") or []:
            seen[h["indicator"]] = seen.get(h["indicator"], 0) + 1
        return [(k, (1, v)) for k, v in seen.items()]

    indicators = (documents.flatMap(indicator_pairs)
                  .reduceByKey(lambda a, b: (a[0] + b[0], a[1] + b[1]))
                  .collect())
    indicators.sort(key=lambda kv: (-kv[1][0], kv[0]))

    # The full ranking: a distributed sort, then ranks by position.
    ranked = kept.sortBy(rank_key, numPartitions=1 if args.coalesce_ranked else None)

    def with_rank(pair):
        r, i = pair
        r["rank"] = i + 1
        return json.dumps(r, ensure_ascii=False, sort_keys=False)

    out = args.output.rstrip("/")
    ranked.zipWithIndex().map(with_rank).saveAsTextFile(out + "/ranked")
    records.filter(lambda r: r.get("record") == "error").map(
        lambda r: json.dumps(r, ensure_ascii=False)).coalesce(1).saveAsTextFile(out + "/errors")
    sc.parallelize([json.dumps(p) for p in partitions], 1).saveAsTextFile(out + "/counts")
    t_reduce = time.time() - t2

    totals = {
        "documents_in": sum(p["documents_in"] for p in partitions),
        "assessments": sum(p["assessments"] for p in partitions),
        "errors": sum(p["errors"] for p in partitions),
        "lines": sum(p["lines"] for p in partitions),
        "bytes": sum(p["bytes"] for p in partitions),
    }
    summary = {
        "schema": "lurescan.spark/1",
        "master": sc.master,
        "binary": binary,
        "input_format": args.input_format,
        "files": [display_path(f) for f in files],
        "partitions": n_parts,
        "totals": totals,
        "balanced": all(p["balanced"] for p in partitions),
        "top": len(top),
        "indicators": len(indicators),
        "seconds": {"count": round(t_count, 3), "scan": round(t_scan, 3), "reduce_and_write": round(t_reduce, 3)},
        "documents_per_second": round(totals["documents_in"] / t_scan, 1) if t_scan > 0 else None,
    }

    # Driver-side single files: the reduce results and the summary. Written through the
    # Hadoop API so the output may be on HDFS/S3 too.
    write_text(sc, out + "/top.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in top))
    write_text(sc, out + "/indicators.jsonl", "".join(
        json.dumps({"indicator": k, "documents": d, "hits": h}) + "\n" for k, (d, h) in indicators))
    write_text(sc, out + "/summary.json", json.dumps(summary, indent=2) + "\n")
    records.unpersist()

    print(json.dumps(summary), file=sys.stderr)
    for p in partitions:
        if not p["balanced"]:
            print(f"spark_scan: partition {p['partition']} does not add up: {p}", file=sys.stderr)
    sc.stop()
    return 0 if summary["balanced"] else 3


def write_text(sc, path, text):
    jvm = sc._jvm
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    fs = hpath.getFileSystem(sc._jsc.hadoopConfiguration())
    stream = fs.create(hpath, True)
    try:
        stream.write(bytearray(text.encode("utf-8")))
    finally:
        stream.close()


if __name__ == "__main__":
    sys.exit(main())
