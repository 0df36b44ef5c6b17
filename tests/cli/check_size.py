"""The size formula of docs/output-format.md ("Output selection and size")
against two real runs (tests/cli/output_size.sh): DEFAULT (the documented
default selection) and FIELDS (SO2 3-D fields on layers 0-1 every 3 h).

  field bytes before compression = 4 S C (n_g + L n_f)
  S species written, C = nx ny columns, L layers, n_g / n_f ground / 3-D times

The datasets' logical bytes must equal it exactly, NAME.h5 on disk may not
exceed it plus the fixed part (coordinates, lat/lon, statistics: bounded
below), and the XDMF views and series must stay within their per-entry
bytes. Prints the measured compression ratio (docs/output-format.md)."""
import glob
import json
import os
import sys

import h5py
import numpy as np

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def sizes(out, species, n_g, n_f, layers):
    with open(os.path.join(out, "run.json")) as f:
        run = json.load(f)
    g = run["grid"]
    C = g["nx"] * g["ny"]
    S = len(species)
    formula = 4 * S * C * (n_g + layers * n_f)
    path = os.path.join(out, "default.h5")
    logical = stored = 0
    stats = 0
    with h5py.File(path, "r") as h5:
        for sp in species:
            for name, n, L in ((sp + "_ground", n_g, 1), (sp, n_f, layers)):
                if n == 0:
                    check(name not in h5, f"{out}: no {name}")
                    continue
                d = h5[name]
                check(d.shape == (n,) + ((L,) if d.ndim == 4 else ()) + (g["ny"], g["nx"]),
                      f"{out}: {name} shape {d.shape}")
                logical += d.size * d.dtype.itemsize
                stored += d.id.get_storage_size()
        for d in h5["statistics"].values():
            stats += d.size * d.dtype.itemsize
        not_written = [k for k in h5 if isinstance(h5[k], h5py.Dataset) and h5[k].ndim >= 3
                       and k.split("_ground")[0] not in species]
        check(not not_written, f"{out}: only the selected species' fields ({not_written})")
    check(logical == formula, f"{out}: field bytes {logical} == 4 S C (n_g + L n_f) = {formula}")
    # Fixed part: lat/lon (16 C), the statistics (uncompressed), metadata.
    fixed = 16 * C + stats + 200_000
    disk = os.path.getsize(path)
    check(disk <= formula + fixed, f"{out}: NAME.h5 {disk} B <= formula {formula} + fixed {fixed}")
    views = os.path.getsize(os.path.join(out, "default_xdmf.hdf5"))
    n_views = S * (max(n_g - 1, 0) + max(n_f - 1, 0))
    per_view = (views - 8_000) / max(n_views, 1)
    check(per_view <= 2_000, f"{out}: {views} B of XDMF views, {per_view:.0f} B per view (<= 2000)")
    xmf = sum(os.path.getsize(p) for p in glob.glob(os.path.join(out, "default*.xmf")))
    print(f"{out}: NAME.h5 {disk} B, fields {stored} B stored of {logical} "
          f"(ratio {logical / max(stored, 1):.2f}), views {views} B, xmf {xmf} B")
    return run


# DEFAULT: 7 snapshots (0..6 h), ground fields at each, no 3-D fields.
species = ["SO2", "NO2", "PM2.5", "NH3"]
run = sizes(sys.argv[1], species, 7, 0, 1)
check(not glob.glob(os.path.join(sys.argv[1], "default_*.vt?")) or
      glob.glob(os.path.join(sys.argv[1], "default_*.vt?")) ==
      glob.glob(os.path.join(sys.argv[1], "default_statistics.vt?")),
      "DEFAULT: no VTK field files")
# FIELDS: ground 7 times, 3-D at 0, 3 h, 6 h on 2 layers; own time axis.
sizes(sys.argv[2], ["SO2"], 7, 3, 2)
with h5py.File(os.path.join(sys.argv[2], "default.h5"), "r") as h5:
    check(list(h5["fields_time"][:]) == [0.0, 10800.0, 21600.0], f"fields_time {list(h5['fields_time'][:])}")
    z = run["grid"]["z_faces"]
    check(np.allclose(h5["fields_z"][:], [(z[0] + z[1]) / 2, (z[1] + z[2]) / 2]), "fields_z = layers 0, 1")
vts = sorted(os.path.basename(p) for p in glob.glob(os.path.join(sys.argv[2], "default_0*.vt?")))
check(len(vts) == 3, f"FIELDS: three VTK files ({vts})")
if failures:
    sys.exit(1)
