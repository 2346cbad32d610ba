#!/usr/bin/env bash
# gpu-check.sh: one script for a GPU machine. It runs, through ./avnas and in this order:
#   1. doctor --json (with avnas.device = gpu, so a machine whose engine sees no GPU stops here),
#   2. bench search --device gpu --json at batch 64 and at batch 256,
#   3. bench extract at paper size (ResNet-34 x 2, 8 frames of 224x224),
#   4. the quickstart run on the GPU (avnas.device = gpu),
# and writes one JSON file of figures (default: gpu-check.json in the working directory).
#
#   scripts/gpu-check.sh [--out FILE]          # on the GPU machine, with AVNAS_LIBTORCH set (docs/gpu.md)
#   scripts/gpu-check.sh --dry-run [--out FILE] # the same steps on the CPU at toy sizes (1-2 minutes);
#                                              # the test suite runs this to keep the script working
#
# Nothing is downloaded; runs and features go to a temporary folder that is removed at the end.
# Exit status: 0 when every step succeeded, 1 when one failed (the JSON file records which), 2 on bad options.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AVNAS="$ROOT/avnas"
OUT="gpu-check.json"
DRY=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dry-run) DRY=true; shift ;;
    --out) [[ $# -ge 2 ]] || { echo "gpu-check: --out needs a FILE" >&2; exit 2; }; OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "gpu-check: unknown option $1 (expected --dry-run, --out FILE)" >&2; exit 2 ;;
  esac
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/avnas-gpu-check.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

if [[ "$DRY" == "true" ]]; then
  DEVICE=cpu
  # bench search's minimum: 100 iterations, at paper scale; one estimator and tiny batches keep it short.
  SEARCH=(--steps 100 --estimators softmax)
  BATCHES=(2 4)
  EXTRACT=(--paper-clips 1 --clips 4)
  # A toy quickstart: 60 clips, one search and one retrain epoch.
  RUN=(-Davnas.dataset.synthetic.clips=60 -Davnas.dataset.synthetic.identities=12 -Davnas.search.epochs=1 -Davnas.retrain.epochs=1)
else
  DEVICE=gpu
  SEARCH=(--steps 1000)
  BATCHES=(64 256)
  EXTRACT=(--paper-clips 64 --clips 512)
  RUN=()
fi
COMMON=(-Davnas.run.dir="$WORK/runs" -Davnas.features.cache-dir="$WORK/cache")

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# A text file as one JSON string.
json_string() { awk 'BEGIN { printf "\"" } { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); printf "%s\\n", $0 } END { printf "\"" }' "$1"; }
# A file that holds JSON, or null when the step wrote none.
json_or_null() { if [[ -s "$1" ]]; then cat "$1"; else printf 'null'; fi; }

FAILED=()
step() {  # step NAME STDOUT_FILE -- avnas args...
  local name="$1" out="$2"; shift 3
  echo "gpu-check: $name: ./avnas $*" >&2
  local t0 status=0
  t0="$(now)"
  "$AVNAS" "$@" > "$out" 2> "$WORK/$name.err" || status=$?
  printf '%s' "$(elapsed "$t0")" > "$WORK/$name.seconds"
  printf '%s' "$status" > "$WORK/$name.status"
  if [[ "$status" != 0 ]]; then
    FAILED+=("$name")
    echo "gpu-check: $name failed (exit $status); its last lines:" >&2
    tail -n 5 "$WORK/$name.err" | sed 's/^/gpu-check:   /' >&2
  fi
  return 0
}
meta() { printf '{"seconds": %s, "exit": %s}' "$(cat "$WORK/$1.seconds")" "$(cat "$WORK/$1.status")"; }

step doctor "$WORK/doctor.json" -- doctor --json -Davnas.device="$DEVICE" "${COMMON[@]}"
if [[ "$(cat "$WORK/doctor.status")" != 0 && "$DRY" != "true" ]]; then
  echo "gpu-check: doctor found no usable GPU; the other steps would fail the same way. See its advice above and docs/gpu.md." >&2
fi
for b in "${BATCHES[@]}"; do
  step "search-$b" "$WORK/search-$b.json" -- bench search --device "$DEVICE" --json --batch "$b" "${SEARCH[@]}"
done
step extract "$WORK/extract.txt" -- bench extract "${EXTRACT[@]}"
PAPER_RATE="$(awk '$1 == "paper" { for (i = 1; i <= NF; i++) if ($i ~ /\)$/) last = i; print $(last + 2); exit }' "$WORK/extract.txt" 2>/dev/null || true)"
[[ "$PAPER_RATE" =~ ^[0-9.]+$ ]] || PAPER_RATE=null
step quickstart "$WORK/run.txt" -- run -Davnas.device="$DEVICE" -Davnas.run.name=gpu-check "${COMMON[@]}" ${RUN[@]+"${RUN[@]}"}

TMP="$OUT.tmp.$$"
{
  printf '{\n  "format": 1,\n  "dry_run": %s,\n  "device": "%s",\n  "date": "%s",\n  "host": "%s",\n' \
    "$DRY" "$DEVICE" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(hostname 2>/dev/null || echo unknown)"
  printf '  "failed": [%s],\n' "$(for f in ${FAILED[@]+"${FAILED[@]}"}; do printf '"%s",' "$f"; done | sed 's/,$//')"
  printf '  "doctor": {"step": %s, "report": %s},\n' "$(meta doctor)" "$(json_or_null "$WORK/doctor.json")"
  printf '  "bench_search": {\n'
  sep=""
  for b in "${BATCHES[@]}"; do
    printf '%s    "batch_%s": {"step": %s, "results": %s}' "$sep" "$b" "$(meta "search-$b")" "$(json_or_null "$WORK/search-$b.json")"
    sep=$',\n'
  done
  printf '\n  },\n'
  printf '  "bench_extract": {"step": %s, "paper_backbone_clips_per_s": %s, "table": %s},\n' \
    "$(meta extract)" "$PAPER_RATE" "$(json_string "$WORK/extract.txt")"
  printf '  "quickstart": {"step": %s, "results": %s}\n}\n' "$(meta quickstart)" \
    "$(json_or_null "$WORK/runs/gpu-check/results.json")"
} > "$TMP"
mv -f "$TMP" "$OUT"
echo "gpu-check: wrote $OUT${FAILED[*]:+ (failed: ${FAILED[*]})}" >&2
[[ ${#FAILED[@]} -eq 0 ]]
