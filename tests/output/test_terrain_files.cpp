// A run over terrain (RunInfo::terrain, a Gaussian hill of synthetic_run.hpp)
// through every writer, the files reopened with the HDF5 and VTK libraries:
// the ground height exactly as given, every cell corner at the mean of its
// four columns' ground + z_faces[k], the XDMF mesh naming what the HDF5
// file holds, run.json's range, and a wrong-sized terrain refused.
#include <doctest/doctest.h>
#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkNew.h>
#include <vtkStructuredGrid.h>
#include <vtkXMLStructuredGridReader.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "host/output/hdf5_handle.hpp"
#include "tests/output/output_test_dir.hpp"

using namespace airshed;
using namespace airshed::output;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<hsize_t> dims_of(hid_t file, const char* name) {
  H5Handle d(H5Dopen2(file, name, H5P_DEFAULT), H5Dclose, name);
  H5Handle s(H5Dget_space(d), H5Sclose, "space");
  std::vector<hsize_t> dims(H5Sget_simple_extent_ndims(s));
  H5Sget_simple_extent_dims(s, dims.data(), nullptr);
  return dims;
}

std::vector<float> read_floats(hid_t file, const char* name) {
  H5Handle d(H5Dopen2(file, name, H5P_DEFAULT), H5Dclose, name);
  H5Handle s(H5Dget_space(d), H5Sclose, "space");
  std::vector<float> v(H5Sget_simple_extent_npoints(s));
  h5_check(H5Dread(d, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), name);
  return v;
}

std::string string_attribute(hid_t file, const char* obj, const char* name) {
  H5Handle a(H5Aopen_by_name(file, obj, name, H5P_DEFAULT, H5P_DEFAULT), H5Aclose, name);
  H5Handle t(H5Aget_type(a), H5Tclose, "type");
  std::string s(H5Tget_size(t), '\0');
  h5_check(H5Aread(a, t, s.data()), name);
  return s.substr(0, s.find('\0'));
}

// The corner's ground height written out by hand for the three kinds of
// corner: inside (four columns), on an edge (two), at a domain corner (one).
double expected_corner_ground(const RunInfo& info, int i, int j) {
  const Grid& g = info.grid;
  auto h = [&](int ii, int jj) { return double(info.terrain[std::size_t(jj) * g.nx + ii]); };
  if (i == 3 && j == 2) return (h(2, 1) + h(3, 1) + h(2, 2) + h(3, 2)) / 4;
  if (i == 0 && j == 2) return (h(0, 1) + h(0, 2)) / 2;
  if (i == g.nx && j == g.ny) return h(g.nx - 1, g.ny - 1);
  if (i == 0 && j == 0) return h(0, 0);
  throw std::logic_error("no hand-written corner");
}

const int corners[][2] = {{3, 2}, {0, 2}, {6, 5}, {0, 0}};

std::string num17(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

TEST_CASE("the synthetic hill spans hundreds of metres and its corners differ") {
  const RunInfo info = test::synthetic_terrain_info("unused");
  const auto [lo, hi] = std::minmax_element(info.terrain.begin(), info.terrain.end());
  CHECK(*lo > 5);
  CHECK(*lo < 20);
  CHECK(*hi > 450);
  CHECK(*hi < 500);
  // A corner mean that equals one column's value would not test the mean.
  CHECK(expected_corner_ground(info, 3, 2) != doctest::Approx(info.terrain[2 * 6 + 3]));
}

TEST_CASE("over terrain the HDF5 file holds the ground height exactly and every cell's height") {
  test::TempDir dir("h5terrain");
  const RunInfo info = test::write_run(test::synthetic_terrain_info(dir.str()));
  const Grid& g = info.grid;
  H5Handle f(H5Fopen((dir.str() + "/synthetic.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
             "open");

  CHECK(dims_of(f, "terrain_height") == std::vector<hsize_t>{5, 6});
  CHECK(read_floats(f, "terrain_height") == info.terrain);  // bit for bit
  CHECK(string_attribute(f, "terrain_height", "units") == "m");
  CHECK(string_attribute(f, "terrain_height", "long_name") == "ground height above sea level");
  CHECK(string_attribute(f, "terrain_height", "standard_name") == "surface_altitude");
  CHECK(string_attribute(f, "terrain_height", "grid_mapping") == "crs");

  CHECK(dims_of(f, "height_above_sea_level") == std::vector<hsize_t>{4, 5, 6});
  const auto centres = read_floats(f, "height_above_sea_level");
  for (int k = 0; k < g.nz; ++k)
    for (std::size_t c = 0; c < g.columns(); ++c)
      CHECK(centres[k * g.columns() + c] == float(double(info.terrain[c]) + g.z_centre(k)));
  CHECK(string_attribute(f, "z", "long_name") ==
        "cell centre height above ground level (terrain-following)");
  CHECK(string_attribute(f, "z", "positive") == "up");
  CHECK(string_attribute(f, "PM2.5", "coordinates") == "height_above_sea_level lat lon");

  // The mesh nodes the XDMF sidecar draws: corners over the hill.
  CHECK(dims_of(f, "nodes/height_above_sea_level") == std::vector<hsize_t>{5, 6, 7});
  CHECK(dims_of(f, "nodes/x") == std::vector<hsize_t>{5, 6, 7});
  const auto node_z = read_floats(f, "nodes/height_above_sea_level");
  const auto node_x = read_floats(f, "nodes/x");
  const auto node_y = read_floats(f, "nodes/y");
  for (const auto& [i, j] : corners)
    for (int k = 0; k <= g.nz; ++k) {
      const std::size_t p = (std::size_t(k) * 6 + j) * 7 + i;
      CHECK(node_z[p] == float(expected_corner_ground(info, i, j) + g.z_faces[k]));
      CHECK(node_x[p] == float(i * g.dx));
      CHECK(node_y[p] == float(j * g.dy));
    }
}

TEST_CASE("over terrain the VTK files are structured grids whose corners follow the ground") {
  test::TempDir dir("vts");
  const RunInfo info = test::write_run(test::synthetic_terrain_info(dir.str()));
  const Grid& g = info.grid;
  for (int t = 0; t < 7; ++t) {
    const std::string path = dir.str() + "/synthetic_00000" + std::to_string(t) + ".vts";
    REQUIRE(std::filesystem::exists(path));
    CHECK(!std::filesystem::exists(dir.str() + "/synthetic_00000" + std::to_string(t) + ".vtr"));
    vtkNew<vtkXMLStructuredGridReader> r;
    r->SetFileName(path.c_str());
    r->Update();
    vtkStructuredGrid* grid = r->GetOutput();
    int dims[3];
    grid->GetDimensions(dims);
    CHECK(dims[0] == 7);
    CHECK(dims[1] == 6);
    CHECK(dims[2] == 5);
    for (const auto& [i, j] : corners)
      for (int k = 0; k <= g.nz; ++k) {
        double p[3];
        grid->GetPoint(vtkIdType((k * 6 + j) * 7 + i), p);
        CHECK(p[0] == i * g.dx);
        CHECK(p[1] == j * g.dy);
        CHECK(std::abs(p[2] - (expected_corner_ground(info, i, j) + g.z_faces[k])) < 1e-6);
      }
    vtkDataArray* pm = grid->GetCellData()->GetArray("PM2.5 [ug/m3]");
    vtkDataArray* ground = grid->GetCellData()->GetArray("terrain_height [m]");
    REQUIRE(pm != nullptr);
    REQUIRE(ground != nullptr);
    REQUIRE(pm->GetNumberOfTuples() == vtkIdType(g.cells()));
    REQUIRE(ground->GetNumberOfTuples() == vtkIdType(g.cells()));
    for (int k = 0; k < g.nz; ++k)
      for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
          const auto c = vtkIdType(g.index(i, j, k));
          CHECK(float(pm->GetTuple1(c)) == test::stored_value(info, 0, i, j, k, t * 1800.0));
          CHECK(float(ground->GetTuple1(c)) == info.terrain[std::size_t(j) * g.nx + i]);
        }
  }
  CHECK(slurp(dir.str() + "/synthetic.pvd")
            .find("timestep=\"3\" group=\"\" part=\"0\" file=\"synthetic_000006.vts\"") !=
        std::string::npos);

  // The ground statistics: the lowest layer over the hill.
  vtkNew<vtkXMLStructuredGridReader> sr;
  sr->SetFileName((dir.str() + "/synthetic_statistics.vts").c_str());
  sr->Update();
  int sd[3];
  sr->GetOutput()->GetDimensions(sd);
  CHECK(sd[0] == 7);
  CHECK(sd[1] == 6);
  CHECK(sd[2] == 2);
  double p[3];
  sr->GetOutput()->GetPoint(vtkIdType((1 * 6 + 2) * 7 + 3), p);
  CHECK(std::abs(p[2] - (expected_corner_ground(info, 3, 2) + g.z_faces[1])) < 1e-6);
  CHECK(sr->GetOutput()->GetCellData()->GetArray("PM2.5_max_hourly_mean [ug/m3]") != nullptr);
  CHECK(sr->GetOutput()->GetCellData()->GetArray("terrain_height [m]") != nullptr);
  CHECK(!std::filesystem::exists(dir.str() + "/synthetic_statistics.vti"));
  CHECK(slurp(dir.str() + "/run.json").find("\"synthetic_statistics.vts\"") != std::string::npos);
}

TEST_CASE("over terrain the XDMF sidecar is a curvilinear mesh over the HDF5 file's nodes") {
  test::TempDir dir("xmfterrain");
  test::write_run(test::synthetic_terrain_info(dir.str()));
  const std::string xmf = slurp(dir.str() + "/synthetic.xmf");
  auto count = [&](const std::string& what) {
    std::size_t n = 0;
    for (auto at = xmf.find(what); at != std::string::npos; at = xmf.find(what, at + 1)) ++n;
    return n;
  };
  // Six time grids (t = 0 is not listed), each a 3DSMesh; the ground
  // series and the statistics one layer over the lowest two node planes.
  const std::string ground = slurp(dir.str() + "/synthetic_ground.xmf");
  const std::string stats = slurp(dir.str() + "/synthetic_statistics.xmf");
  CHECK(count("<Topology TopologyType=\"3DSMesh\" Dimensions=\"5 6 7\"/>") == 6);
  CHECK(count("GeometryType=\"X_Y_Z\"") == 6);
  CHECK(count("3DRectMesh") == 0);
  CHECK(count("Dimensions=\"5 6 7\" NumberType=\"Float\" Precision=\"4\" "
              "Format=\"HDF\">synthetic.h5:/nodes/height_above_sea_level<") == 6);
  CHECK(count("Format=\"HDF\">synthetic.h5:/height_above_sea_level<") == 6);
  for (const std::string* one_layer : {&ground, &stats}) {
    CHECK(one_layer->find("<Topology TopologyType=\"3DSMesh\" Dimensions=\"2 6 7\"/>") !=
          std::string::npos);
    CHECK(one_layer->find("Dimensions=\"1 5 6\" NumberType=\"Float\" Precision=\"4\" "
                          "Format=\"HDF\">synthetic.h5:/terrain_height<") != std::string::npos);
  }
  // ParaView's own reader is run on this file by the clients test
  // (real_clients.sh, check_paraview.py).
}

TEST_CASE("run.json records the terrain's range; a flat run's has no terrain entry") {
  test::TempDir dir("jsonterrain");
  const RunInfo info = test::write_run(test::synthetic_terrain_info(dir.str()));
  double lo = 1e300, hi = -1e300, sum = 0;
  for (float v : info.terrain) lo = std::min(lo, double(v)), hi = std::max(hi, double(v)), sum += v;
  const std::string json = slurp(dir.str() + "/run.json");
  CHECK(json.find("\"terrain\": {\"units\": \"m above sea level\", \"min\": " + num17(lo) +
                  ", \"max\": " + num17(hi) + ", \"mean\": " + num17(sum / 30) + "},") !=
        std::string::npos);

  test::TempDir flat("jsonflat");
  test::write_synthetic_run(flat.str(), true);
  CHECK(slurp(flat.str() + "/run.json").find("terrain") == std::string::npos);
}

TEST_CASE("a checkpointed run over terrain resumes into the same structured files") {
  test::TempDir dir("resumeterrain");
  const RunInfo info = test::synthetic_terrain_info(dir.str());
  auto out = make_output_writers();
  out->begin(info);
  out->snapshot(test::synthetic_snapshot(info, 0));
  StateWriter w;
  out->save(w);
  out.reset();
  StateReader r(w.bytes(), "ck");
  auto again = make_output_writers();
  again->resume(info, r);
  again->snapshot(test::synthetic_snapshot(info, 1800));
  again->end(RunSummary{});
  CHECK(std::filesystem::exists(dir.str() + "/synthetic_000001.vts"));
  const std::string pvd = slurp(dir.str() + "/synthetic.pvd");
  // t = 0's file is written, not listed (ParaView opens on data).
  CHECK(pvd.find("file=\"synthetic_000000.vts\"") == std::string::npos);
  CHECK(std::filesystem::exists(dir.path / "synthetic_000000.vts"));
  CHECK(pvd.find("file=\"synthetic_000001.vts\"") != std::string::npos);
  CHECK(slurp(dir.str() + "/synthetic.xmf").find("3DSMesh") != std::string::npos);
}

TEST_CASE("a terrain of the wrong size is one line naming the counts, before any file") {
  test::TempDir dir("badterrain");
  RunInfo info = test::synthetic_terrain_info(dir.str());
  info.terrain.pop_back();
  auto out = make_output_writers();
  CHECK_THROWS_WITH_AS(out->begin(info),
                       "output: the terrain has 29 values for a grid of 30 columns",
                       std::invalid_argument);
  CHECK(!std::filesystem::exists(dir.str() + "/synthetic.h5"));
}
