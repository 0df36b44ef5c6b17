#!/usr/bin/env bash
# Regression truth: the first 3 h of scenarios/default.toml, on the CPU
# backend, compared with the committed tests/regression/default_3h/ (every
# receptor value, the last ground fields and every species' mass budget) within the tolerance
# compare_truth.py states. A changed answer fails here and is seen in
# review; when the change is intended, regenerate on purpose:
#   tests/regression/default_short_run.sh build/airshed --regenerate
# and commit the new truth with the reason.
# Usage: default_short_run.sh AIRSHED_BINARY [--regenerate]
set -euo pipefail
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
truth=$here/default_3h
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$root/scenarios/met" "$tmp/"
sed 's/^duration = .*/duration = "3h"/' "$root/scenarios/default.toml" >"$tmp/default.toml"
grep -q '^duration = "3h"' "$tmp/default.toml"
(cd "$tmp" && "$bin" run default.toml --backend cpu --output out >"$tmp/log" 2>&1) ||
  { cat "$tmp/log"; exit 1; }
if [ "${2:-}" = --regenerate ]; then
  mkdir -p "$truth"
  cp "$tmp/out/receptors.csv" "$truth/receptors.csv"
  /usr/bin/python3 "$here/compare_truth.py" --budget-only "$tmp/out/run.json" >"$truth/mass_budget.json"
  /usr/bin/python3 "$here/compare_truth.py" --ground-only "$tmp/out/default.h5" "$truth/ground_last.npz"
  echo "regenerated $truth"
  exit 0
fi
/usr/bin/python3 "$here/compare_truth.py" "$truth" "$tmp/out"
