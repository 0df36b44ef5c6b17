"""Render an airshed run with ParaView: a ground-level map and a 3D
iso-surface, as PNG files.

Run offscreen with ParaView's Python (a display is needed even offscreen
for the Debian build, hence xvfb):

    xvfb-run -a -s "-screen 0 1280x1024x24" pvpython tools/render_paraview.py \
        runs/case/case.xmf --species PM2.5 --out runs/case/png

Input is NAME.xmf or NAME_ground.xmf (HDF5 through ParaView's "Xdmf3
Reader S", the reader ParaView offers for .xmf) or NAME.pvd (VTK files). The
time defaults to the last output time; --time picks the output time nearest
to a value in hours since the start.
"""
import argparse
import os
import sys

from paraview import simple as pv


def open_run(path):
    """The run's time series as a reader, and its output times."""
    path = os.path.abspath(path)  # ParaView 5.11's XDMF reader needs absolute paths
    if path.endswith(".xmf"):
        # Xdmf3ReaderS, ParaView's own choice for .xmf; over terrain (a
        # 3DSMesh) the "XDMF Reader": ParaView 5.11's Xdmf3 readers crash on
        # the curvilinear X_Y_Z geometry.
        with open(path) as f:
            curvilinear = "3DSMesh" in f.read(4096)
        reader = pv.XDMFReader(FileNames=[path]) if curvilinear else pv.Xdmf3ReaderS(FileName=path)
    elif path.endswith(".pvd"):
        reader = pv.PVDReader(FileName=path)
    else:
        sys.exit(f"render_paraview: {path}: expected a .xmf or .pvd file")
    reader.UpdatePipelineInformation()
    return reader, list(reader.TimestepValues)


def array_name(reader, species):
    names = list(reader.CellData.keys())
    for n in names:
        if n == species or n.startswith(species + " ["):
            return n
    sys.exit(f"render_paraview: no array for species '{species}'; arrays: {', '.join(names)}")


def render(view, path):
    pv.Render(view)
    pv.SaveScreenshot(path, view, ImageResolution=[1200, 900])
    print(path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("run", help="NAME.xmf or NAME.pvd")
    ap.add_argument("--species", default=None, help="species name (default: the first array)")
    ap.add_argument("--time", type=float, default=None, help="hours since start (default: last)")
    ap.add_argument("--iso", type=float, default=None,
                    help="iso-surface value in output units (default: 30%% of the maximum)")
    ap.add_argument("--out", default=None, help="output directory (default: next to the run)")
    a = ap.parse_args()

    reader, times = open_run(a.run)
    if not times:
        sys.exit("render_paraview: the run has no output times yet")
    t = times[-1] if a.time is None else min(times, key=lambda x: abs(x - a.time))
    reader.UpdatePipeline(t)  # a time series reports cells only after this
    name = array_name(reader, a.species) if a.species else reader.CellData.keys()[0]
    lo, hi = reader.CellData[name].GetRange()
    out = a.out or os.path.dirname(os.path.abspath(a.run))
    os.makedirs(out, exist_ok=True)
    stem = os.path.splitext(os.path.basename(a.run))[0]
    label = name.split(" [")[0].replace("/", "_")
    bounds = reader.GetDataInformation().GetBounds()

    view = pv.CreateView("RenderView")
    view.ViewSize = [1200, 900]
    view.ViewTime = t
    view.OrientationAxesVisibility = 0
    view.UseColorPaletteForBackground = 0
    view.Background = [1, 1, 1]
    lut = pv.GetColorTransferFunction(name)
    lut.ApplyPreset("Viridis (matplotlib)", True)
    lut.RescaleTransferFunction(lo, hi if hi > lo else lo + 1)

    # Ground map: the lowest layer's cells. Over terrain (a run whose levels
    # follow the ground: structured grids with terrain arrays) that layer is
    # no horizontal plane, so it is taken by index (k = 0) and seen from above;
    # on flat ground a horizontal slice through it.
    terrain = bool({"terrain_height [m]", "height_above_sea_level [m]"} & set(reader.CellData.keys()))
    if terrain:
        extent = reader.GetDataInformation().GetExtent()
        ground = pv.ExtractSubset(Input=reader, VOI=[extent[0], extent[1], extent[2], extent[3], 0, 1])
    else:
        z_ground = bounds[4] + 1e-3 * (bounds[5] - bounds[4])
        ground = pv.Slice(Input=reader, SliceType="Plane")
        ground.SliceType.Origin = [0, 0, z_ground]
        ground.SliceType.Normal = [0, 0, 1]
    disp = pv.Show(ground, view)
    pv.ColorBy(disp, ("CELLS", name))
    if terrain:
        disp.SetRepresentationType("Surface")  # a structured grid would show as an outline
        disp.Ambient, disp.Diffuse = 1.0, 0.0  # a map: colours unshaded by the hills' slopes
    disp.SetScalarBarVisibility(view, True)
    bar = pv.GetScalarBar(lut, view)
    bar.Title = name
    bar.TitleColor = bar.LabelColor = [0, 0, 0]
    view.CameraPosition = [(bounds[0] + bounds[1]) / 2, (bounds[2] + bounds[3]) / 2, bounds[5] * 10 + 1e4]
    view.CameraFocalPoint = [(bounds[0] + bounds[1]) / 2, (bounds[2] + bounds[3]) / 2, 0]
    view.CameraViewUp = [0, 1, 0]
    view.CameraParallelProjection = 1
    view.ResetCamera()
    render(view, os.path.join(out, f"{stem}_{label}_ground_t{int(t)}.png"))
    pv.Hide(ground, view)

    # 3D iso-surface of the point-interpolated field, with the domain outline.
    iso_value = a.iso if a.iso is not None else lo + 0.3 * (hi - lo)
    points = pv.CellDatatoPointData(Input=reader)
    contour = pv.Contour(Input=points, ContourBy=["POINTS", name], Isosurfaces=[iso_value])
    outline = pv.Outline(Input=reader)
    odisp = pv.Show(outline, view)
    odisp.AmbientColor = odisp.DiffuseColor = [0, 0, 0]
    cdisp = pv.Show(contour, view)
    cdisp.ColorArrayName = ['POINTS', '']  # solid colour (ColorBy(None) fails on an empty contour)
    cdisp.DiffuseColor = [0.85, 0.3, 0.1]
    view.CameraParallelProjection = 0
    view.CameraPosition = [bounds[0] - (bounds[1] - bounds[0]), bounds[2] - (bounds[3] - bounds[2]),
                           bounds[5] * 3 + (bounds[1] - bounds[0])]
    view.CameraFocalPoint = [(bounds[0] + bounds[1]) / 2, (bounds[2] + bounds[3]) / 2, bounds[4]]
    view.CameraViewUp = [0, 0, 1]
    view.ResetCamera()
    render(view, os.path.join(out, f"{stem}_{label}_iso_t{int(t)}.png"))


if __name__ == "__main__":
    main()
