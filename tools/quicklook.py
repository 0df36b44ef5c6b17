#!/usr/bin/python3
"""Quick look at an airshed run with matplotlib: a ground-level map of one
species with the sources and receptors, and the receptor time series.

    /usr/bin/python3 tools/quicklook.py runs/case [--species PM2.5] [--field max]

Reads OUTDIR/NAME.h5 (h5py), OUTDIR/run.json (sources, receptors) and
OUTDIR/receptors.csv; writes OUTDIR/quicklook_<species>.png unless --out.
--field: "last" (last output time, default), "max" (maximum over the
output times) or a statistic from the statistics group, e.g.
"max_hourly_mean".
"""
import argparse
import csv
import glob
import json
import os
import sys
from collections import defaultdict
from datetime import datetime

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def text(attr):
    return attr.decode() if isinstance(attr, bytes) else str(attr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("--species", default=None)
    ap.add_argument("--field", default="last")
    ap.add_argument("--out", default=None)
    a = ap.parse_args()

    h5s = sorted(glob.glob(os.path.join(a.outdir, "*.h5")))
    if not h5s:
        sys.exit(f"quicklook: no .h5 file in {a.outdir}")
    run = {}
    if os.path.exists(os.path.join(a.outdir, "run.json")):
        with open(os.path.join(a.outdir, "run.json")) as f:
            run = json.load(f)

    with h5py.File(h5s[0], "r") as f:
        species = [k[: -len("_ground")] for k in f if k.endswith("_ground")]
        sp = a.species or species[0]
        if sp not in species:
            sys.exit(f"quicklook: species '{sp}' not in {species}")
        ground = f[sp + "_ground"]
        units = text(ground.attrs.get("units", ""))
        x, y = f["x"][:], f["y"][:]
        if a.field == "last":
            data, what = ground[-1], f"t = {f['time'][-1]:.0f} s"
        elif a.field == "max":
            data, what = ground[:].max(axis=0), "maximum over output times"
        else:
            name = f"statistics/{sp}_{a.field}"
            if name not in f:
                sys.exit(f"quicklook: {name} not in {h5s[0]} (run not finished?)")
            data, what = f[name][:], a.field.replace("_", " ")
            units = text(f[name].attrs.get("units", units))

    series = defaultdict(lambda: ([], []))
    csv_path = os.path.join(a.outdir, "receptors.csv")
    if os.path.exists(csv_path):
        with open(csv_path) as f:
            for row in csv.DictReader(f):
                if row["species"] == sp and row["value"]:
                    t, v = series[row["receptor"]]
                    t.append(datetime.fromisoformat(row["time"]))
                    v.append(float(row["value"]))

    fig, (ax, ts) = plt.subplots(1, 2, figsize=(14, 6), gridspec_kw={"width_ratios": [1.2, 1]})
    dx, dy = x[1] - x[0] if len(x) > 1 else 1, y[1] - y[0] if len(y) > 1 else 1
    edges_x = np.append(x - dx / 2, x[-1] + dx / 2)
    edges_y = np.append(y - dy / 2, y[-1] + dy / 2)
    mesh = ax.pcolormesh(edges_x, edges_y, data, shading="flat", cmap="viridis")
    fig.colorbar(mesh, ax=ax, label=f"{sp} [{units}]")
    for s in run.get("sources", []):
        xs, ys = s["x"], s["y"]
        if len(xs) == 1:
            ax.plot(xs, ys, "r^", ms=9)
        else:
            ax.plot(xs + xs[:1] if s["kind"] == "area" else xs, ys + ys[:1] if s["kind"] == "area" else ys, "r-")
        ax.annotate(s["name"], (xs[0], ys[0]), color="r", xytext=(4, 4), textcoords="offset points")
    for r in run.get("receptors", []):
        ax.plot(r["x"], r["y"], "wo", mec="k", ms=7)
        ax.annotate(r["name"], (r["x"], r["y"]), xytext=(4, -10), textcoords="offset points")
    ax.set_aspect("equal")
    ax.set_xlabel("x [m]")
    ax.set_ylabel("y [m]")
    ax.set_title(f"{run.get('scenario', {}).get('name', '')} {sp} ground level, {what}")

    for name, (t, v) in series.items():
        ts.plot(t, v, label=name)
    ts.set_ylabel(f"{sp} [{units}]")
    ts.set_title("receptors")
    if series:
        ts.legend()
    fig.autofmt_xdate()
    fig.tight_layout()
    out = a.out or os.path.join(a.outdir, f"quicklook_{sp.replace('/', '_')}.png")
    fig.savefig(out, dpi=110)
    print(out)


if __name__ == "__main__":
    main()
