// [met] kind = "stations": the [[met.station]] tables to StationSpecs
// (parsing reads no station file), and each bad key as one line
// "t.toml:LINE: key 'met.station[i].KEY': ...; allowed: ...".
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "host/scenario/load_scenario.hpp"
#include "scenario_text.hpp"
#include "tests/scenario/geodesic_local.hpp"

using namespace airshed;
using airshed::test::kSmallScenario;
using airshed::test::line_containing;
using airshed::test::replaced;

namespace {

const char* const kUniformMet =
    "kind = \"uniform\"\nspeed = 3.0\ndirection = 270.0\nstability = \"D\"\nmixing_height = 800.0";

// The small scenario (2000 m x 2000 m) with a network of two stations.
const std::string kNetwork = replaced(kSmallScenario, kUniformMet,
                                      R"(kind = "stations"
z0 = 0.3
anemometer_height = 12.0

[[met.station]]
name = "west"
file = "w.csv"
position = { x = 200.0, y = 1000.0 }

[[met.station]]
name = "east"
file = "/data/e.csv"
position = { lon = 117.72, lat = 39.01 }
anemometer_height = 25.0
z0 = 0.8)");

// The parser's message for `text` ("" when it parses).
std::string parse_error(const std::string& text) {
  try {
    (void)parse_scenario(text, "t.toml", "base");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

void check(const std::string& msg, long line, const std::string& key, const std::string& what) {
  INFO("message: " << msg);
  CHECK(msg.rfind("t.toml:" + std::to_string(line) + ": key '" + key + "': " + what, 0) == 0);
  CHECK(msg.find('\n') == std::string::npos);
  CHECK(msg.find("; allowed: ") != std::string::npos);
}

}  // namespace

TEST_CASE("[[met.station]] tables become the network's station specs") {
  const Scenario s = parse_scenario(kNetwork, "t.toml", "base");  // reads no station file
  CHECK(s.met.kind == MetKind::stations);
  REQUIRE(s.met.stations.size() == 2);
  const StationSpec& w = s.met.stations[0];
  const StationSpec& e = s.met.stations[1];
  CHECK(w.name == "west");
  CHECK(w.file == "base/w.csv");  // relative to the scenario's directory
  CHECK(w.file_site.key == "met.station[0].file");
  CHECK(w.file_site.line == line_containing(kNetwork, "file = \"w.csv\""));
  CHECK(w.x == 200.0);
  CHECK(w.y == 1000.0);
  CHECK(w.z0 == 0.3);                  // the [met] table's
  CHECK(w.anemometer_height == 12.0);  // the [met] table's
  // Not written: reported at the station's table.
  CHECK(w.anemometer_site.key == "met.station[0].anemometer_height");
  CHECK(w.anemometer_site.line == line_containing(kNetwork, "name = \"west\"") - 1);
  CHECK(e.file == "/data/e.csv");
  CHECK(e.z0 == 0.8);
  CHECK(e.anemometer_height == 25.0);
  CHECK(e.anemometer_site.line == line_containing(kNetwork, "anemometer_height = 25.0"));
  // lon/lat (117.72, 39.01) through the scenario's projection about (117.7, 39.0).
  double x, y;
  test::geodesic_local(117.7, 39.0, 117.72, 39.01, x, y);
  CHECK(e.x == doctest::Approx(x).epsilon(1e-9));
  CHECK(e.y == doctest::Approx(y).epsilon(1e-9));
}

TEST_CASE("a station network without stations is rejected at [met]") {
  const std::string none = replaced(kSmallScenario, kUniformMet, "kind = \"stations\"\nz0 = 0.3");
  check(parse_error(none), line_containing(none, "[met]"), "met.station", "missing required key");
  const std::string empty = replaced(none, "z0 = 0.3", "z0 = 0.3\nstation = []");
  check(parse_error(empty), line_containing(empty, "station = []"), "met.station",
        "needs at least one entry");
}

TEST_CASE("a station's missing file, duplicate name or far position is one line at its key") {
  const std::string no_file = replaced(kNetwork, "file = \"w.csv\"\n", "");
  check(parse_error(no_file), line_containing(no_file, "name = \"west\"") - 1,
        "met.station[0].file", "missing required key");

  const std::string twice = replaced(kNetwork, "name = \"east\"", "name = \"west\"");
  const long second = line_containing(twice, "file = \"/data/e.csv\"") - 1;
  check(parse_error(twice), second, "met.station[1].name", "station 'west' given twice");

  // Accepted: the domain and half its size around it (-1000 .. 3000 m here).
  const std::string near = replaced(kNetwork, "x = 200.0, y = 1000.0", "x = -999.0, y = 2999.0");
  CHECK(parse_error(near).empty());
  const std::string far = replaced(kNetwork, "x = 200.0, y = 1000.0", "x = -1001.0, y = 1000.0");
  const std::string msg = parse_error(far);
  check(msg, line_containing(far, "x = -1001.0"), "met.station[0].position",
        "position (-1001.0, 1000.0) m is too far outside the domain for a station");
  CHECK(msg.find("allowed: -1000.0 <= x <= 3000.0, -1000.0 <= y <= 3000.0") != std::string::npos);
  const std::string far_geo = replaced(kNetwork, "lat = 39.01", "lat = 39.5");
  check(parse_error(far_geo), line_containing(far_geo, "lat = 39.5"), "met.station[1].position",
        "position (");

  const std::string no_pos = replaced(kNetwork, "position = { x = 200.0, y = 1000.0 }\n", "");
  check(parse_error(no_pos), line_containing(no_pos, "name = \"west\"") - 1,
        "met.station[0].position", "missing required key");
}

TEST_CASE("a station's keys are checked like [met]'s") {
  const std::string unknown = replaced(kNetwork, "z0 = 0.8", "z0 = 0.8\nheight = 3.0");
  check(parse_error(unknown), line_containing(unknown, "height = 3.0"), "met.station[1].height",
        "unknown key");
  const std::string at_z0 =
      replaced(kNetwork, "anemometer_height = 25.0\nz0 = 0.8", "anemometer_height = 2.0\nz0 = 2.0");
  check(parse_error(at_z0), line_containing(at_z0, "anemometer_height = 2.0"),
        "met.station[1].anemometer_height", "at or below the roughness length z0 = 2 m");
  const std::string bad_z0 = replaced(kNetwork, "z0 = 0.8", "z0 = 5.0");
  check(parse_error(bad_z0), line_containing(bad_z0, "z0 = 5.0"), "met.station[1].z0",
        "value 5 out of range");
  // The other kinds know no stations.
  const std::string uniform = replaced(kSmallScenario, "mixing_height = 800.0",
                                       "mixing_height = 800.0\n[[met.station]]\nname = \"a\"");
  check(parse_error(uniform), line_containing(uniform, "[[met.station]]"), "met.station",
        "unknown key");
}
