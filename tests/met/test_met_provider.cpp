// The met provider is built from the scenario's [met] spec and reads the
// station file itself, for the run's hours only: parsing the scenario reads
// no station file, rows outside the run are not checked (rows after its end
// not read at all), and a bad row inside the run, a gap in its hours or an
// unusable wind profile is the one-line FILE:LINE error at the row or at the
// scenario key.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "host/met/met_provider.hpp"
#include "host/met/station_csv.hpp"
#include "host/scenario/load_scenario.hpp"
#include "tests/scenario/scenario_text.hpp"

using namespace airshed;
using airshed::test::kSmallScenario;
using airshed::test::line_containing;
using airshed::test::replaced;

namespace {

const std::string kHeader = "time,wind_speed,wind_direction,stability,mixing_height\n";

int next_id() {
  static int n = 0;
  return ++n;
}

// A station file in a fresh directory and the small scenario reading it,
// from 01:00 local for 2 h (kSmallScenario starts at 00:00 +08:00).
struct StationCase {
  std::filesystem::path dir;
  std::string text;
  explicit StationCase(const std::string& csv)
      : dir(std::filesystem::temp_directory_path() /
            ("airshed-met-provider-" + std::to_string(::getpid()) + "-" +
             std::to_string(next_id()))) {
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "m.csv") << csv;
    text = replaced(kSmallScenario,
                    "kind = \"uniform\"\nspeed = 3.0\ndirection = 270.0\nstability = \"D\"\n"
                    "mixing_height = 800.0",
                    "kind = \"station\"\nfile = \"m.csv\"");
    text = replaced(text, "start = \"2026-01-15T00:00:00+08:00\"",
                    "start = \"2026-01-15T01:00:00+08:00\"");
  }
  ~StationCase() { std::filesystem::remove_all(dir); }
  std::string csv() const { return (dir / "m.csv").string(); }
  Scenario scenario() const { return parse_scenario(text, "t.toml", dir.string()); }
  // The provider's ScenarioError message, "" when it builds.
  std::string error() const {
    const Scenario s = scenario();
    try {
      (void)make_met_provider(s);
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return "";
  }
};

// Hourly rows from 00:00 to 04:00 local (file lines 2..6); `bad_hour` (if
// >= 0) gets a wind speed of "fast".
std::string five_hours(int bad_hour = -1) {
  std::string csv = kHeader;
  for (int h = 0; h < 5; ++h)
    csv += "2026-01-15T0" + std::to_string(h) + ":00," + (h == bad_hour ? "fast" : "2") + "," +
           std::to_string(300 + h) + ",D,500\n";
  return csv;
}

}  // namespace

TEST_CASE("a station CSV is read for the window's hours only") {
  // 01:00..03:00 local: the rows of 01:00 and 02:00 (lines 3 and 4).
  const long long t0 = parse_iso8601("2026-01-15T01:00", 480)->utc_epoch_s;
  const auto rows = parse_station_csv(five_hours(), "m.csv", 480, {t0, t0 + 7200});
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].line == 3);
  CHECK(rows[1].line == 4);
  CHECK(rows[0].wind_direction == 301);
  // A row that starts before the window but whose hour reaches into it is kept.
  const auto half = parse_station_csv(five_hours(), "m.csv", 480, {t0 + 1800, t0 + 3600});
  REQUIRE(half.size() == 1);
  CHECK(half[0].line == 3);
  // The default window holds every row.
  CHECK(parse_station_csv(five_hours(), "m.csv", 480).size() == 5);
}

TEST_CASE("parsing a scenario reads no station file; the provider does") {
  StationCase c(five_hours());
  std::filesystem::remove(c.csv());
  const Scenario s = c.scenario();  // the file is gone: parsing does not notice
  CHECK(s.met.station_file == c.csv());
  CHECK(s.met.file_site.key == "met.file");
  CHECK(s.met.file_site.line == line_containing(c.text, "file = \"m.csv\""));
  CHECK(c.error() == c.csv() +
                         ":1: station file: does not exist (cannot be opened); allowed: a "
                         "readable regular file of at most 67108864 bytes");
}

TEST_CASE("the provider holds the run's hours: 01:00 and 02:00 local") {
  StationCase c(five_hours());
  const Scenario s = c.scenario();
  const auto met = make_met_provider(s);
  CHECK(met->surface(0).wind_direction == 301);
  CHECK(met->surface(3599).wind_direction == 301);
  CHECK(met->surface(3600).wind_direction == 302);
  CHECK(met->next_change(0) == 3600);
  CHECK(met->next_change(3600) == 7200);
}

TEST_CASE("a bad row outside the run is not reported, one inside is, at its line") {
  CHECK(StationCase(five_hours(0)).error().empty());  // 00:00, before the run
  CHECK(StationCase(five_hours(3)).error().empty());  // 03:00, the hour after it
  CHECK(StationCase(five_hours(4)).error().empty());  // 04:00, after the end: not read
  // After the end even a broken row is never read.
  CHECK(StationCase(five_hours() + "garbage\n\x01,,\n").error().empty());
  for (int h : {1, 2}) {
    StationCase c(five_hours(h));
    const std::string msg = c.error();
    INFO(msg);
    CHECK(msg == c.csv() + ":" + std::to_string(h + 2) +
                     ": column 'wind_speed': cannot read 'fast' as a number; allowed: a number");
  }
  // Rows out of order before the run are still an error: the rows place
  // the run's hours, so their times are always read.
  std::string swapped =
      kHeader + "2026-01-15T00:30,2,300,D,500\n" + five_hours().substr(kHeader.size());
  const std::string msg = StationCase(swapped).error();
  CHECK(msg.find(":3: column 'time': not later than the previous row") != std::string::npos);
}

TEST_CASE("a gap in the run's hours is reported at met.file, in the scenario") {
  // No 02:00 row: the run's second hour has no met.
  std::string csv = kHeader + "2026-01-15T01:00,2,300,D,500\n2026-01-15T03:00,2,300,D,500\n";
  StationCase c(csv);
  const std::string msg = c.error();
  INFO(msg);
  CHECK(msg.rfind("t.toml:" + std::to_string(line_containing(c.text, "file = \"m.csv\"")) +
                      ": key 'met.file': no met data for 2026-01-15T02:00:00+08:00 (station "
                      "file '" +
                      c.csv() + "')",
                  0) == 0);
  // Rows only outside the run: the first hour is missing.
  StationCase after(kHeader + "2026-01-15T05:00,2,300,D,500\n");
  CHECK(after.error().find("no met data for 2026-01-15T01:00:00+08:00") != std::string::npos);
}

TEST_CASE("an unusable wind profile in a run hour is reported at met.anemometer_height") {
  // |L| = 1 m over z0 = 3 m: ln(z/z0) - psi_m(z/L) < 0 at 10 m. In the hour
  // before the run it is not looked at; in the run it is, naming the row.
  auto with = [](int hour) {
    std::string csv = kHeader;
    for (int h = 0; h < 3; ++h)
      csv +=
          "2026-01-15T0" + std::to_string(h) + ":00,2,300," + (h == hour ? "-1" : "D") + ",500\n";
    return csv;
  };
  {
    StationCase c(with(0));
    c.text = replaced(c.text, "file = \"m.csv\"", "file = \"m.csv\"\nz0 = 3.0");
    CHECK(c.error().empty());
  }
  StationCase c(with(2));
  c.text = replaced(c.text, "file = \"m.csv\"", "file = \"m.csv\"\nz0 = 3.0");
  const std::string msg = c.error();
  INFO(msg);
  // anemometer_height is not written: the [met] table's line.
  CHECK(msg.rfind("t.toml:" + std::to_string(line_containing(c.text, "[met]")) +
                      ": key 'met.anemometer_height': too close to z0 = 3 m",
                  0) == 0);
  CHECK(msg.find("(station file '" + c.csv() + "' line 4)") != std::string::npos);
}
