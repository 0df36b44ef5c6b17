"""Real-client check, run by real_clients.sh with /usr/bin/python3: xarray
opens the sample run's HDF5 file through h5netcdf with named dimensions,
decoded times and the analytic values; with "terrain" also the ground
height and the cells' heights above sea level."""
import sys

import numpy as np
import xarray as xr

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def check_terrain(ds, path):
    # write_sample_output ... terrain: the hill of synthetic_run.hpp.
    x, y = ds.x.values, ds.y.values
    hill = (500 * np.exp(-((x[None, :] - 310) / 180) ** 2 - ((y[:, None] - 520) / 300) ** 2)).astype(np.float32)
    check(ds["terrain_height"].dims == ("y", "x"), f"terrain_height dims {ds['terrain_height'].dims}")
    check(bool((ds["terrain_height"].values == hill).all()), "terrain_height = the hill, bit for bit")
    check(ds["terrain_height"].attrs.get("standard_name") == "surface_altitude", "terrain_height standard_name")
    asl = ds["height_above_sea_level"]
    check(asl.dims == ("z", "y", "x"), f"height_above_sea_level dims {asl.dims}")
    err = float(np.max(np.abs(asl.values - (hill[None].astype(np.float64) + ds.z.values[:, None, None]))))
    check(err < 1e-4, f"height_above_sea_level = terrain + z (max error {err:.2e} m)")
    check("height_above_sea_level" in ds["PM2.5"].coords, "PM2.5 has height_above_sea_level as a coordinate")
    check("terrain-following" in ds.z.attrs.get("long_name", ""), f"z long_name {ds.z.attrs.get('long_name')}")
    nodes = xr.open_dataset(path, engine="h5netcdf", group="nodes")
    check(nodes["height_above_sea_level"].dims == ("z_face", "y_face", "x_face"),
          f"nodes dims {nodes['height_above_sea_level'].dims}")


def main(path, kind=""):
    ds = xr.open_dataset(path, engine="h5netcdf")
    if kind == "terrain":
        check_terrain(ds, path)
    check(ds["PM2.5"].dims == ("time", "z", "y", "x"), f"PM2.5 dims {ds['PM2.5'].dims}")
    check(ds["PM2.5_ground"].dims == ("time", "y", "x"), f"ground dims {ds['PM2.5_ground'].dims}")
    check(dict(ds.sizes) == {"time": 7, "z": 4, "y": 5, "x": 6}, f"sizes {dict(ds.sizes)}")
    check(np.issubdtype(ds.time.dtype, np.datetime64), f"time decoded ({ds.time.dtype})")
    expected = np.datetime64("2026-01-14T16:00:00") + np.arange(7) * np.timedelta64(1800, "s")
    check(bool((ds.time.values == expected).all()), f"times {ds.time.values[[0, -1]]} (UTC)")
    check(ds["PM2.5"].attrs.get("units") == "ug/m3", "PM2.5 units")
    check(ds["PM2.5"].attrs.get("standard_name") ==
          "mass_concentration_of_pm2p5_ambient_aerosol_particles_in_air", "PM2.5 standard_name")
    check(list(ds.z.values) == [10, 40, 100, 220], f"z centres {list(ds.z.values)}")
    hours = (np.arange(7) * 1800.0 / 3600.0)[:, None, None, None]
    analytic = (1.0 + hours + 0.01 * ds.x.values[None, None, None, :]
                + 0.002 * ds.y.values[None, None, :, None] + 0.05 * ds.z.values[None, :, None, None])
    err = float(np.max(np.abs(ds["PM2.5"].values - analytic) / analytic))
    check(err < 1e-6, f"PM2.5 values match the analytic field (max rel. error {err:.2e})")
    check(bool((ds["PM2.5_ground"].values == ds["PM2.5"].values[:, 0]).all()), "ground = lowest layer")
    check(ds.attrs.get("status") == "complete", f"status {ds.attrs.get('status')}")
    st = xr.open_dataset(path, engine="h5netcdf", group="statistics")
    check(st["PM2.5_max_instant"].dims == ("y", "x"), f"statistics dims {st['PM2.5_max_instant'].dims}")
    check(bool(np.allclose(st["PM2.5_max_instant"].values, ds["PM2.5_ground"].values[-1])),
          "max_instant = last ground field")
    if failures:
        print(f"{len(failures)} xarray check(s) failed")
        sys.exit(1)
    print("xarray checks passed")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "")
