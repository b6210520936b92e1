#!/bin/sh
# Hadoop streaming mapper (scale/README.md): LureScan's mapper contract, one JSONL
# assessment per non-blank input line, in input order. `lurescan scan` exits 1 when
# nothing reached band medium: that is a result, not a failed task, so 0 and 1 both
# succeed and only real failures (2: usage, library) fail the task.
# The binary: ./lurescan (shipped with -files), else $LURESCAN_BIN, else lurescan on PATH.
bin=./lurescan
[ -x "$bin" ] || bin=${LURESCAN_BIN:-lurescan}
"$bin" scan --stream --format jsonl -q "$@" -
rc=$?
[ "$rc" -le 1 ] || exit "$rc"
