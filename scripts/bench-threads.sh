#!/usr/bin/env bash
# bench search (paper-size supernet, softmax, 100 iterations) at 1 and 2 libtorch threads, first
# without and then with one competing busy process (`yes > /dev/null`, always stopped at the end).
# Figures: docs/performance.md, "Threads per stage". Needs python3 only to print the table.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="$(mktemp -d)"
YES=""
trap '[[ -n "$YES" ]] && kill "$YES" 2>/dev/null; rm -rf "$OUT"' EXIT
for load in idle busy; do
  if [[ $load == busy ]]; then
    yes > /dev/null &
    YES=$!
    sleep 1
  fi
  for t in 1 2; do
    ./avnas bench search --steps 100 --estimators softmax --threads "$t" --json 2>/dev/null > "$OUT/r.json"
    python3 - "$OUT/r.json" "$load" "$t" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))[0]
print(f"{sys.argv[2]:5} threads={sys.argv[3]}  {r['samplesPerSecond']:.0f} samples/s  {r['msPerIteration']:.0f} ms/iter")
PY
  done
done
