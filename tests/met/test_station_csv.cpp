// Station CSV: valid rows, and each kind of bad row rejected with
// FILE:LINE: column 'name'; a run longer than the met data is rejected
// at the scenario's met.file key.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "host/met/met_provider.hpp"
#include "host/met/station_csv.hpp"
#include "host/scenario/load_scenario.hpp"
#include "tests/scenario/scenario_text.hpp"

using namespace airshed;

namespace {

const char* const kHeader = "time,wind_speed,wind_direction,stability,mixing_height,temperature\n";

std::string csv_error(const std::string& rows) {
  try {
    parse_station_csv(std::string(kHeader) + rows, "m.csv", 480);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

void check(const std::string& msg, int line, const std::string& column) {
  INFO("message: " << msg);
  CHECK(msg.rfind("m.csv:" + std::to_string(line) + ": column '" + column + "': ", 0) == 0);
  CHECK(msg.find("; allowed: ") != std::string::npos);
}

}  // namespace

TEST_CASE("station rows are read with units converted") {
  const auto rows = parse_station_csv(std::string("# comment\n") + kHeader +
                                          "2026-01-15T00:00,2.5,315,F,150,-5\n"
                                          "2026-01-15T01:00+08:00,3.0,320,-35.5,200,-4\n",
                                      "m.csv", 480);
  REQUIRE(rows.size() == 2);
  // 2026-01-15T00:00+08:00 = 2026-01-14T16:00Z = 1768406400 s since the epoch.
  CHECK(rows[0].utc_epoch_s == 1768406400LL);
  CHECK(rows[1].utc_epoch_s - rows[0].utc_epoch_s == 3600);
  CHECK(rows[0].stability_class == 'F');
  CHECK(rows[1].stability_class == 0);
  CHECK(rows[1].obukhov_length == doctest::Approx(-35.5));
  CHECK(rows[0].temperature == doctest::Approx(268.15));
  CHECK(rows[0].line == 3);
}

TEST_CASE("bad met rows are rejected with line and column") {
  check(csv_error("2026-01-15T00:00,nan,315,F,150,-5\n"), 2, "wind_speed");
  check(csv_error("2026-01-15T00:00,76,315,F,150,-5\n"), 2, "wind_speed");
  check(csv_error("2026-01-15T00:00,inf,315,F,150,-5\n"), 2, "wind_speed");
  check(csv_error("2026-01-15T00:00,2,315,F,0,-5\n"), 2, "mixing_height");
  check(csv_error("2026-01-15T00:00,2,315,G,150,-5\n"), 2, "stability");
  check(csv_error("2026-01-15T00:00,2,361,F,150,-5\n"), 2, "wind_direction");
  check(csv_error("2026-01-15T00:00,2,315,F,150,-5\n2026-01-15T00:00,2,315,F,150,-5\n"), 3, "time");
  check(csv_error("2026-01-15T25:00,2,315,F,150,-5\n"), 2, "time");
  const std::string missing = [] {
    try {
      parse_station_csv("time,wind_speed,stability,mixing_height\n", "m.csv", 0);
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string();
  }();
  check(missing, 1, "wind_direction");
}

TEST_CASE("a run longer than the met data is rejected at met.file") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "airshed_test_station";
  fs::create_directories(dir);
  std::ofstream(dir / "short.csv") << kHeader << "2026-01-15T00:00,2,315,D,500,0\n";
  using airshed::test::replaced;
  std::string s = replaced(airshed::test::kSmallScenario,
                           "kind = \"uniform\"\nspeed = 3.0\ndirection = 270.0\nstability = \"D\"\n"
                           "mixing_height = 800.0",
                           "kind = \"station\"\nfile = \"short.csv\"");
  std::string msg;
  try {
    (void)make_met_provider(parse_scenario(s, "t.toml", dir.string()));
  } catch (const ScenarioError& e) {
    msg = e.what();
  }
  INFO(msg);
  const long line = airshed::test::line_containing(s, "file = \"short.csv\"");
  CHECK(msg.rfind("t.toml:" + std::to_string(line) +
                      ": key 'met.file': no met data for "
                      "2026-01-15T01:00:00+08:00",
                  0) == 0);
  fs::remove_all(dir);
}

TEST_CASE("met limits: 75 m/s is the largest wind, mixing height > 0, every value finite") {
  // docs/robustness.md: the solver stays stable for any wind (its dt
  // follows), but a station reporting more than 75 m/s is a broken record.
  CHECK(csv_error("2026-01-15T00:00,75,315,F,150,-5\n").empty());
  check(csv_error("2026-01-15T00:00,75.01,315,F,150,-5\n"), 2, "wind_speed");
  check(csv_error("2026-01-15T00:00,-1,315,F,150,-5\n"), 2, "wind_speed");
  check(csv_error("2026-01-15T00:00,2,315,F,-10,-5\n"), 2, "mixing_height");
  check(csv_error("2026-01-15T00:00,2,315,F,nan,-5\n"), 2, "mixing_height");
  check(csv_error("2026-01-15T00:00,2,315,F,inf,-5\n"), 2, "mixing_height");
  check(csv_error("2026-01-15T00:00,2,315,F,150,NaN\n"), 2, "temperature");
  check(csv_error("2026-01-15T00:00,2,315,F,150,-inf\n"), 2, "temperature");
  check(csv_error("2026-01-15T00:00,2,nan,F,150,-5\n"), 2, "wind_direction");
  // The line is the file's: a bad third row is reported on line 4.
  check(csv_error("2026-01-15T00:00,2,315,F,150,-5\n2026-01-15T01:00,2,315,F,150,-5\n"
                  "2026-01-15T02:00,1e30,315,F,150,-5\n"),
        4, "wind_speed");
}
