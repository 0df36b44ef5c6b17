// Hdf5Writer over terrain (RunInfo::terrain non-empty): the ground height
// and where the cells really are, written once at begin (hdf5_writer.hpp,
// docs/output-format.md "Terrain"). Flat runs write none of it.
#include <algorithm>

#include "host/core/field_names.hpp"
#include "host/output/hdf5_writer.hpp"
#include "host/output/terrain_geometry.hpp"

namespace airshed::output {
namespace {

void write_floats(hid_t d, const std::vector<float>& v, const std::string& what) {
  h5_check(H5Dwrite(d, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "write " + what);
}

std::vector<float> to_float(const std::vector<double>& v) { return {v.begin(), v.end()}; }

// As many whole horizontal planes per chunk as keep it near 4 MiB (the
// species datasets' rule).
hsize_t planes_per_chunk(hsize_t plane, hsize_t planes) {
  return std::clamp<hsize_t>((1u << 20) / std::max<hsize_t>(1, plane), 1, planes);
}

}  // namespace

void Hdf5Writer::write_terrain(const RunInfo& info) {
  const Grid& g = info.grid;
  const hsize_t nx = g.nx, ny = g.ny, nz = g.nz;

  H5Handle ground = make_float_dataset(file_, "terrain_height", {ny, nx}, {ny, nx}, false);
  write_floats(ground, info.terrain, "terrain_height");
  attach_scales(ground, {y_, x_});
  set_attribute(ground, "units", "m");
  set_attribute(ground, "standard_name", "surface_altitude");
  set_attribute(ground, "long_name", "ground height above sea level");
  set_attribute(ground, "grid_mapping", "crs");

  const hsize_t kz = planes_per_chunk(nx * ny, nz);
  H5Handle centres =
      make_float_dataset(file_, "height_above_sea_level", {nz, ny, nx}, {kz, ny, nx}, false);
  write_floats(centres, centre_heights_asl(g, info.terrain), "height_above_sea_level");
  attach_scales(centres, {z_, y_, x_});
  set_attribute(centres, "units", "m");
  set_attribute(centres, "standard_name", "altitude");
  set_attribute(centres, "long_name", "cell centre height above sea level (terrain_height + z)");
  set_attribute(centres, "positive", "up");
  set_attribute(centres, "grid_mapping", "crs");

  // The cell corners as a curvilinear mesh for the XDMF sidecar: ParaView's
  // XDMF reader takes a 3DSMesh's node coordinates only as full arrays.
  const H5Handle gcpl = group_create_plist();
  H5Handle nodes(H5Gcreate2(file_, "nodes", H5P_DEFAULT, gcpl, H5P_DEFAULT), H5Gclose,
                 "create group nodes in " + path_);
  set_attribute(nodes, "description",
                "cell corner (mesh node) coordinates over the terrain, for NAME.xmf; corner "
                "ground height = mean of the four adjacent columns' terrain_height");
  H5Handle xf = make_coordinate(nodes, "x_face", faces_x(g), false);
  H5Handle yf = make_coordinate(nodes, "y_face", faces_y(g), false);
  H5Handle zf = make_coordinate(nodes, "z_face", g.z_faces, false);
  const char* face_names[] = {"cell face x (east) from the domain's south-west corner",
                              "cell face y (north) from the domain's south-west corner",
                              "layer interface height above ground level (terrain-following)"};
  const hid_t faces[] = {xf, yf, zf};
  for (int a = 0; a < 3; ++a) {
    set_attribute(faces[a], "units", "m");
    set_attribute(faces[a], "long_name", face_names[a]);
  }
  set_attribute(zf, "positive", "up");

  const hsize_t px = nx + 1, py = ny + 1, pz = nz + 1, plane = px * py;
  std::vector<float> x(plane * pz), y(plane * pz);
  const std::vector<double> fx = faces_x(g), fy = faces_y(g);
  for (hsize_t n = 0; n < x.size(); ++n) {
    x[n] = float(fx[n % px]);
    y[n] = float(fy[(n / px) % py]);
  }
  const hsize_t kn = planes_per_chunk(plane, pz);
  const struct {
    const char* name;
    const char* long_name;
    std::vector<float> values;
  } node_arrays[] = {{"x", "mesh node x (east) from the domain's south-west corner", std::move(x)},
                     {"y", "mesh node y (north) from the domain's south-west corner", std::move(y)},
                     {"height_above_sea_level", "mesh node height above sea level",
                      to_float(node_heights_asl(g, info.terrain))}};
  for (const auto& a : node_arrays) {
    H5Handle d = make_float_dataset(nodes, a.name, {pz, py, px}, {kn, py, px}, false);
    write_floats(d, a.values, std::string("nodes/") + a.name);
    attach_scales(d, {zf, yf, xf});
    set_attribute(d, "units", "m");
    set_attribute(d, "long_name", a.long_name);
  }
}

}  // namespace airshed::output
