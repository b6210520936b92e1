#!/usr/bin/env python3
"""The body of scripts/eval-real.sh: feeds each real corpus to `lurescan scan` as JSONL on
stdin and summarises the scores. Usage: eval_real.py LURESCAN_BINARY CORPORA_REAL_DIR"""
import csv
import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

binary, shared = sys.argv[1], Path(sys.argv[2])
csv.field_size_limit(1 << 30)


def scan(records):
    """(score, band, first hit text, indicator ids) of {"id", "text"} records, keyed by id."""
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    run = subprocess.run([binary, "scan", "--input-format", "jsonl", "--format", "jsonl", "-q", "-"],
                         input=lines.encode(), capture_output=True, check=False)
    scores = {}
    for line in run.stdout.decode().splitlines():
        record = json.loads(line)
        if record.get("record") == "document":
            scores[record["id"]] = (record["score"], record["band"], record["hits"][0]["text"] if record["hits"] else "",
                                    {c["id"] for c in record["contributions"] if c["kind"] == "indicator"})
    return scores


def bands_row(name, scores, total):
    medium = sum(1 for s in scores.values() if s[1] in ("medium", "high"))
    high = sum(1 for s in scores.values() if s[1] == "high")
    counts = {}
    for s in scores.values():
        for indicator in s[3]:
            counts[indicator] = counts.get(indicator, 0) + 1
    # The indicators that fire most on presumed-legitimate text: the first to review.
    frequent = ", ".join(f"{i} {100 * c / max(total, 1):.1f}%" for i, c in sorted(counts.items(), key=lambda p: -p[1])[:3])
    print(f"{name:34} {total:7d} {100 * medium / max(total, 1):9.2f}% {100 * high / max(total, 1):7.2f}%   {frequent}")
    return medium, high


def roc_auc(pairs):
    positives = [s for s, p in pairs if p]
    negatives = [s for s, p in pairs if not p]
    if not positives or not negatives:
        return None
    wins = sum((1.0 if p > n else 0.5 if p == n else 0.0) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def corpora():
    argentina = shared / "jobs-es-argentina" / "bumeran_zonajobs_ar_2025-12-05.json.gz"
    if argentina.exists():
        offers = json.load(gzip.open(argentina, "rt", encoding="utf-8")).get("ofertas", [])
        yield "es: Bumeran/ZonaJobs (Argentina)", [
            {"id": f"ar-{o.get('id')}", "title": o.get("titulo") or "", "text": o.get("descripcion_full") or o.get("descripcion_preview") or ""}
            for o in offers]
    france = shared / "jobs-fr" / "france_travail_offres_299.csv"
    if france.exists():
        rows = csv.DictReader(open(france, encoding="utf-8"))
        yield "fr: France Travail", [{"id": f"ft-{i}", "title": r.get("intitule", ""), "text": r.get("description", "")} for i, r in enumerate(rows)]
    wttj = shared / "jobs-fr" / "wttj_pe_data_jobs_fr_1309.csv.gz"
    if wttj.exists():
        rows = list(csv.DictReader(io.TextIOWrapper(gzip.open(wttj), encoding="utf-8")))
        fields = [f for f in (rows[0].keys() if rows else []) if any(k in f.lower() for k in ("title", "titre", "desc", "intitule", "profil", "mission"))]
        yield "fr: WTTJ + Pole emploi (data jobs)", [{"id": f"wt-{i}", "text": "\n".join(str(r[f] or "") for f in fields)} for i, r in enumerate(rows)]
    gupy = shared / "jobs-pt-brazil" / "gupy_vagas_640.jsonl.gz"
    if gupy.exists():
        records = [json.loads(line) for line in gzip.open(gupy, "rt", encoding="utf-8")]
        yield "pt: Gupy (Brazil)", [
            {"id": f"gp-{i}", "text": "\n".join(str(v) for k, v in r.items() if isinstance(v, str) and k.lower() in ("name", "title", "description", "jobdescription", "nome", "descricao"))}
            for i, r in enumerate(records)]
    catho = shared / "jobs-pt-brazil" / "catho_titles_3000.csv"
    if catho.exists():
        rows = list(csv.DictReader(open(catho, encoding="utf-8")))
        title = next((f for f in rows[0].keys() if "tit" in f.lower() or "vaga" in f.lower()), list(rows[0].keys())[0]) if rows else None
        yield "pt: Catho (titles only)", [{"id": f"ct-{i}", "text": r[title] or ""} for i, r in enumerate(rows)]


def main():
    print(f"{'real legitimate job ads':34} {'ads':>7} {'>=medium':>10} {'high':>8}   most frequent indicators (share of ads)")
    for name, records in corpora():
        records = [r for r in records if (r.get("text") or r.get("title"))]
        bands_row(name, scan(records), len(records))
    emscad = shared / "emscad" / "emscad_union.csv"
    if emscad.exists():
        rows = [r for r in csv.DictReader(open(emscad, encoding="utf-8")) if r.get("origin") == "EMSCAD"]
        text_fields = ("title", "company_profile", "description", "requirements", "benefits")
        records = [{"id": r["uid"], "text": "\n".join(r.get(f) or "" for f in text_fields)} for r in rows]
        scores = scan(records)
        legit = {r["uid"]: s for r in rows if r.get("fraudulent") == "0" for s in [scores.get(r["uid"])] if s}
        bands_row("en: EMSCAD legitimate (origin=EMSCAD)", legit, len(legit))
        pairs = [(scores[r["uid"]][0], r.get("fraudulent") == "1") for r in rows if r["uid"] in scores]
        auc = roc_auc(pairs)
        print(f"EMSCAD fraudulent vs legitimate ROC AUC: {auc:.3f} ({sum(p for _, p in pairs)} fraudulent, {sum(not p for _, p in pairs)} legitimate; a signal, not a target)" if auc is not None else "EMSCAD: no pairs")
    backpage = shared / "backpage-ca-2018" / "backpage_ca_2018_redacted.csv"
    if backpage.exists():
        rows = list(csv.DictReader(open(backpage, encoding="utf-8")))
        scores = scan([{"id": f"bp-{r['id']}", "title": r.get("title", ""), "text": r.get("body", "")} for r in rows])
        bands_row("en: Backpage adult ads (not labeled)", scores, len(rows))


if __name__ == "__main__":
    main()
