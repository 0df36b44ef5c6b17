#!/usr/bin/env bash
# The peer side by side: OpenFOAM's scalarTransportFoam on the case
# bench_transport --peer runs: an N^3 box of 100 m cells, uniform 5 m/s wind
# along x, K = 20 m^2/s, one 1e6 M/s point source, dt = 10 s (Courant 0.5),
# limited second-order advection (limitedLinear01), Euler implicit in time.
#   tools/peer_openfoam.sh [N=64] [STEPS=20] [PROCS=2]
# Prints: peer cells=... steps=... seconds_per_step=... cell_updates_per_s=...
# Installs Debian's openfoam package (apt-get) when scalarTransportFoam is missing.
set -euo pipefail
n=${1:-64} steps=${2:-20} procs=${3:-2}
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v scalarTransportFoam >/dev/null; then
  echo "peer: installing openfoam (apt-get)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q openfoam >/dev/null
fi
# Debian installs the OpenFOAM tree under /usr/share/openfoam; the solvers need its etc/.
export FOAM_ETC=${FOAM_ETC:-/usr/share/openfoam/etc} WM_PROJECT_DIR=${WM_PROJECT_DIR:-/usr/share/openfoam}
work=$(mktemp -d /tmp/airshed-peer.XXXXXX)
trap 'rm -rf "$work"' EXIT; [ -n "${PEER_KEEP:-}" ] && trap - EXIT
cp -r "$here/peer/case/." "$work/"
len=$((n * 100))
end=$((steps * 10))
sed -i "s/@N@/$n/g; s/@L@/$len/g" "$work/system/blockMeshDict"
sed -i "s/@END@/$end/g" "$work/system/controlDict"
sed -i "s/@P@/$procs/g" "$work/system/decomposeParDict"
src=$(( len / 4 + 50 ))
sed -i "s/@SRC@/$src/g; s/@SRCZ@/$(( len / 8 + 50 ))/g; s/@MID@/$(( len / 2 + 50 ))/g" "$work/system/fvOptions"
cd "$work"
echo "peer: case in $work" >&2; blockMesh >log.blockMesh 2>&1 || { tail -20 log.blockMesh; exit 1; }
run() {  # wall seconds of one scalarTransportFoam run to endTime $1
  sed -i -E "s/endTime [0-9]+;/endTime $1;/" system/controlDict
  rm -rf processor*
  local t0 t1
  if [ "$procs" -gt 1 ]; then
    decomposePar >log.decompose 2>&1 || { tail -20 log.decompose >&2; exit 1; }
    t0=$(date +%s.%N)
    mpirun --allow-run-as-root --oversubscribe -np "$procs" scalarTransportFoam -parallel >log.run 2>&1 ||
      { tail -30 log.run >&2; exit 1; }
  else
    t0=$(date +%s.%N)
    scalarTransportFoam >log.run 2>&1 || { tail -30 log.run >&2; exit 1; }
  fi
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
# Start-up (reading, decomposition, MPI) cancels out: (T(steps) - T(1)) / (steps - 1).
t_one=$(run 10)
t_all=$(run "$end")
grep -q "Selected .* cell" log.run || grep -qi "source" log.run || echo "peer: warning: point source not reported in the log" >&2
awk -v cells=$((n * n * n)) -v steps="$steps" -v a="$t_all" -v b="$t_one" -v p="$procs" 'BEGIN {
  s = (a - b) / (steps - 1);
  printf "peer solver=scalarTransportFoam cells=%d steps=%d procs=%d seconds_per_step=%.4f cell_updates_per_s=%.6g\n", cells, steps, p, s, cells / s }'
