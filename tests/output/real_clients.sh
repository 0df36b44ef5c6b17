#!/usr/bin/env bash
# The outputs opened by the programs people use: writes the synthetic run
# (stretched and uniform grids, and the stretched grid over a hill), then
# ParaView (pvpython, offscreen under xvfb) checks the .xmf and .pvd, tools/render_paraview.py must render
# non-blank PNGs (and tools/quicklook.py one), and xarray/h5netcdf checks the .h5 with decoded times.
#   real_clients.sh WRITE_SAMPLE_OUTPUT WORKDIR      (run from the repo root)
set -euo pipefail
writer=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
for tool in pvpython Xvfb /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "real_clients: $tool not found (tools/setup-deps)"; exit 1; }
done

rm -rf "$work"
mkdir -p "$work/png/quicklook"
# One X server for every pvpython below. Not `xvfb-run -a` per command:
# it picks the display by looking for a free lock file, and a server still
# shutting down from the previous command can hold the display it picks
# ("bad X server connection. DISPLAY=:99", a random CI failure). -displayfd
# lets the server choose a free display itself and report it once ready;
# -noreset keeps it from resetting when its last client leaves, which
# refuses a client that connects at that moment (the same random failure).
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp -noreset 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  [ -s "$work/display" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || { cat "$work/xvfb.log"; exit 1; }
  sleep 0.1
done
[ -s "$work/display" ] || { echo "real_clients: Xvfb did not start in 10 s"; cat "$work/xvfb.log"; exit 1; }
export DISPLAY=":$(tr -dc '0-9' <"$work/display")"
xvfb() { "$@"; }
(cd "$root" && "$writer" "$work/stretched" && "$writer" "$work/uniform" uniform &&
  "$writer" "$work/terrain" terrain)

/usr/bin/python3 "$here/check_xarray.py" "$work/stretched/synthetic.h5"
/usr/bin/python3 "$here/check_xarray.py" "$work/terrain/synthetic.h5" terrain
xvfb pvpython "$here/check_paraview.py" "$work" 2>&1 | grep -v '^$'
test "${PIPESTATUS[0]}" -eq 0

xvfb pvpython "$root/tools/render_paraview.py" "$work/stretched/synthetic.xmf" --species PM2.5 --out "$work/png/xmf"
xvfb pvpython "$root/tools/render_paraview.py" "$work/uniform/synthetic.pvd" --species PM2.5 --out "$work/png/pvd"
# Over terrain the ground map is the lowest layer over the hill.
xvfb pvpython "$root/tools/render_paraview.py" "$work/terrain/synthetic.xmf" --species PM2.5 --out "$work/png/terrain_xmf"
xvfb pvpython "$root/tools/render_paraview.py" "$work/terrain/synthetic.pvd" --species PM2.5 --out "$work/png/terrain_pvd"
/usr/bin/python3 "$root/tools/quicklook.py" "$work/stretched" --out "$work/png/quicklook/map.png"
/usr/bin/python3 - "$work/png" <<'PY'
import glob, sys
import matplotlib.image as mpimg
import numpy as np
pngs = sorted(glob.glob(sys.argv[1] + "/*/*.png"))
assert len(pngs) == 9, pngs
for p in pngs:
    img = mpimg.imread(p)[..., :3]
    colours = len(np.unique((img * 255).astype(np.uint8).reshape(-1, 3), axis=0))
    ok = img.std() > 0.02 and colours > 20
    print(("ok   " if ok else "FAIL ") + f"{p}: {img.shape[1]}x{img.shape[0]}, {colours} colours, std {img.std():.3f}")
    if not ok:
        sys.exit(1)
PY
echo "real clients: all checks passed"
