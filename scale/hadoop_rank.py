#!/usr/bin/env python3
"""Hadoop streaming ranking reducer (scale/README.md): reads the mapper's JSONL records
(in any order), keeps the global top N documents (score desc, then id) in a bounded heap,
counts documents and errors and the per-indicator hits, and writes the top N ranked
(rank 1..N) followed by one `record: "indicator"` line per indicator and one
`record: "totals"` line. Run it as the only reduce task (-numReduceTasks 1).

    python3 hadoop_rank.py [--top N]
"""
import heapq
import json
import sys


class Desc:
    """Inverts a key's order, so a min-heap of (score, Desc(id)) evicts the lowest score
    and, among equal scores, the greatest id."""
    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return self.v > other.v

    def __eq__(self, other):
        return self.v == other.v


def main(argv):
    top = 100
    if len(argv) >= 2 and argv[0] == "--top":
        top = int(argv[1])
    heap, indicators = [], {}
    documents = errors = 0
    seq = 0
    for line in sys.stdin:
        # streaming hands the reducer "key<TAB>value"; the mapper's records are all key
        line = line.rstrip("\n")
        if line.endswith("\t"):
            line = line[:-1]
        if not line.strip():
            continue
        r = json.loads(line)
        kind = r.get("record")
        if kind == "error":
            errors += 1
            continue
        if kind != "document":
            continue
        documents += 1
        seen = {}
        for h in r.get("hits") or []:
            seen[h["indicator"]] = seen.get(h["indicator"], 0) + 1
        for k, n in seen.items():
            d, t = indicators.get(k, (0, 0))
            indicators[k] = (d + 1, t + n)
        seq += 1
        item = (r["score"], Desc(r["id"]), Desc(seq), line)
        if len(heap) < top:
            heapq.heappush(heap, item)
        elif top and item > heap[0]:
            heapq.heapreplace(heap, item)
    ranked = sorted(heap, key=lambda i: (-i[0], i[1].v, i[2].v))
    out = sys.stdout
    for rank, item in enumerate(ranked, start=1):
        r = json.loads(item[3])
        r["rank"] = rank
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
    for k, (d, t) in sorted(indicators.items(), key=lambda kv: (-kv[1][0], kv[0])):
        out.write(json.dumps({"record": "indicator", "indicator": k, "documents": d, "hits": t}) + "\n")
    out.write(json.dumps({"record": "totals", "documents_in": documents + errors,
                          "assessments": documents, "errors": errors}) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
