#!/usr/bin/env bash
# Scores real text nobody on the team wrote (../shared/corpora-real, read in place, never
# copied): the share of presumed-legitimate job ads at medium and high per language, and
# EMSCAD fraudulent vs legitimate ROC AUC (origin=EMSCAD only; scams are not trafficking,
# so that figure is a signal, not a target). Skips cleanly when ../shared is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${SHARED:-../shared/corpora-real}"
if [ ! -d "$shared" ]; then
  echo "eval-real: $shared not found, skipped"
  exit 0
fi
binary="${LURESCAN:-.build/release/lurescan}"
[ -x "$binary" ] || binary=.build/debug/lurescan
exec python3 scripts/eval_real.py "$binary" "$shared"
