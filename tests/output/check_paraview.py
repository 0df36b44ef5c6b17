"""Real-client check, run by real_clients.sh under pvpython: ParaView opens
the sample run's .xmf and .pvd with the right times, grid and values."""
import math
import os
import sys

from paraview import simple as pv

TIMES = [0.0, 1800.0, 3600.0, 5400.0, 7200.0, 9000.0, 10800.0]
BOUNDS = (0.0, 600.0, 0.0, 1000.0, 0.0, 300.0)
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def expected_range(t, z_centres):
    # synthetic_run.hpp: 1 + t/3600 + 0.01 x + 0.002 y + 0.05 z (PM2.5, ug/m3)
    base = 1.0 + t / 3600.0
    return (base + 0.01 * 50 + 0.002 * 100 + 0.05 * z_centres[0],
            base + 0.01 * 550 + 0.002 * 900 + 0.05 * z_centres[-1])


def check_series(reader, label, z_centres):
    check(list(reader.TimestepValues) == TIMES, f"{label}: time steps {list(reader.TimestepValues)}")
    for t in TIMES:
        reader.UpdatePipeline(t)
        info = reader.GetDataInformation()
        check(info.GetNumberOfCells() == 120, f"{label} t={t}: 120 cells ({info.GetNumberOfCells()})")
        check(tuple(info.GetBounds()) == BOUNDS, f"{label} t={t}: bounds {info.GetBounds()}")
        names = list(reader.CellData.keys())
        check("PM2.5 [ug/m3]" in names and "SO2 [ug/m3]" in names, f"{label} t={t}: arrays {names}")
        lo, hi = reader.CellData["PM2.5 [ug/m3]"].GetRange()
        elo, ehi = expected_range(t, z_centres)
        check(math.isclose(lo, elo, rel_tol=1e-5) and math.isclose(hi, ehi, rel_tol=1e-5),
              f"{label} t={t}: PM2.5 range ({lo:.4f}, {hi:.4f}) == ({elo:.4f}, {ehi:.4f})")


def main(root):
    # stretched: faces 0 20 60 140 300; uniform: 0 75 150 225 300
    for case, z_centres in (("stretched", [10, 40, 100, 220]), ("uniform", [37.5, 262.5])):
        d = os.path.abspath(os.path.join(root, case))
        xmf = pv.XDMFReader(FileNames=[os.path.join(d, "synthetic.xmf")])
        grids = list(xmf.GetProperty("GridInfo")[::2])
        check("statistics" in grids, f"{case} xmf: grids {grids}")
        xmf.GridStatus = [g for g in grids if g != "statistics"]
        xmf.UpdatePipelineInformation()
        check_series(xmf, f"{case} xmf", z_centres)

        stats = pv.XDMFReader(FileNames=[os.path.join(d, "synthetic.xmf")])
        stats.GridStatus = ["statistics"]
        stats.UpdatePipeline()
        check(stats.GetDataInformation().GetNumberOfCells() == 30, f"{case} statistics: 30 ground cells")
        check("PM2.5_max_hourly_mean [ug/m3]" in stats.CellData.keys(),
              f"{case} statistics: arrays {list(stats.CellData.keys())[:4]}...")

        pvd = pv.PVDReader(FileName=os.path.join(d, "synthetic.pvd"))
        pvd.UpdatePipelineInformation()
        check_series(pvd, f"{case} pvd", z_centres)
    if failures:
        print(f"{len(failures)} ParaView check(s) failed")
        sys.exit(1)
    print("ParaView checks passed")


if __name__ == "__main__":
    main(sys.argv[1])
