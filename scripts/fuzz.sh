#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (address sanitizer on) and runs each for
# FUZZ_SECONDS (default 60) from its seed corpus in Fuzz/corpus/<target>. New inputs go to
# .build-fuzz/corpus/<target>; crashes to .build-fuzz/crashes/<target>-*. Leak detection is off:
# ZIPFoundation leaks ~300 bytes per in-memory archive (its FILE cookie). Usage:
#   scripts/fuzz.sh [target...]     (default: every target)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${FUZZ_SECONDS:-60}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}   # the Swift crash handler trips ASan; let ASan report
SCRATCH=${FUZZ_SCRATCH:-$PWD/.build-fuzz}
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(FuzzNormalizer FuzzIndicatorLoader FuzzReaders)

swift build --package-path Fuzz --scratch-path "$SCRATCH" -c debug \
    -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table -Xswiftc -use-ld=lld

status=0
for target in "${TARGETS[@]}"; do
    mkdir -p "$SCRATCH/corpus/$target" "$SCRATCH/crashes"
    echo "== $target: ${SECONDS_PER_TARGET}s"
    rc=0
    "$SCRATCH/debug/$target" -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -timeout=10 -rss_limit_mb=4096 -detect_leaks=0 \
        -print_final_stats=1 -artifact_prefix="$SCRATCH/crashes/$target-" \
        "$SCRATCH/corpus/$target" "Fuzz/corpus/$target" > "$SCRATCH/$target.log" 2>&1 || rc=$?
    grep -E '^(stat::|#[0-9]+ *DONE|==[0-9]+==|SUMMARY|Test unit written|Fatal error)' "$SCRATCH/$target.log" || true
    [ $rc -eq 0 ] || { echo "$target: failed (exit $rc), log in $SCRATCH/$target.log"; status=1; }
done
exit $status
