// Source attribution through the scenario path (docs/tagging.md): region
// tags routed by the emission model, carried by the solver, and their
// analytically known shares at receptors; the contributions file of a run.
#include <doctest/doctest.h>
#include <hdf5.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "host/output/output_writers.hpp"
#include "host/run/run_loop.hpp"
#include "host/run/run_setup.hpp"
#include "host/scenario/load_scenario.hpp"
#include "host/statistics/receptor_sampling.hpp"

using namespace airshed;

namespace {

// 2 km x 2 km, 20 x 20 cells, one uniform ground-level area source over
// the whole domain, and a tag for its southern half (cell centres y < 1000 m).
const char* const kHalves = R"([scenario]
name = "halves"
start = "2026-01-15T00:00:00+08:00"
duration = "2h"
output_interval = "1h"

[domain]
origin = { lon = 117.7, lat = 39.0 }
size = [2000.0, 2000.0]
cells = [20, 20]

[domain.levels]
count = 6
first_layer = 10.0
stretch = 1.3

[[species]]
name = "SO2"
units = "ug/m3"

[met]
kind = "uniform"
speed = 3.0
direction = 270.0
stability = "D"
mixing_height = 800.0

[[source]]
name = "field"
kind = "area"
vertices = [[0, 0], [2000, 0], [2000, 2000], [0, 2000]]
emissions = { SO2 = 1e-6 }

[[receptor]]
name = "south"
position = { x = 1500.0, y = 500.0 }

[[receptor]]
name = "boundary"
position = { x = 1500.0, y = 1000.0 }

[output]
directory = "out/test_tagging_halves"
vtk = false

[tagging]
[[tag]]
name = "south-half"
region_xy = [[-10, -10], [2010, -10], [2010, 1000], [-10, 1000]]
)";

}  // namespace

TEST_CASE("a region tag over half the domain: share 1 downwind of it, 0.5 on its boundary") {
  // Wind along x (west to east), no horizontal diffusion: the rows of
  // cells along x never exchange mass, so the receptor at y = 500 m sees
  // only rows of the southern half, all tagged: share exactly 1 (the tag's
  // fraction of every upwind cell is 1, so its flux is the total's bit for
  // bit). The receptor at y = 1000 m lies on the line between the rows of
  // centres 950 m (tagged) and 1050 m (not), interpolated with weights 1/2
  // each; the two rows get the same emissions (the uniform source's
  // footprint weights, equal to rounding) and the same transport, so the
  // share is 1/2 to float rounding of the rates: |share - 0.5| < 1e-6.
  const Scenario s = parse_scenario(kHalves, "halves.toml", ".");
  REQUIRE(s.tagging.enabled);
  const RunInputs in = open_run_inputs(s);
  auto solver = make_solver(BackendChoice::cpu, transport_config(s));
  const Grid& g = s.grid;
  solver->set_met(uniform_met(g, 3.0, 0.0, 0.0, 0.0, 2.0));
  const std::vector<CellEmission> em = in.emissions->at(0, *in.met);
  for (const CellEmission& e : em)  // the region routes by cell centre
    CHECK(e.tag ==
          (g.y_centre(int(e.cell / std::size_t(g.nx) % std::size_t(g.ny))) < 1000 ? 0 : 1));
  solver->set_emissions(em);
  solver->advance(1800);
  const auto tags = solver->tag_concentrations(0);
  REQUIRE(tags.size() == 3);
  const std::vector<float> total = solver->concentration(0);
  for (const auto& r : s.receptors) {
    const statistics::Stencil st = statistics::trilinear_stencil(g, r.x, r.y, r.z);
    const double share =
        statistics::sample(st, tags[0].data()) / statistics::sample(st, total.data());
    MESSAGE("receptor ", r.name, ": share of the southern half ", share);
    CHECK(statistics::sample(st, total.data()) > 0);
    if (r.name == "south") CHECK(share == 1.0);
    if (r.name == "boundary") CHECK(std::abs(share - 0.5) < 1e-6);
  }
}

TEST_CASE("a tagged run writes contributions.h5 whose tags add up to the species' ground field") {
  // Default met (3 m/s, diffusion on): the tags share every flux, so their
  // sum is the species to float32 rounding over the run's steps (the bound
  // of tests/solver/test_tagged.cpp), here asserted at 1e-5 of the peak.
  std::filesystem::remove_all("out/test_tagging_halves");
  std::filesystem::create_directories("out");
  const std::string file = "out/test_tagging_halves.toml";  // run.json hashes it
  { std::ofstream(file) << kHalves; }
  const Scenario s = load_scenario(file);
  auto solver = make_solver(BackendChoice::cpu, transport_config(s));
  output::OutputOptions o;
  o.vtk = false;
  const auto writers = output::make_output_writers(o);
  std::ostringstream log;
  run_scenario(s, *solver, {writers.get()}, log);
  const std::string dir = "out/test_tagging_halves/";
  REQUIRE(std::filesystem::exists(dir + "contributions.h5"));
  REQUIRE(std::filesystem::exists(dir + "contributions.csv"));
  const hid_t f = H5Fopen((dir + "contributions.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  const hid_t d = H5Dopen2(f, "ground/SO2", H5P_DEFAULT);
  const hid_t space = H5Dget_space(d);
  hsize_t dims[4];
  REQUIRE(H5Sget_simple_extent_ndims(space) == 4);
  H5Sget_simple_extent_dims(space, dims, nullptr);
  CHECK(dims[0] == 3);  // t = 0, 1 h and 2 h
  CHECK(dims[1] == 3);  // south-half, other, background
  CHECK(dims[2] == 20);
  CHECK(dims[3] == 20);
  std::vector<float> ground(dims[0] * dims[1] * dims[2] * dims[3]);
  int linear = -1;
  const hid_t la = H5Aopen(f, "linear", H5P_DEFAULT);
  H5Aread(la, H5T_NATIVE_INT, &linear);
  H5Aclose(la);
  CHECK(linear == 0);  // cuts from these tags are estimates under wind (docs/tagging.md)
  H5Dread(d, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, ground.data());
  const hid_t e = H5Dopen2(f, "emissions/SO2", H5P_DEFAULT);
  double emitted[3];
  H5Dread(e, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, emitted);
  // 1e-6 g/s/m2 over 4 km2 = 4 g/s, for 2 h = 28800 g, half per half.
  CHECK(emitted[0] == doctest::Approx(14400.0).epsilon(1e-5));
  CHECK(emitted[1] == doctest::Approx(14400.0).epsilon(1e-5));
  CHECK(emitted[2] == 0.0);
  H5Dclose(e);
  H5Sclose(space);
  H5Dclose(d);
  H5Fclose(f);
  const hid_t m = H5Fopen((dir + "halves.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(m >= 0);
  const hid_t gd = H5Dopen2(m, "SO2_ground", H5P_DEFAULT);
  std::vector<float> species(3 * 400);  // t = 0, 1 h, 2 h
  H5Dread(gd, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, species.data());
  H5Dclose(gd);
  H5Fclose(m);
  double peak = 0, worst = 0;
  for (float v : species) peak = std::max(peak, double(v));
  for (std::size_t t = 0; t < 3; ++t)
    for (std::size_t c = 0; c < 400; ++c) {
      double sum = 0;
      for (std::size_t k = 0; k < 3; ++k) sum += ground[(t * 3 + k) * 400 + c];
      worst = std::max(worst, std::abs(sum - species[t * 400 + c]) / peak);
    }
  MESSAGE("contributions.h5: max |sum of tags - species| / peak = ", worst);
  CHECK(worst < 1e-5);
}
