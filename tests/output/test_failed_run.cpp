// A run that stops with an error after three output times (the blow-up
// guard firing, docs/robustness.md): every file keeps exactly the times
// written before it, the HDF5 file and run.json say "failed" and why.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "host/core/field_names.hpp"
#include "host/output/hdf5_handle.hpp"
#include "tests/output/output_test_dir.hpp"

using namespace airshed;
using airshed::output::h5_check;
using airshed::output::H5Handle;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

hsize_t leading_extent(hid_t file, const char* name) {
  H5Handle d(H5Dopen2(file, name, H5P_DEFAULT), H5Dclose, name);
  H5Handle s(H5Dget_space(d), H5Sclose, "space");
  hsize_t dims[4] = {0, 0, 0, 0};
  H5Sget_simple_extent_dims(s, dims, nullptr);
  return dims[0];
}

std::string root_attribute(hid_t file, const char* name) {
  H5Handle a(H5Aopen_by_name(file, ".", name, H5P_DEFAULT, H5P_DEFAULT), H5Aclose, name);
  H5Handle t(H5Aget_type(a), H5Tclose, "type");
  std::string s(H5Tget_size(t), '\0');
  h5_check(H5Aread(a, t, s.data()), name);
  return s.substr(0, s.find('\0'));
}

}  // namespace

TEST_CASE("failed(): files keep the last good output time, run.json and HDF5 say why") {
  test::TempDir dir("failed");
  const RunInfo info = test::synthetic_info(dir.str(), true);
  auto out = output::make_output_writers({});
  out->begin(info);
  for (int n = 0; n < 3; ++n)
    out->snapshot(test::synthetic_snapshot(info, n * info.output_interval_s));

  InvalidCell cell;
  cell.step = 1234;
  cell.time_s = 2.5 * info.output_interval_s;
  cell.species = 1;
  cell.species_name = info.species[1].name;
  cell.i = 3;
  cell.j = 4;
  cell.k = 5;
  cell.value = std::numeric_limits<float>::infinity();
  RunFailure f;
  f.message = NumericalFault(cell).what();
  f.time_s = cell.time_s;
  f.steps = cell.step;
  f.last_output_s = 2 * info.output_interval_s;
  f.invalid = cell;
  out->failed(f);

  const std::string json = slurp(dir.str() + "/run.json");
  INFO(json);
  CHECK(json.find("\"status\": \"failed\"") != std::string::npos);
  CHECK(json.find("\"last_output_s\": " + std::to_string(int(f.last_output_s))) !=
        std::string::npos);
  CHECK(json.find("\"invalid_value\": {\"step\": 1234, ") != std::string::npos);
  CHECK(json.find("\"species\": \"" + info.species[1].name +
                  "\", \"i\": 3, \"j\": 4, \"k\": 5, "
                  "\"kind\": \"+Inf\", \"value\": null}") != std::string::npos);
  CHECK(json.find("is +Inf in cell i=3, j=4, k=5") != std::string::npos);
  CHECK(json.find("incomplete_files") == std::string::npos);  // the HDF5 file closed cleanly

  // The HDF5 file: three times in every dataset, status "failed".
  const std::string h5 = dir.str() + "/" + info.scenario_name + ".h5";
  H5Handle file(H5Fopen(h5.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "open " + h5);
  CHECK(leading_extent(file, "time") == 3);
  for (const auto& sp : info.species) {
    CHECK(leading_extent(file, output::safe_name(sp.name).c_str()) == 3);
    CHECK(leading_extent(file, (output::safe_name(sp.name) + "_ground").c_str()) == 3);
  }
  CHECK(root_attribute(file, "status") == "failed");
  CHECK(root_attribute(file, "failure") == f.message);

  // The sidecars list the same three times but t = 0 (not listed),
  // receptors.csv has their rows.
  CHECK(count(slurp(dir.str() + "/" + info.scenario_name + ".xmf"), "<Time ") == 2);
  CHECK(count(slurp(dir.str() + "/" + info.scenario_name + "_ground.xmf"), "<Time ") == 2);
  CHECK(count(slurp(dir.str() + "/" + info.scenario_name + ".pvd"), "<DataSet ") == 2);
  const std::size_t rows = count(slurp(dir.str() + "/receptors.csv"), "\n");
  CHECK(rows == 1 + 3 * info.receptors.size() * info.species.size());
}
