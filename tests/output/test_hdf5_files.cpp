// NAME.h5 and NAME.xmf reopened with the HDF5 library: extents, coordinates,
// times, values, dimension scales, statistics; and readability of a file
// whose run has not ended (flushed after every snapshot).
#include <doctest/doctest.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "host/output/hdf5_handle.hpp"
#include "host/output/hdf5_writer.hpp"
#include "tests/output/output_test_dir.hpp"

using namespace airshed;
using namespace airshed::output;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<hsize_t> dims_of(hid_t file, const char* name) {
  H5Handle d(H5Dopen2(file, name, H5P_DEFAULT), H5Dclose, name);
  H5Handle s(H5Dget_space(d), H5Sclose, "space");
  std::vector<hsize_t> dims(H5Sget_simple_extent_ndims(s));
  H5Sget_simple_extent_dims(s, dims.data(), nullptr);
  return dims;
}

template <class T>
std::vector<T> read_all(hid_t file, const char* name, hid_t type) {
  H5Handle d(H5Dopen2(file, name, H5P_DEFAULT), H5Dclose, name);
  H5Handle s(H5Dget_space(d), H5Sclose, "space");
  std::vector<T> v(H5Sget_simple_extent_npoints(s));
  h5_check(H5Dread(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), name);
  return v;
}

std::string string_attribute(hid_t file, const char* obj, const char* name) {
  H5Handle a(H5Aopen_by_name(file, obj, name, H5P_DEFAULT, H5P_DEFAULT), H5Aclose, name);
  H5Handle t(H5Aget_type(a), H5Tclose, "type");
  std::string s(H5Tget_size(t), '\0');
  h5_check(H5Aread(a, t, s.data()), name);
  return s.substr(0, s.find('\0'));
}

}  // namespace

TEST_CASE("the HDF5 file holds the run on its real grid, in output units, with CF time") {
  test::TempDir dir("h5");
  const RunInfo info = test::write_synthetic_run(dir.str(), true);
  const Grid& g = info.grid;
  H5Handle f(H5Fopen((dir.str() + "/synthetic.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
             "open");

  CHECK(dims_of(f, "PM2.5") == std::vector<hsize_t>{7, 4, 5, 6});
  CHECK(dims_of(f, "SO2_ground") == std::vector<hsize_t>{7, 5, 6});
  CHECK(read_all<double>(f, "x", H5T_NATIVE_DOUBLE) ==
        std::vector<double>{50, 150, 250, 350, 450, 550});
  CHECK(read_all<double>(f, "y", H5T_NATIVE_DOUBLE) ==
        std::vector<double>{100, 300, 500, 700, 900});
  const auto z = read_all<double>(f, "z", H5T_NATIVE_DOUBLE);
  for (int k = 0; k < g.nz; ++k) CHECK(z[k] == g.z_centre(k));
  CHECK(read_all<double>(f, "time", H5T_NATIVE_DOUBLE) ==
        std::vector<double>{0, 1800, 3600, 5400, 7200, 9000, 10800});
  CHECK(string_attribute(f, "time", "units") == "seconds since 2026-01-14T16:00:00Z");
  CHECK(string_attribute(f, "PM2.5", "units") == "ug/m3");
  CHECK(string_attribute(f, "PM2.5", "standard_name") ==
        "mass_concentration_of_pm2p5_ambient_aerosol_particles_in_air");
  CHECK(string_attribute(f, "/", "status") == "complete");

  const auto pm = read_all<float>(f, "PM2.5", H5T_NATIVE_FLOAT);
  const auto so2_ground = read_all<float>(f, "SO2_ground", H5T_NATIVE_FLOAT);
  for (int t = 0; t < 7; ++t)
    for (int k = 0; k < g.nz; ++k)
      for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
          CHECK(pm[t * g.cells() + g.index(i, j, k)] ==
                test::stored_value(info, 0, i, j, k, t * 1800.0));
          if (k == 0)
            CHECK(so2_ground[t * g.columns() + g.index(i, j, 0)] ==
                  test::stored_value(info, 1, i, j, 0, t * 1800.0));
        }

  // netCDF-4 dimension scales: each variable's dimensions are named.
  H5Handle d(H5Dopen2(f, "PM2.5", H5P_DEFAULT), H5Dclose, "PM2.5");
  const char* scale_names[] = {"time", "z", "y", "x"};
  for (unsigned dim = 0; dim < 4; ++dim) {
    H5Handle sc(H5Dopen2(f, scale_names[dim], H5P_DEFAULT), H5Dclose, scale_names[dim]);
    CHECK(H5DSis_attached(d, sc, dim) > 0);
  }

  // Ground statistics: the maximum over snapshots is the last time's field.
  const auto max_instant = read_all<float>(f, "statistics/PM2.5_max_instant", H5T_NATIVE_FLOAT);
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i)
      CHECK(max_instant[g.index(i, j, 0)] == test::stored_value(info, 0, i, j, 0, 10800.0));
  // 3 hours from 00:00: no valid day, so daily statistics are NaN.
  CHECK(std::isnan(read_all<float>(f, "statistics/PM2.5_max_daily_mean", H5T_NATIVE_FLOAT)[0]));
  CHECK(read_all<float>(f, "statistics/PM2.5_max_hourly_mean", H5T_NATIVE_FLOAT)[0] > 0);

  std::ifstream xmf(dir.str() + "/synthetic.xmf");
  std::stringstream text;
  text << xmf.rdbuf();
  CHECK(text.str().find("3DRectMesh") != std::string::npos);
  // Hours since the start, from the first time after t = 0; each species a
  // plain HDF DataItem naming that time's view in synthetic_xdmf.hdf5.
  CHECK(text.str().find("<Time Value=\"3\"/>") != std::string::npos);
  CHECK(text.str().find("<Time Value=\"0\"/>") == std::string::npos);
  CHECK(text.str().find("HyperSlab") == std::string::npos);
  CHECK(text.str().find(">synthetic_xdmf.hdf5:/fields/PM2.5/t000006<") != std::string::npos);
  CHECK(slurp(dir.str() + "/synthetic_ground.xmf")
            .find(">synthetic_xdmf.hdf5:/ground/SO2/t000001<") != std::string::npos);
  // The statistics in a file of their own, not in the time series.
  CHECK(text.str().find("statistics") == std::string::npos);
  CHECK(slurp(dir.str() + "/synthetic_statistics.xmf")
            .find("synthetic.h5:/statistics/PM2.5_max_instant") != std::string::npos);
  // The view of time 6 reads exactly NAME.h5's sixth slab.
  H5Handle v(H5Fopen((dir.str() + "/synthetic_xdmf.hdf5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT),
             H5Fclose, "open views");
  const auto view = read_all<float>(v, "fields/PM2.5/t000006", H5T_NATIVE_FLOAT);
  const auto all = read_all<float>(f, "PM2.5", H5T_NATIVE_FLOAT);
  REQUIRE(view.size() == g.cells());
  CHECK(std::equal(view.begin(), view.end(), all.begin() + 6 * g.cells()));
}

TEST_CASE("a uniform grid is described as 3DCoRectMesh with ORIGIN_DXDYDZ in z y x order") {
  test::TempDir dir("xmf-uniform");
  test::write_synthetic_run(dir.str(), false);
  std::ifstream xmf(dir.str() + "/synthetic.xmf");
  std::stringstream text;
  text << xmf.rdbuf();
  CHECK(text.str().find("3DCoRectMesh\" Dimensions=\"5 6 7\"") != std::string::npos);
  CHECK(text.str().find(">75 200 100</DataItem>") != std::string::npos);
}

TEST_CASE("every written time is readable while the run is still going") {
  test::TempDir dir("h5-flush");
  std::filesystem::create_directories(dir.path);
  const RunInfo info = test::synthetic_info(dir.str());
  Hdf5Writer w(dir.str() + "/live.h5");
  w.begin(info);
  w.record(in_output_units(test::synthetic_snapshot(info, 0), info.species));
  w.record(in_output_units(test::synthetic_snapshot(info, 1800), info.species));
  // A copy of the file as a crash would leave it: no end(), no close.
  std::filesystem::copy_file(dir.path / "live.h5", dir.path / "copy.h5");
  H5Handle f(H5Fopen((dir.str() + "/copy.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
             "open copy");
  CHECK(read_all<double>(f, "time", H5T_NATIVE_DOUBLE) == std::vector<double>{0, 1800});
  const auto pm = read_all<float>(f, "PM2.5", H5T_NATIVE_FLOAT);
  REQUIRE(pm.size() == 2 * info.grid.cells());
  CHECK(pm.back() == test::stored_value(info, 0, 5, 4, 3, 1800));
  CHECK(string_attribute(f, "/", "status") == "running");
  w.end(RunSummary{});
}
