#!/usr/bin/env python3
"""Checks that nothing in an airshed output directory claims more than is
on disk (docs/robustness.md). Usage: check_outputs.py OUTDIR [STATUS_PREFIX]

Every file run.json lists must exist and be readable in full: the .h5 opens
and holds at least the times the .xmf lists, every .vt? the .pvd lists is a
whole VTK XML file, receptors.csv has only whole rows; no temporary is left.
With STATUS_PREFIX, run.json's status must start with it. Prints one line
per problem; exit status 1 if there is any."""
import glob
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

import h5py

out = sys.argv[1]
want_status = sys.argv[2] if len(sys.argv) > 2 else None
problems = []

with open(os.path.join(out, "run.json")) as f:
    run = json.load(f)
status = run["status"]
if want_status is not None and not status.startswith(want_status):
    problems.append(f"run.json status {status!r}, expected {want_status!r}...")
if status == "complete" and "failure" in run:
    problems.append("run.json says complete and has a failure")

h5_times = None
for name in run["files"]:
    path = os.path.join(out, name)
    if not os.path.isfile(path):
        problems.append(f"{name}: listed in run.json but missing")
        continue
    if name.endswith("_xdmf.hdf5"):
        # The XDMF views: every one reads its slab of NAME.h5.
        try:
            with h5py.File(path, "r") as h5:
                h5.visititems(lambda key, ds: ds[...] if isinstance(ds, h5py.Dataset) else None)
        except Exception as e:  # noqa: BLE001 - any failure to read is the finding
            problems.append(f"{name}: unreadable view: {e}")
    elif name.endswith(".h5"):
        try:
            with h5py.File(path, "r") as h5:
                h5_times = h5["time"].shape[0]
                for key, ds in h5.items():
                    if isinstance(ds, h5py.Dataset) and ds.ndim >= 3:
                        # 3-D fields on their own schedule count fields_time
                        own = "fields_time" in h5 and ds.ndim == 4
                        want = h5["fields_time"].shape[0] if own else h5_times
                        if ds.shape[0] != want:
                            problems.append(f"{name}: {key} has {ds.shape[0]} times, its time has {want}")
                        ds[...]  # every chunk decompresses
        except Exception as e:  # noqa: BLE001 - any failure to read is the finding
            problems.append(f"{name}: unreadable: {e}")
    elif name.endswith(".xmf"):
        times = ET.parse(path).getroot().findall(".//Time")
        h5 = [n for n in run["files"] if n.endswith(".h5")]
        if not h5:
            problems.append(f"{name}: listed without its .h5")
        elif h5_times is not None and len(times) > h5_times:
            problems.append(f"{name}: lists {len(times)} times, the .h5 holds {h5_times}")
    elif name.endswith(".pvd"):
        for ds in ET.parse(path).getroot().iter("DataSet"):
            vt = os.path.join(out, ds.get("file"))
            try:
                with open(vt, "rb") as f:
                    data = f.read()
                if not data.rstrip().endswith(b"</VTKFile>"):
                    problems.append(f"{ds.get('file')}: listed in {name} but truncated")
            except OSError as e:
                problems.append(f"{ds.get('file')}: listed in {name}: {e}")
    elif name.endswith(".csv"):
        with open(path, "rb") as f:
            data = f.read()
        if data and not data.endswith(b"\n"):
            problems.append(f"{name}: last row is cut")
        rows = data.decode().splitlines()
        width = len(rows[0].split(",")) if rows else 0
        for n, row in enumerate(rows):
            if len(row.split(",")) != width:
                problems.append(f"{name}:{n + 1}: {len(row.split(','))} fields, header has {width}")
                break

for tmp in glob.glob(os.path.join(out, ".*.tmp*")):
    problems.append(f"temporary left behind: {os.path.basename(tmp)}")

for p in problems:
    print(p)
print(f"{out}: status {status!r}, files {run['files']}, problems {len(problems)}")
sys.exit(1 if problems else 0)
