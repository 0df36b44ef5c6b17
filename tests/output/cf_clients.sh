#!/usr/bin/env bash
# The CF view of the default scenario (shortened to 6 h) read by the clients
# a user opens it with (docs/output-format.md, "CF view"):
#   tools/check_cf: every CF-1.10 rule the view promises, on both files;
#   ncdump -h, nccopy -k nc4 and -k classic (netCDF-3) succeed;
#   cdo remapnn,lon=X_lat=Y at a point inside the cell of the highest PM2.5
#     period mean returns that cell's series as NAME.h5 holds it, exactly;
#   cdo timmean of the series equals the model's own period_mean (float
#     rounding: the t = 0 initial state is not in the series);
#   gdalinfo places a statistic's corners within one cell of the domain's
#     corners computed from the scenario's origin lon/lat and size;
#   xarray reads lat/lon and decodes the statistics' time bounds and
#     time_of_max as dates.
# Exit 77 (skip) only when a client is not installed (tools/setup-deps
# installs them all).   Usage: cf_clients.sh AIRSHED_BINARY  (from the repo root)
set -u
bin=$1
repo=$(pwd)
for tool in ncdump nccopy cdo gdalinfo /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "cf_clients: $tool not installed (tools/setup-deps)"; exit 77; }
done
/usr/bin/python3 -c "import h5netcdf, h5py, xarray" 2>/dev/null ||
  { echo "cf_clients: python3 h5netcdf/h5py/xarray not installed (tools/setup-deps)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$tmp" || exit 1
cp -r "$repo/scenarios/met" met
sed -e 's/^duration = "24h"/duration = "6h"/' "$repo/scenarios/default.toml" >default.toml
grep -q '^duration = "6h"' default.toml || fail "could not shorten the default scenario"
"$bin" run default.toml --output out --quiet --threads 1 >run.log 2>&1 || fail "run failed: $(cat run.log)"
for f in default.nc default_statistics.nc; do
  [ -s "out/$f" ] || fail "no out/$f: $(ls out)"
  grep -q "\"$f\"" out/run.json || fail "run.json does not list $f"
done

"$repo/tools/check_cf" out/default.nc out/default_statistics.nc || fail "check_cf found violations"
# The checker bites: NAME.h5 (the model's own names, CF-1.8) breaks its rules.
"$repo/tools/check_cf" out/default.h5 >h5_check.txt && fail "check_cf passed NAME.h5"
grep -q "PM2.5_ground: variable name is not CF-safe" h5_check.txt || fail "check_cf: $(cat h5_check.txt)"
grep -q "x: no bounds variable" h5_check.txt || fail "check_cf missed x bounds: $(cat h5_check.txt)"

for f in default.nc default_statistics.nc; do
  ncdump -h "out/$f" >"$f.cdl" 2>&1 || fail "ncdump -h $f: $(cat "$f.cdl")"
  nccopy -k nc4 "out/$f" "nc4_$f" 2>err.txt || fail "nccopy -k nc4 $f: $(cat err.txt)"
  nccopy -k classic "out/$f" "classic_$f" 2>err.txt || fail "nccopy -k classic $f: $(cat err.txt)"
done
grep -q 'PM2_5_ground:units = "ug m-3"' default.nc.cdl || fail "ncdump: no PM2_5_ground in ug m-3"
grep -q 'PM2_5_max_instant:cell_methods = "time: maximum' default_statistics.nc.cdl ||
  fail "ncdump: no cell_methods on PM2_5_max_instant"

# The cell of the highest PM2.5 period mean (the model's statistic, NAME.h5)
# and a point 30 % of the way from its centre to its north-east corner.
read -r ci cj plon plat < <(/usr/bin/python3 - <<'PY'
import h5py, numpy as np
with h5py.File("out/default.h5", "r") as f:
    pm = f["statistics/PM2.5_period_mean"][...]
    j, i = np.unravel_index(np.argmax(pm), pm.shape)
    lat, lon = f["lat"][j, i], f["lon"][j, i]
    latn, lonn = f["lat"][j + 1, i + 1], f["lon"][j + 1, i + 1]
print(i, j, lon + 0.15 * (lonn - lon), lat + 0.15 * (latn - lat))
PY
)
[ -n "${plat:-}" ] || fail "could not pick a cell"
cdo -s remapnn,"lon=${plon}_lat=${plat}" -selname,PM2_5_ground out/default.nc point.nc >cdo.log 2>&1 ||
  fail "cdo remapnn: $(cat cdo.log)"
cdo -s timmean -selname,PM2_5_ground out/default.nc timmean.nc >cdo.log 2>&1 ||
  fail "cdo timmean: $(cat cdo.log)"

/usr/bin/python3 - "$ci" "$cj" "$repo" <<'PY' || exit 1
import json, math, subprocess, sys, tomllib
import h5netcdf, h5py, numpy as np, xarray as xr

i, j = int(sys.argv[1]), int(sys.argv[2])
bad = []
with h5py.File("out/default.h5", "r") as f:
    t = f["time"][...]
    series = f["PM2.5_ground"][:, j, i][t > 0]
    period_mean = f["statistics/PM2.5_period_mean"][...]
    start_utc = f["time"].attrs["units"].decode().split("since ")[1]
with h5netcdf.File("point.nc", "r") as p:
    got = np.asarray(p["PM2_5_ground"][...]).reshape(-1)
if got.shape != series.shape or not np.array_equal(got, series):
    bad.append(f"cdo remapnn at cell ({i}, {j}): {got[:4]}... != model {series[:4]}...")
else:
    print(f"cdo remapnn: cell ({i}, {j}) series of {got.size} equals NAME.h5 exactly (max {got.max():.4g})")

with h5netcdf.File("timmean.nc", "r") as m:
    tm = np.asarray(m["PM2_5_ground"][...]).reshape(period_mean.shape)
rel = np.max(np.abs(tm - period_mean)) / np.max(period_mean)
# float32 means of 6 values: a few units of 2^-24 relative.
if not rel < 1e-6:
    bad.append(f"cdo timmean differs from period_mean by {rel:.3g} of its maximum")
else:
    print(f"cdo timmean = period_mean within {rel:.2g} of its maximum")

# gdalinfo on a statistic: corners against the scenario's domain, computed
# here on a sphere (R = 6371008.8 m, IUGG mean radius): over 8 km the
# sphere and the model's ellipsoidal projection differ by metres, far
# below the one-cell bound.
sc = tomllib.load(open("default.toml", "rb"))
d = sc["domain"]
lon0, lat0 = d["origin"]["lon"], d["origin"]["lat"]
(lx, ly), (nx, ny) = d["size"], d["cells"]
R = 6371008.8
dlat = math.degrees(ly / R)
dlon = math.degrees(lx / (R * math.cos(math.radians(lat0))))
cell_lat, cell_lon = dlat / ny, dlon / nx
info = json.loads(subprocess.run(
    ["gdalinfo", "-json", 'NETCDF:"out/default_statistics.nc":PM2_5_max_instant'],
    check=True, capture_output=True, text=True).stdout)
ring = np.array(info["wgs84Extent"]["coordinates"][0])
west, east = ring[:, 0].min(), ring[:, 0].max()
south, north = ring[:, 1].min(), ring[:, 1].max()
errs = [abs(west - lon0) / cell_lon, abs(east - (lon0 + dlon)) / cell_lon,
        abs(south - lat0) / cell_lat, abs(north - (lat0 + dlat)) / cell_lat]
if info["size"] != [nx, ny] or max(errs) >= 1:
    bad.append(f"gdalinfo: size {info['size']}, corners W {west} E {east} S {south} N {north}: "
               f"{max(errs):.2f} cells off")
else:
    print(f"gdalinfo: corners within {max(errs):.3f} cells of the scenario's domain")

ds = xr.open_dataset("out/default_statistics.nc", engine="h5netcdf")
start = np.datetime64(start_utc.rstrip("Z"))
tb = ds["time_bnds"].values
want = np.array([[start, start + np.timedelta64(6, "h")]])
if tb.dtype.kind != "M" or not np.array_equal(tb, want.astype(tb.dtype)):
    bad.append(f"xarray time_bnds {tb} != {want}")
tom = ds["PM2_5_time_of_max"]
if tom.dtype.kind != "M":
    bad.append(f"xarray did not decode PM2_5_time_of_max ({tom.dtype})")
elif not ((tom.values >= want[0, 0]) & (tom.values <= want[0, 1])).all():
    bad.append("PM2_5_time_of_max outside the run")
lat, lon = ds["lat"], ds["lon"]
if lat.dims != ("y", "x") or not (lat0 < float(lat.min()) < float(lat.max()) < lat0 + dlat) \
        or not (lon0 < float(lon.min()) < float(lon.max()) < lon0 + dlon):
    bad.append("xarray lat/lon are not 2-D inside the domain")
if "lat" not in ds["PM2_5_max_instant"].coords:
    bad.append("xarray does not attach lat/lon to the statistics")
if not bad:
    print(f"xarray: time bounds {tb[0, 0]} .. {tb[0, 1]}, time_of_max decoded, 2-D lat/lon")
for b in bad:
    print("FAIL: " + b)
sys.exit(1 if bad else 0)
PY
echo "cf clients: check_cf, ncdump, nccopy, cdo, gdalinfo and xarray agree with the model"
