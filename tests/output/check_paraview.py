"""Real-client check, run by real_clients.sh under pvpython: ParaView opens
the sample run's .xmf and .pvd with the right times, grid and values; over
terrain (write_sample_output ... terrain) both are curvilinear grids whose
corners stand on the hill."""
import math
import os
import struct
import sys

from paraview import servermanager
from paraview import simple as pv

# Hours since the start, from the first output after t = 0 (the t = 0 state
# is not listed: ParaView opens on data).
TIMES = [0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
BOUNDS = (0.0, 600.0, 0.0, 1000.0, 0.0, 300.0)
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def expected_range(t, z_centres):
    # synthetic_run.hpp: 1 + t/3600 + 0.01 x + 0.002 y + 0.05 z (PM2.5, ug/m3), t in hours here
    base = 1.0 + t
    return (base + 0.01 * 50 + 0.002 * 100 + 0.05 * z_centres[0],
            base + 0.01 * 550 + 0.002 * 900 + 0.05 * z_centres[-1])


def f32(v):
    return struct.unpack("f", struct.pack("f", v))[0]


# synthetic_run.hpp's Gaussian hill on the 6 x 5 columns (float32, x fastest),
# and each cell corner's ground: the mean of its (up to) four columns.
HILL = [f32(500 * math.exp(-(((i + 0.5) * 100 - 310) / 180) ** 2
                            - (((j + 0.5) * 200 - 520) / 300) ** 2))
        for j in range(5) for i in range(6)]


def corner_ground(i, j):
    cols = [HILL[min(max(jj, 0), 4) * 6 + min(max(ii, 0), 5)]
            for jj in (j - 1, j) for ii in (i - 1, i)]
    return sum(cols) / 4


CORNERS = [corner_ground(i, j) for j in range(6) for i in range(7)]
STRETCHED_FACES = [0, 20, 60, 140, 300]
TERRAIN_BOUNDS = (0.0, 600.0, 0.0, 1000.0, min(CORNERS), max(CORNERS) + 300)


def close_bounds(got, want, tol):
    return all(abs(a - b) <= tol for a, b in zip(got, want))


def check_corners(reader, label, tol, layers):
    # Every cell corner at its ground + the level's face height.
    data = servermanager.Fetch(reader)
    if data.IsA("vtkMultiBlockDataSet"):  # the XDMF reader's: one block per top grid, unselected empty
        blocks = [data.GetBlock(b) for b in range(data.GetNumberOfBlocks())]
        data = next(b for b in blocks if b is not None and b.GetNumberOfPoints() > 0)
    check(data.IsA("vtkStructuredGrid"), f"{label}: a structured grid ({data.GetClassName()})")
    worst = 0.0
    for k in range(layers + 1):
        for j in range(6):
            for i in range(7):
                x, y, z = data.GetPoint((k * 6 + j) * 7 + i)
                want = (i * 100.0, j * 200.0, CORNERS[j * 7 + i] + STRETCHED_FACES[k])
                worst = max(worst, max(abs(a - b) for a, b in zip((x, y, z), want)))
    check(worst <= tol, f"{label}: corners at ground + z_faces (worst {worst:.2e} m, tol {tol:g})")


def check_series(reader, label, z_centres, bounds=BOUNDS, tol=0.0):
    check(list(reader.TimestepValues) == TIMES, f"{label}: time steps {list(reader.TimestepValues)}")
    for t in TIMES:
        reader.UpdatePipeline(t)
        info = reader.GetDataInformation()
        check(info.GetNumberOfCells() == 120, f"{label} t={t}: 120 cells ({info.GetNumberOfCells()})")
        check(close_bounds(info.GetBounds(), bounds, tol),
              f"{label} t={t}: bounds {info.GetBounds()} == {bounds}")
        names = list(reader.CellData.keys())
        check("PM2.5 [ug/m3]" in names and "SO2 [ug/m3]" in names, f"{label} t={t}: arrays {names}")
        lo, hi = reader.CellData["PM2.5 [ug/m3]"].GetRange()
        elo, ehi = expected_range(t, z_centres)
        check(math.isclose(lo, elo, rel_tol=1e-5) and math.isclose(hi, ehi, rel_tol=1e-5),
              f"{label} t={t}: PM2.5 range ({lo:.4f}, {hi:.4f}) == ({elo:.4f}, {ehi:.4f})")


def check_ground(reader, label, z0, times=(TIMES[0], TIMES[-1])):
    # The lowest layer (centre z0): 1 + t + 0.01 x + 0.002 y + 0.05 z0 over the cell centres.
    for t in times:
        reader.UpdatePipeline(t)
        n = reader.GetDataInformation().GetNumberOfCells()
        check(n == 30, f"{label} t={t}: 30 cells ({n})")
        names = list(reader.CellData.keys())
        check("PM2.5 [ug/m3]" in names, f"{label} t={t}: arrays {names}")
        if "PM2.5 [ug/m3]" in names:
            lo, hi = reader.CellData["PM2.5 [ug/m3]"].GetRange()
            elo, ehi = 1 + t + 0.5 + 0.2 + 0.05 * z0, 1 + t + 5.5 + 1.8 + 0.05 * z0
            check(math.isclose(lo, elo, rel_tol=1e-5) and math.isclose(hi, ehi, rel_tol=1e-5),
                  f"{label} t={t}: PM2.5 range ({lo:.4f}, {hi:.4f}) == ({elo:.4f}, {ehi:.4f})")


def check_xdmf3(d, label, z_centres):
    # The reader ParaView pre-selects for .xmf: cell arrays with data.
    r = pv.Xdmf3ReaderS(FileName=os.path.join(d, "synthetic.xmf"))
    r.UpdatePipelineInformation()
    check(list(r.TimestepValues) == TIMES, f"{label} Xdmf3ReaderS: time steps {list(r.TimestepValues)}")
    for t in (TIMES[0], TIMES[-1]):
        r.UpdatePipeline(t)
        names = list(r.CellData.keys())
        check("PM2.5 [ug/m3]" in names, f"{label} Xdmf3ReaderS t={t}: arrays {names}")
        if "PM2.5 [ug/m3]" in names:
            lo, hi = r.CellData["PM2.5 [ug/m3]"].GetRange()
            elo, ehi = expected_range(t, z_centres)
            check(math.isclose(lo, elo, rel_tol=1e-5) and math.isclose(hi, ehi, rel_tol=1e-5),
                  f"{label} Xdmf3ReaderS t={t}: PM2.5 range ({lo:.4f}, {hi:.4f}) == ({elo:.4f}, {ehi:.4f})")
    ground = os.path.join(d, "synthetic_ground.xmf")
    for reader in (pv.Xdmf3ReaderS(FileName=ground), pv.XDMFReader(FileNames=[ground])):
        reader.UpdatePipelineInformation()
        name = reader.GetXMLName()
        check(list(reader.TimestepValues) == TIMES, f"{label} ground {name}: time steps")
        check_ground(reader, f"{label} ground {name}", z_centres[0])


def main(root):
    # stretched: faces 0 20 60 140 300; uniform: 0 75 150 225 300
    for case, z_centres in (("stretched", [10, 40, 100, 220]), ("uniform", [37.5, 262.5])):
        d = os.path.abspath(os.path.join(root, case))
        xmf = pv.XDMFReader(FileNames=[os.path.join(d, "synthetic.xmf")])
        xmf.UpdatePipelineInformation()
        grids = list(xmf.GetProperty("GridInfo")[::2])
        check("statistics" not in grids, f"{case} xmf: the statistics are not in the series ({grids[:2]}...)")
        check_series(xmf, f"{case} xmf", z_centres)
        check_xdmf3(d, f"{case} xmf", z_centres)

        for reader in (pv.XDMFReader(FileNames=[os.path.join(d, "synthetic_statistics.xmf")]),
                       pv.Xdmf3ReaderS(FileName=os.path.join(d, "synthetic_statistics.xmf"))):
            reader.UpdatePipeline()
            label = f"{case} statistics ({reader.GetXMLName()})"
            check(reader.GetDataInformation().GetNumberOfCells() == 30, f"{label}: 30 ground cells")
            names = list(reader.CellData.keys())
            check("PM2.5_max_instant [ug/m3]" in names, f"{label}: arrays {names[:4]}...")
            if "PM2.5_max_instant [ug/m3]" in names:
                # the ground field's at the last time (3 h)
                lo, hi = reader.CellData["PM2.5_max_instant [ug/m3]"].GetRange()
                z0 = z_centres[0]
                elo, ehi = 4 + 0.5 + 0.2 + 0.05 * z0, 4 + 5.5 + 1.8 + 0.05 * z0
                check(math.isclose(lo, elo, rel_tol=1e-5) and math.isclose(hi, ehi, rel_tol=1e-5),
                      f"{label}: PM2.5_max_instant range ({lo:.4f}, {hi:.4f}) == ({elo:.4f}, {ehi:.4f})")

        pvd = pv.PVDReader(FileName=os.path.join(d, "synthetic.pvd"))
        pvd.UpdatePipelineInformation()
        check_series(pvd, f"{case} pvd", z_centres)
    check_terrain(os.path.abspath(os.path.join(root, "terrain")))
    if failures:
        print(f"{len(failures)} ParaView check(s) failed")
        sys.exit(1)
    print("ParaView checks passed")


def check_terrain(d):
    # The XDMF geometry is float32 (NAME.h5's nodes/): heights to 1e-4 m;
    # the .vts points are float64.
    xmf = pv.XDMFReader(FileNames=[os.path.join(d, "synthetic.xmf")])
    xmf.UpdatePipelineInformation()
    check_series(xmf, "terrain xmf", [10, 40, 100, 220], TERRAIN_BOUNDS, 1e-4)
    check_corners(xmf, "terrain xmf", 1e-4, 4)
    lo, hi = xmf.CellData["height_above_sea_level [m]"].GetRange()
    check(math.isclose(lo, min(HILL) + 10, abs_tol=1e-4) and math.isclose(hi, max(HILL) + 220, abs_tol=1e-4),
          f"terrain xmf: cell centre heights ({lo:.3f}, {hi:.3f}) above sea level")

    stats = pv.XDMFReader(FileNames=[os.path.join(d, "synthetic_statistics.xmf")])
    stats.UpdatePipeline()
    check(stats.GetDataInformation().GetNumberOfCells() == 30, "terrain statistics: 30 ground cells")
    lo, hi = stats.CellData["terrain_height [m]"].GetRange()
    check(lo == min(HILL) and hi == max(HILL), f"terrain statistics: terrain_height ({lo:.3f}, {hi:.3f})")
    check_corners(stats, "terrain statistics", 1e-4, 1)

    pvd = pv.PVDReader(FileName=os.path.join(d, "synthetic.pvd"))
    pvd.UpdatePipelineInformation()
    check_series(pvd, "terrain pvd", [10, 40, 100, 220], TERRAIN_BOUNDS, 1e-9)
    check_corners(pvd, "terrain pvd", 1e-9, 4)
    lo, hi = pvd.CellData["terrain_height [m]"].GetRange()
    check(lo == min(HILL) and hi == max(HILL), f"terrain pvd: terrain_height ({lo:.3f}, {hi:.3f})")


if __name__ == "__main__":
    main(sys.argv[1])
