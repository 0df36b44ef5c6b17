#!/usr/bin/env bash
# `airshed export` read by GDAL's own clients (issue 14):
# - gdalinfo -json on a GeoTIFF of a ground field and of a statistic: the
#   corners, in lon/lat, lie within one cell of the domain corners computed
#   from the scenario's [domain] origin and size through the model's
#   projection (PROJ's aeqd on WGS 84 about the origin, as LocalProjection
#   defines it; built here from the scenario, not from the file), and the
#   raster values equal the HDF5 field's bit for bit;
# - ogrinfo reads the contour GeoJSON and KML; the exceedance polygons'
#   area (in the run's projected CRS, via ogr2ogr) against the cells at or
#   above the level times the cell area, within perimeter x h / 2.
# Usage: gis_export.sh AIRSHED_BINARY   (run from the repo root)
set -u
bin=$1
repo=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
for tool in gdalinfo ogrinfo ogr2ogr gdal_translate; do
  command -v $tool >/dev/null || fail "$tool missing (tools/deps/export.txt: gdal-bin)"
done
cd "$tmp" || exit 1
cp -r "$repo/scenarios/met" met
# The default scenario, 6 h: the statistics hold hourly maxima.
sed -e 's/^duration = "24h"/duration = "6h"/' "$repo/scenarios/default.toml" >s.toml
grep -q '^duration = "6h"' s.toml || fail "could not shorten the default scenario"
"$bin" run s.toml --output out --quiet --threads 1 >run.log 2>&1 || fail "run failed: $(cat run.log)"
# Levels: 10 % and 40 % of the SO2 hourly maximum (a plume with an edge
# inside the domain), and one above the maximum (an empty exceedance).
levels=$(/usr/bin/python3 -c "
import h5py, numpy as np
m = float(np.nanmax(h5py.File('out/default.h5')['statistics/SO2_max_hourly_mean'][:]))
print('%.6g,%.6g,%.6g' % (0.1 * m, 0.4 * m, 2 * m))")
"$bin" export out --field SO2:max_hourly_mean --geotiff --contours "$levels" >export.log 2>&1 ||
  fail "export of the statistic failed: $(cat export.log)"
no2_levels=$(/usr/bin/python3 -c "
import h5py, numpy as np
m = float(np.nanmax(h5py.File('out/default.h5')['NO2_ground'][:]))
print('%.6g,%.6g' % (0.05 * m, 0.3 * m))")
"$bin" export out --field NO2 --contours "$no2_levels" --geojson no2.geojson >>export.log 2>&1 ||
  fail "contours of a ground field failed: $(cat export.log)"
"$bin" export out --field NO2 >>export.log 2>&1 || fail "export of a ground field failed: $(cat export.log)"
"$bin" export out --field NO2 --time last --geotiff last.tif >>export.log 2>&1 ||
  fail "export at the last time failed: $(cat export.log)"
cat export.log
ls out/export/SO2_max_hourly_mean.tif out/export/SO2_max_hourly_mean_contours.geojson \
  out/export/SO2_max_hourly_mean_contours.kml out/export/NO2_ground_t*.tif >/dev/null ||
  fail "default file names: $(ls out/export)"
for f in out/export/SO2_max_hourly_mean.tif out/export/NO2_ground_t*.tif last.tif; do
  gdalinfo -json "$f" >"$f.json" || fail "gdalinfo $f"
  gdal_translate -q -of XYZ -co SIGNIFICANT_DIGITS=10 "$f" "$f.xyz" || fail "gdal_translate $f"
done
ogrinfo -ro -al -so out/export/SO2_max_hourly_mean_contours.geojson >geojson.txt || fail "ogrinfo geojson"
ogrinfo -ro -al -so out/export/SO2_max_hourly_mean_contours.kml >kml.txt || fail "ogrinfo kml"
ogrinfo -ro -al out/export/SO2_max_hourly_mean_contours.kml >kml_all.txt || fail "ogrinfo kml"
/usr/bin/python3 -c "
import h5py
open('crs.wkt', 'w').write(h5py.File('out/default.h5')['crs'].attrs['crs_wkt'].decode())"
ogr2ogr -f GeoJSON -t_srs crs.wkt projected.geojson out/export/SO2_max_hourly_mean_contours.geojson ||
  fail "ogr2ogr to the run's CRS"
ogr2ogr -f GeoJSON -t_srs crs.wkt no2_projected.geojson no2.geojson || fail "ogr2ogr to the run's CRS"
/usr/bin/python3 - "$levels" "$no2_levels" <<'PY' || exit 1
import glob, json, math, re, sys, tomllib
import subprocess
import h5py, numpy as np

def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)

s = tomllib.load(open("s.toml", "rb"))
lon0, lat0 = s["domain"]["origin"]["lon"], s["domain"]["origin"]["lat"]
lx, ly = s["domain"]["size"]
nx, ny = s["domain"]["cells"]
dx, dy = lx / nx, ly / ny
aeqd = f"+proj=aeqd +lat_0={lat0} +lon_0={lon0} +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"

def to_lonlat(points):
    """Projected (x, y) of the model's CRS to lon/lat, through PROJ (gdaltransform)."""
    text = "".join(f"{x!r} {y!r}\n" for x, y in points)
    out = subprocess.run(["gdaltransform", "-s_srs", aeqd, "-t_srs", "+proj=longlat +datum=WGS84 +no_defs"],
                         input=text, capture_output=True, text=True, check=True).stdout
    return [tuple(map(float, line.split()[:2])) for line in out.splitlines()]

def distance(a, b):
    """Metres between two nearby lon/lat points (local tangent plane; << 1 m off at 10 km)."""
    lat = math.radians(0.5 * (a[1] + b[1]))
    m_lat = 111132.92 - 559.82 * math.cos(2 * lat)  # WGS 84 metres per degree
    m_lon = 111412.84 * math.cos(lat) - 93.5 * math.cos(3 * lat)
    return math.hypot((a[0] - b[0]) * m_lon, (a[1] - b[1]) * m_lat)

names = ["upperLeft", "lowerLeft", "upperRight", "lowerRight"]
expected = dict(zip(names, to_lonlat([(0, ly), (0, 0), (lx, ly), (lx, 0)])))
f = h5py.File("out/default.h5", "r")
t_units = f["time"].attrs["units"].decode()
times = f["time"][:]

def check_tiff(path, field):
    info = json.load(open(path + ".json"))
    if info["size"] != [nx, ny]:
        fail(f"{path}: size {info['size']}")
    # gdalinfo transforms each corner to lon/lat through the file's CRS.
    # The corners in the file's CRS, read in the model's own (so a wrong
    # geotransform shows), and the file's lon/lat (wgs84Extent: gdalinfo
    # transforms the corners through the file's CRS, so a wrong CRS shows).
    worst = 0.0
    got = to_lonlat([info["cornerCoordinates"][n] for n in names])
    for n, ll in zip(names, got):
        worst = max(worst, distance(ll, expected[n]))
    ring = info["wgs84Extent"]["coordinates"][0]
    for e in expected.values():
        worst = max(worst, min(distance(tuple(p), e) for p in ring))
    print(f"{path}: corners within {worst:.3g} m of the domain corners (bound: one cell, {min(dx, dy):g} m)")
    if not worst < min(dx, dy):
        fail(f"{path}: a corner {worst} m off")
    xyz = np.loadtxt(path + ".xyz")
    # XYZ lists cell centres north row first: x, y must be the file's x, y.
    xs, ys, vs = xyz[:, 0].reshape(ny, nx), xyz[:, 1].reshape(ny, nx), xyz[:, 2].reshape(ny, nx)
    if not (np.allclose(xs[0], f["x"][:], atol=1e-6) and np.allclose(ys[:, 0], f["y"][:][::-1], atol=1e-6)):
        fail(f"{path}: cell centres differ from the file's x, y")
    got = vs[::-1].astype(np.float32)
    same = (got == field) | (np.isnan(got) & np.isnan(field))
    if not same.all():
        fail(f"{path}: {np.count_nonzero(~same)} values differ from the HDF5 field")
    md = info.get("metadata", {}).get("", {})
    return md

stat = f["statistics/SO2_max_hourly_mean"][:]
md = check_tiff("out/export/SO2_max_hourly_mean.tif", stat)
if md.get("AIRSHED_STATISTIC") != "max_hourly_mean" or md.get("AIRSHED_UNITS") != "ug/m3":
    fail(f"statistic metadata {md}")
no2 = f["NO2_ground"]
tmax = int(np.argmax([np.nanmax(no2[t]) for t in range(no2.shape[0])]))
(ground_tif,) = glob.glob("out/export/NO2_ground_t*.tif")
if not ground_tif.endswith("_t%04d.tif" % tmax):
    fail(f"default time: {ground_tif}, the domain maximum is at index {tmax}")
md = check_tiff(ground_tif, no2[tmax])
if not md.get("AIRSHED_TIME", "").startswith("2026-01-15T"):
    fail(f"ground field time metadata {md}")
check_tiff("last.tif", no2[no2.shape[0] - 1])

levels = [float(v) for v in sys.argv[1].split(",")]
for name in ("geojson.txt", "kml.txt"):
    txt = open(name).read()
    if f"Feature Count: {2 * len(levels)}" not in txt:
        fail(f"{name}: not {2 * len(levels)} features (exceedance + contour per level):\n{txt}")
# KML keeps the attributes under their names (ExtendedData).
kml = open("kml_all.txt").read()
for level in levels:
    if not re.search(r"level \(Real\) = %s\b" % re.escape("%.6g" % level), kml):
        fail(f"KML lacks level {level}")
if kml.count("kind (String) = exceedance") != len(levels) or kml.count("units (String) = ug/m3") != 2 * len(levels):
    fail("KML attributes (kind, units) not as written")
raw = json.load(open("out/export/SO2_max_hourly_mean_contours.geojson"))
for feat in raw["features"]:
    g = feat["geometry"]
    if g and g["coordinates"]:
        c = g["coordinates"]
        while isinstance(c[0], list):
            c = c[0]
        if not (117 < c[0] < 118.5 and 38.5 < c[1] < 39.5):
            fail(f"GeoJSON coordinates not lon, lat: {c}")

def ring_area(r):
    r = np.asarray(r)
    return 0.5 * abs(np.dot(r[:-1, 0], r[1:, 1]) - np.dot(r[1:, 0], r[:-1, 1]))

def check_areas(path, field, levels):
    proj = json.load(open(path))
    for level in levels:
        feats = [ft for ft in proj["features"]
                 if ft["properties"]["kind"] == "exceedance" and abs(ft["properties"]["level"] - level) <= 1e-9 * level]
        if len(feats) != 1:
            fail(f"level {level}: {len(feats)} exceedance features")
        g = feats[0]["geometry"]
        area = 0.0
        if g:
            polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
            for p in polys:
                area += ring_area(p[0]) - sum(ring_area(h) for h in p[1:])
        inside = np.nan_to_num(field, nan=-np.inf) >= level
        cells = inside.sum() * dx * dy
        # The cells' union perimeter, domain edges included.
        pad = np.pad(inside, 1)
        faces = np.count_nonzero(pad[1:, :] != pad[:-1, :]) * dx + np.count_nonzero(pad[:, 1:] != pad[:, :-1]) * dy
        # Marching squares puts the contour between a cell centre at or above the
        # level and its neighbour below, where the cell union puts the face; in
        # each dual square (corners at four centres) the boundary crosses, the
        # two regions differ by at most half the square per length h of face
        # inside it (worst case: two adjacent corners above, the contour anywhere
        # between the centres), so |polygon - cells| <= perimeter * h / 2.
        h = max(dx, dy)
        bound = faces * h / 2
        diff = area - cells
        print(f"level {level:g}: polygons {area:.6g} m2, cells {cells:.6g} m2 ({inside.sum()} cells), "
              f"difference {diff:.4g} m2 = {diff / (dx * dy):.2f} cells; bound perimeter*h/2 = {bound:.4g} m2 "
              f"({bound / (dx * dy):.1f} cells; perimeter {faces:g} m)")
        if not abs(diff) <= bound:
            fail(f"level {level}: area difference {diff} m2 beyond {bound} m2")
        if cells == 0 and area != 0:
            fail(f"level {level}: polygons where no cell reaches the level")
        # area_m2 is the polygons' area before they were written in lon/lat;
        # RFC 7946's 7 decimals (1e-7 deg, <= 1.2 cm) move each vertex by up to
        # that much, the area by at most polygon perimeter (< sqrt(2) x the cells'
        # perimeter) x 1.2 cm.
        attr = feats[0]["properties"]["area_m2"]
        if cells > 0 and not abs(attr - area) <= faces * math.sqrt(2) * 0.012:
            fail(f"level {level}: area_m2 attribute {attr} vs {area}")

check_areas("projected.geojson", stat, levels)
check_areas("no2_projected.geojson", no2[tmax], [float(v) for v in sys.argv[2].split(",")])
print("GIS export: GeoTIFF corners and values, GeoJSON/KML read, exceedance areas bounded")
PY
