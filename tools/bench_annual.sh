#!/usr/bin/env bash
# tools/bench --annual: the real job, a year of hourly met over the city case,
# extrapolated from a few simulated hours of `airshed run`.
#   tools/bench_annual.sh BUILD_DIR BACKEND [--hours H] [--scenario FILE]
#                         [--set SECTION.KEY=VALUE ...]
# BUILD_DIR holds airshed and bench_transport (tools/bench builds them).
#
# How it extrapolates: every progress line the run prints (one per output
# hour, flushed) is time-stamped as it arrives. Then
#   set-up    = launch .. the t = 0 line (reading, met, first forcing)
#   per hour  = (t = H line - t = 0 line) / H: the steps, the hourly met
#               and emission refresh, statistics and outputs of an hour
#   end       = the t = H line .. exit (statistics, tables, run.json)
#   year      = set-up + 8760 x per hour + end
# The per-hour cost is the mean over the first H hours of the scenario's met
# (default.toml's January day, repeated over the year), so the steps per
# hour, set by the advective Courant limit today, are those hours'.
# The roofline estimate is the year's steps times the bytes one step must
# move at the measured triad bandwidth: one pass over the fields, each
# species' c read and written once (8 B per cell) and the met (u, v, w,
# Kh, Kz: 20 B per cell) read once for all species; next to it today's
# design bytes (48 B per species-cell-step, docs/performance.md).
# The last line is
#   annual_wall_per_day_s=.. annual_wall_per_year_s=.. roofline_year_s=..
#   steps_per_hour=.. one_pass_fraction=.. cpu_s_per_step=..
# Method and results: docs/performance.md, "The annual job".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$1 backend=$2
shift 2
hours=3
scenario=$root/scenarios/city_annual.toml
sets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --hours) hours=$2; shift 2 ;;
    --scenario) scenario=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
    --set) sets+=("$2"); shift 2 ;;
    *) echo "tools/bench --annual: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ "$hours" =~ ^[1-9][0-9]*$ ]] || { echo "tools/bench --annual: --hours wants a whole number >= 1, not '$hours'" >&2; exit 2; }
[ -f "$scenario" ] || { echo "tools/bench --annual: no scenario $scenario" >&2; exit 2; }
threads=$(nproc)
[ "$backend" = cuda ] && threads=1

# One single-line KEY = VALUE in [SECTION], replaced where it is, else added
# at the end of that table (or as a new table at the end of the file).
set_key() {  # FILE SECTION KEY VALUE
  awk -v sec="$2" -v key="$3" -v val="$4" '
    function add() { if (insec && !done) { print key " = " val; done = 1 } }
    /^[ \t]*\[/ { add(); insec = ($0 ~ "^[ \t]*\\[" sec "\\][ \t]*(#.*)?$"); print; next }
    insec && $0 ~ "^[ \t]*\"?" key "\"?[ \t]*=" { print key " = " val; done = 1; next }
    { print }
    END { add(); if (!done) { print "[" sec "]"; print key " = " val } }' "$1" >"$1.new"
  mv "$1.new" "$1"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$(dirname "$scenario")/." "$work/"  # the files it names are relative to it
case_file=$work/annual_bench.toml
cp "$scenario" "$case_file"
set_key "$case_file" scenario duration "\"${hours}h\""
set_key "$case_file" scenario output_interval '"1h"'
for kv in "${sets[@]}"; do
  [[ "$kv" =~ ^([A-Za-z0-9_.-]+)\.([A-Za-z0-9_-]+)=(.+)$ ]] ||
    { echo "tools/bench --annual: --set wants SECTION.KEY=VALUE, not '$kv'" >&2; exit 2; }
  set_key "$case_file" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}"
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
bw_line=$("$build/tools/bench_transport" --backend "$backend" --threads "$threads" --triad 1)
echo "$bw_line"
bw=$(sed 's/.*triad_best_GBs=\([0-9.]*\).*/\1/' <<<"$bw_line")
echo "annual: $(basename "$scenario") for ${hours} simulated h on $backend ($threads threads)${sets[*]:+, with ${sets[*]}}"

# CPU seconds (user + sys) of this script's finished children so far: the
# run's CPU time says what the wall time would be on a machine to itself.
children_cpu() {  # `times` in this shell (a pipe would run it in a subshell)
  times >"$work/times"
  sed -n 2p "$work/times" | awk '{ s = 0; for (i = 1; i <= 2; ++i) { split($i, a, /[ms]/); s += 60 * a[1] + a[2] } printf "%.2f", s }'
}

# The run, each line stamped with the wall clock as it arrives.
log=$work/run.log
children_cpu >"$work/cpu0"
t_launch=$EPOCHREALTIME
set +e
(cd "$work" && "$build/airshed" --backend "$backend" run --threads "$threads" --output "$work/out" "$case_file" 2>&1) |
  while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done >"$log"
rc=${PIPESTATUS[0]}
set -e
t_exit=$EPOCHREALTIME
children_cpu >"$work/cpu1"
cpu=$(awk -v a="$(cat "$work/cpu1")" -v b="$(cat "$work/cpu0")" 'BEGIN { printf "%.2f", a - b }')
[ "$rc" = 0 ] || { cut -d' ' -f2- "$log" | tail -20; echo "tools/bench --annual: airshed exited with $rc" >&2; exit 1; }
grep -E ' (grid|  *[0-9]+ species|threads:)' "$log" | cut -d' ' -f2- | sed 's/^/  /'

awk -v launch="$t_launch" -v done_at="$t_exit" -v hours="$hours" -v bw="$bw" -v cpu="$cpu" -v threads="$threads" '
  / grid [0-9]+ x [0-9]+ x [0-9]+ cells/ {
    for (i = 1; i <= NF; ++i) if ($i == "grid") { nx = $(i + 1); ny = $(i + 3); nz = $(i + 5) }
  }
  / [0-9]+ species, / { for (i = 1; i <= NF; ++i) if ($(i + 1) == "species,") ns = $i }
  / t= *[0-9]+ s / {
    for (i = 1; i <= NF; ++i) {
      if ($i ~ /^t=/) { t = substr($i, 3); if (t == "") t = $(i + 1) }
      if ($i ~ /^steps=/) { st = substr($i, 7); if (st == "") st = $(i + 1) }
    }
    if (t + 0 == 0 && !seen0) { t0 = $1; s0 = st; seen0 = 1 }
    last = $1; tl = t; sl = st
  }
  END {
    if (!seen0 || tl + 0 != hours * 3600) { print "tools/bench --annual: no progress lines for t = 0 .. " hours " h in the log"; exit 1 }
    cells = nx * ny * nz
    setup = t0 - launch; per_hour = (last - t0) / hours; end_s = done_at - last
    steps_h = (sl - s0) / hours; per_step = (last - t0) / (sl - s0)
    day = 24 * per_hour; year = setup + 8760 * per_hour + end_s
    one_pass = cells * (8 * ns + 20); design = cells * ns * 48
    roof_step = one_pass / (bw * 1e9); roof_year = 8760 * steps_h * roof_step
    printf "  set-up %.2f s, per simulated hour %.2f s (%.1f steps, %.4f s per step), end %.2f s\n", setup, per_hour, steps_h, per_step, end_s
    printf "  species-cell-updates/s end to end: %.4g (%.4g cells x %d species per step)\n", cells * ns / per_step, cells, ns
    printf "  bytes per step: one pass %.1f MB (8 B x %d species + 20 B met per cell), design %.1f MB (48 B per species-cell)\n", one_pass / 1e6, ns, design / 1e6
    printf "  roofline at %.2f GB/s: %.2f ms per step (one pass), %.2f ms (design); this run: %.1f ms, %.3f of the one-pass roofline\n", bw, 1e3 * roof_step, 1e3 * design / (bw * 1e9), 1e3 * per_step, roof_step / per_step
    printf "  wall per simulated day %.1f s (%.2f h), per simulated year %.0f s (%.2f h, %.2f days)\n", day, day / 3600, year, year / 3600, year / 86400
    printf "  CPU time of the run %.1f s for %.1f s wall (%.2f of %d threads busy): under load the wall time is mostly waiting; %.4f CPU-s per step at most (set-up included), a year at that rate on %d free cores: %.0f s\n", cpu, done_at - launch, cpu / (done_at - launch), threads, cpu / (sl - s0), threads, 8760 * steps_h * cpu / (sl - s0) / threads
    printf "  roofline year: %.0f steps x %.2f ms = %.1f s (design bytes: %.1f s); goal 600 s\n", 8760 * steps_h, 1e3 * roof_step, roof_year, 8760 * steps_h * design / (bw * 1e9)
    printf "annual_wall_per_day_s=%.2f annual_wall_per_year_s=%.0f roofline_year_s=%.1f steps_per_hour=%.1f one_pass_fraction=%.4f cpu_s_per_step=%.4f\n", day, year, roof_year, steps_h, roof_step / per_step, cpu / (sl - s0)
  }' "$log"
