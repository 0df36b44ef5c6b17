// receptors.csv, receptor_summary.csv, run.json and the errors a user sees.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "host/output/sha256.hpp"
#include "tests/output/output_test_dir.hpp"

using namespace airshed;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

}  // namespace

TEST_CASE("receptors.csv has every time, receptor and species, interpolated trilinearly") {
  test::TempDir dir("receptors");
  const RunInfo info = test::write_synthetic_run(dir.str(), true);
  const auto rows = lines(slurp(dir.str() + "/receptors.csv"));
  REQUIRE(rows.size() == 1 + 7 * 3 * 2);
  CHECK(rows[0] == "time,time_s,receptor,species,value,units");
  // School at (250, 450, 1.5): below the first centre, so z clamps to 10 m;
  // the field is linear in x and y, so the value is exact there.
  CHECK(rows[1].rfind("2026-01-15T00:00:00+08:00,0,school,PM2.5,", 0) == 0);
  const double expected = 1.0 + 0.01 * 250 + 0.002 * 450 + 0.05 * info.grid.z_centre(0);
  const std::string value = rows[1].substr(rows[1].find("PM2.5,") + 6);
  CHECK(std::stod(value) == doctest::Approx(expected).epsilon(1e-6));
  CHECK(rows.back().rfind("2026-01-15T03:00:00+08:00,10800,mid,SO2,", 0) == 0);

  const std::string summary = slurp(dir.str() + "/receptor_summary.csv");
  CHECK(summary.rfind("receptor,species,statistic,value,units,when\n", 0) == 0);
  CHECK(summary.find("school,PM2.5,max_instant,") != std::string::npos);
  CHECK(summary.find("school,PM2.5,exceedances alert,") != std::string::npos);
}

TEST_CASE("run.json records provenance, the grid, the budget and how the run ended") {
  test::TempDir dir("runjson");
  std::filesystem::create_directories(dir.path);
  const std::string scenario = dir.str() + "/case.toml";
  std::ofstream(scenario) << "name = \"case\"\n";
  RunInfo info = test::synthetic_info(dir.str() + "/out");
  info.scenario_file = scenario;
  auto out = output::make_output_writers();
  out->begin(info);
  CHECK(slurp(dir.str() + "/out/run.json").find("\"status\": \"running\"") != std::string::npos);
  out->snapshot(test::synthetic_snapshot(info, 0));
  out->snapshot(test::synthetic_snapshot(info, 1800));
  RunSummary summary;
  summary.end_time_s = 1800;
  summary.steps = 17;
  summary.interrupted = true;
  summary.budgets.resize(2);
  summary.budgets[0].emitted = 5;
  summary.budgets[0].in_domain = 5;
  // A process added to the pipeline (host/solver/process_pipeline.hpp)
  // reports its own term: 2 of 3 initial units removed, 1 left.
  summary.budgets[1].initial = 3;
  summary.budgets[1].processes = {{"second_loss", -2}};
  summary.budgets[1].in_domain = 1;
  out->end(summary);
  const std::string json = slurp(dir.str() + "/out/run.json");
  CHECK(json.find("\"status\": \"interrupted at t = 1800 s (2026-01-15T00:30:00+08:00)\"") !=
        std::string::npos);
  CHECK(json.find("\"sha256\": \"" + output::sha256_file(scenario) + "\"") != std::string::npos);
  CHECK(json.find("\"steps\": 17") != std::string::npos);
  CHECK(json.find("\"nx\": 6, \"ny\": 5, \"nz\": 4") != std::string::npos);
  CHECK(json.find("\"residual\": 0") != std::string::npos);
  CHECK(json.find("\"decayed\": 0, \"processes\": {}, \"in_domain\": 5") != std::string::npos);
  CHECK(json.find("\"processes\": {\"second_loss\": -2}, \"in_domain\": 1, \"residual\": 0,") !=
        std::string::npos);
  CHECK(json.find("\"airshed_version\": ") != std::string::npos);
  // The user's instant threshold of 40 ug/m3: PM2.5 ground values at 30 min
  // exceed it nowhere (max 1.5 + 5.5 + 1.8 + 0.5 = 9.3), so no area.
  CHECK(json.find("\"label\": \"alert\", \"averaging\": \"instant\", \"threshold\": 40") !=
        std::string::npos);
  CHECK(json.find("\"area_m2\": 0") != std::string::npos);
}

TEST_CASE("an output directory that cannot be written is a one-line error naming it") {
  test::TempDir dir("unwritable");
  std::filesystem::create_directories(dir.path);
  std::ofstream(dir.path / "plain-file") << "x";
  const std::string bad = dir.str() + "/plain-file/out";
  RunInfo info = test::synthetic_info(bad);
  auto out = output::make_output_writers();
  try {
    out->begin(info);
    FAIL("begin() accepted an output directory below a plain file");
  } catch (const std::runtime_error& e) {
    const std::string msg = e.what();
    CHECK(msg.find("output directory '" + bad + "'") == 0);
    CHECK(msg.find('\n') == std::string::npos);
  }
}

TEST_CASE("an output interval that does not divide an hour is refused before any file exists") {
  test::TempDir dir("interval");
  RunInfo info = test::synthetic_info(dir.str());
  info.output_interval_s = 7000;
  auto out = output::make_output_writers();
  CHECK_THROWS_AS(out->begin(info), std::invalid_argument);
  CHECK(!std::filesystem::exists(dir.path / "synthetic.h5"));
}

TEST_CASE("area above a threshold counts ground cells whose relevant maximum exceeds it") {
  test::TempDir dir("areas");
  RunInfo info = test::synthetic_info(dir.str());
  info.thresholds = {{"PM2.5", "low", "instant", 10.0}};
  auto out = output::make_output_writers();
  out->begin(info);
  for (double t = 0; t <= info.duration_s; t += info.output_interval_s)
    out->snapshot(test::synthetic_snapshot(info, t));
  out->end(RunSummary{});
  // Ground PM2.5 at the last time: 4 + 0.01 x + 0.002 y + 0.5 > 10 for cells
  // where 0.01 x + 0.002 y > 5.5: brute-force the count.
  long cells = 0;
  for (int j = 0; j < info.grid.ny; ++j)
    for (int i = 0; i < info.grid.nx; ++i)
      cells += test::stored_value(info, 0, i, j, 0, info.duration_s) > 10.0f;
  const std::string json = slurp(dir.str() + "/run.json");
  CHECK(json.find("\"ground_cells_above\": " + std::to_string(cells) +
                  ", \"area_m2\": " + std::to_string(cells * 20000)) != std::string::npos);
}

TEST_CASE("a checkpoint resumes only into the same list of outputs") {
  test::TempDir dir("choice");
  const RunInfo info = test::synthetic_info(dir.str());
  auto out = output::make_output_writers();
  out->begin(info);
  out->snapshot(test::synthetic_snapshot(info, 0));
  StateWriter w;
  out->save(w);
  out.reset();  // releases OUTDIR's lock, as a stopped run would
  output::OutputOptions no_vtk;
  no_vtk.vtk = false;
  StateReader other(w.bytes(), "ck");
  auto fewer = output::make_output_writers(no_vtk);
  CHECK_THROWS_WITH_AS(fewer->resume(info, other),
                       "checkpoint 'ck' is unusable: it was written with a different choice of "
                       "outputs",
                       std::runtime_error);
  StateReader same(w.bytes(), "ck");
  auto again = output::make_output_writers();
  again->resume(info, same);
  CHECK(same.at_end());
  again->snapshot(test::synthetic_snapshot(info, 1800));
  again->end(RunSummary{});
  CHECK(lines(slurp(dir.str() + "/receptors.csv")).size() == 1 + 2 * 3 * 2);
}
