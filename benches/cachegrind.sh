#!/usr/bin/env bash
# Instructions of one warm rules-only detection pass, counted by cachegrind: a figure that
# does not move with the load of a shared machine (wall-clock benches here vary by 25-30%
# from run to run), for A/B comparisons of two builds.
#
#   benches/cachegrind.sh [BIN...]        default BIN: target/release/phiscrub
#
# For each binary: `detect --model off` over N notes of the bench corpus (one JSONL file), and
# over the same N notes twice; the difference is one pass with warm caches (engine build,
# process start-up and the first pass's lazy-DFA construction cancel out). One thread
# (RAYON_NUM_THREADS=1), so that the second pass meets the caches the first one filled.
# The count includes JSONL parsing and output (about 10%), which the criterion bench does not.
#
# Env: PHISCRUB_BENCH_CORPUS (default target/bench-corpus.jsonl, made by `cargo bench --bench
# detect` or `python3 corpora/generate.py --split test --n 7000 --out ...`), NOTES (650, about
# 1 MB of text). Needs valgrind (`apt-get install valgrind`); about 30 s per binary.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${PHISCRUB_BENCH_CORPUS:-target/bench-corpus.jsonl}
notes=${NOTES:-650}
command -v valgrind >/dev/null || { echo "cachegrind.sh: valgrind is missing (apt-get install valgrind)" >&2; exit 2; }
[ -f "$corpus" ] || { echo "cachegrind.sh: no corpus at $corpus (see the header of this script)" >&2; exit 2; }
[ $# -gt 0 ] || set -- target/release/phiscrub
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
head -n "$notes" "$corpus" >"$tmp/one.jsonl"
cat "$tmp/one.jsonl" "$tmp/one.jsonl" >"$tmp/two.jsonl"
bytes=$(python3 -c 'import json,sys; print(sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1])))' "$tmp/one.jsonl")
refs() {
    RAYON_NUM_THREADS=1 valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
        "$1" detect --model off --input-format jsonl --format jsonl "$2" 2>&1 >/dev/null |
        awk '/I *refs:/ { gsub(",", "", $NF); print $NF }'
}
echo "notes $notes, text bytes $bytes"
for bin in "$@"; do
    one=$(refs "$bin" "$tmp/one.jsonl")
    two=$(refs "$bin" "$tmp/two.jsonl")
    awk -v b="$bin" -v one="$one" -v two="$two" -v bytes="$bytes" \
        'BEGIN { d = two - one; printf "%s: %.1f M instructions per warm pass, %.0f per byte\n", b, d / 1e6, d / bytes }'
done
