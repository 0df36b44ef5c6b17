#!/usr/bin/env python3
"""Fails when an #include runs back up airshed's data flow (docs/architecture.md).

Each source folder has a rank in the flow scenario -> met/emissions ->
solver -> kernels -> outputs, read the other way for dependencies: a file
may include its own folder and folders of lower rank only. Two folders of
the same rank (met and emissions, say) may not include each other: they are
siblings, and what both need belongs in a folder below them.
Usage: tools/check_include_flow.py [repository root]
       tools/check_include_flow.py --self-test   (a tree with one include
       against the flow and one along it must give exactly one finding)
"""
import pathlib
import re
import sys

# Lower rank: depended on by more. Folders not listed are not checked.
RANKS = {
    "kernels": 0,
    "host/core": 1,
    "host/input": 1,
    "host/geometry": 1,
    "host/solver": 2,
    "host/scenario": 2,
    "host/met": 3,
    "host/statistics": 3,
    # Plume rise needs the surface state at the source (wind, stability).
    "host/emissions": 4,
    "host/output": 5,
    # GIS export of a finished run's files (GDAL); linked by host/cli only.
    "host/export": 6,
    "host/run": 6,
    # Emission cuts from a tagged run's contributions: statistics and the
    # HDF5 handles below it, used by batches and the command line above.
    "host/attribution": 6,
    "host/batch": 7,
    "host/cli": 8,
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def folder_of(path):
    """The ranked folder a repository-relative path lies in, or None."""
    best = None
    for folder in RANKS:
        if path == folder or path.startswith(folder + "/"):
            if best is None or len(folder) > len(best):
                best = folder
    return best


def findings(root):
    bad = []
    for f in sorted(root.glob("**/*")):
        if f.suffix not in (".hpp", ".cpp", ".cu", ".inc", ".h"):
            continue
        rel = f.relative_to(root).as_posix()
        if rel.startswith(("build", "tests/", "tools/")):
            continue
        here = folder_of(rel)
        if here is None:
            continue
        for lineno, line in enumerate(f.read_text(errors="replace").splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            target = m.group(1)
            if "/" not in target:  # same folder, relative include
                target = str(pathlib.PurePosixPath(rel).parent / target)
            there = folder_of(target)
            if there is None or there == here:
                continue
            if RANKS[there] >= RANKS[here]:
                bad.append(f"{rel}:{lineno}: includes {m.group(1)} ({there}, rank "
                           f"{RANKS[there]}) from {here} (rank {RANKS[here]}): against the flow")
    return bad


def self_test():
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        root = pathlib.Path(d)
        for rel, text in {
            "host/core/grid.hpp": "#pragma once\n",
            "host/run/run_loop.hpp": '#include "host/core/grid.hpp"\n',     # along the flow
            "host/scenario/scenario.hpp": '#include "host/met/x.hpp"\n',  # against it
            "host/met/x.hpp": '#include "y.hpp"\n',                       # same folder
            "host/met/met.hpp": '#include "host/emissions/e.hpp"\n',      # against it
        }.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text)
        bad = findings(root)
    ok = len(bad) == 2 and bad[0].startswith("host/met/met.hpp:1:") \
        and bad[1].startswith("host/scenario/scenario.hpp:1:")
    print("check_include_flow self-test:", "ok" if ok else "FAILED", bad)
    return 0 if ok else 1


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    bad = findings(root)
    for b in bad:
        print(b)
    if bad:
        print(f"check_include_flow: {len(bad)} include(s) against the data flow")
        return 1
    print("check_include_flow: every include follows the flow")
    return 0


if __name__ == "__main__":
    sys.exit(main())
