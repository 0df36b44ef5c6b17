// [chemistry] and the met keys chemistry reads: the spec of a valid
// scenario (roles, the NOx split, the ozone background), and every bad key
// as the one-line "FILE:LINE: key 'KEY': ...; allowed: ..." error.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "host/met/ozone_background.hpp"
#include "host/scenario/load_scenario.hpp"
#include "scenario_text.hpp"

using namespace airshed;
using airshed::test::error_of;
using airshed::test::line_containing;
using airshed::test::replaced;

namespace {

const char* const kChemistry = R"([scenario]
name = "t"
start = "2026-01-15T00:00:00+08:00"
duration = "2h"
output_interval = "1h"

[domain]
origin = { lon = 117.7, lat = 39.0 }
size = [2000.0, 2000.0]
cells = [10, 10]

[domain.levels]
count = 5
first_layer = 20.0
stretch = 1.2

[chemistry]
mechanism = "nox_sia"

[[species]]
name = "NO"
units = "ppb"
molar_mass = 30.006
[[species]]
name = "NO2"
units = "ppb"
molar_mass = 46.0055
[[species]]
name = "O3"
units = "ppb"
molar_mass = 47.997
background = 30.0
[[species]]
name = "SO2"
units = "ug/m3"
molar_mass = 64.066
[[species]]
name = "SO4"
units = "ug/m3"
phase = "particle"
molar_mass = 96.06
[[species]]
name = "HNO3"
units = "ug/m3"
molar_mass = 63.01
[[species]]
name = "NO3"
units = "ug/m3"
phase = "particle"
molar_mass = 62.0
[[species]]
name = "NH3"
units = "ug/m3"
molar_mass = 17.031
[[species]]
name = "NH4"
units = "ug/m3"
phase = "particle"
molar_mass = 18.04
[[species]]
name = "PM2.5"
units = "ug/m3"
phase = "particle"

[met]
kind = "uniform"
speed = 3.0
direction = 270.0
stability = "D"
mixing_height = 800.0

[[source]]
name = "stack"
kind = "point"
position = { x = 500.0, y = 1000.0 }
height = 50.0
plume_rise = false
emissions = { NOx = 10.0, SO2 = 5.0 }

[[source]]
name = "road"
kind = "line"
vertices = [[100.0, 100.0], [1900.0, 100.0]]
emissions = { NOx = 0.01 }

[output]
directory = "out/t"
)";

void check(const std::string& msg, long line, const std::string& key) {
  INFO("message: " << msg);
  CHECK(msg.rfind("t.toml:" + std::to_string(line) + ": key '" + key + "': ", 0) == 0);
  CHECK(msg.find('\n') == std::string::npos);
  CHECK(msg.find("; allowed: ") != std::string::npos);
}

// The error of `text` with `from` replaced by `to`, checked at the line
// holding `at` (in the edited text) and `key`.
void bad(const std::string& from, const std::string& to, const std::string& at,
         const std::string& key) {
  const std::string s = replaced(kChemistry, from, to);
  INFO("edit: " << to);
  REQUIRE(s != kChemistry);
  check(error_of(s), line_containing(s, at), key);
}

}  // namespace

TEST_CASE("chemistry spec: roles, the NOx split by source kind, met and derived outputs") {
  const Scenario s = parse_scenario(kChemistry, "t.toml", ".");
  const ChemistrySpec& c = s.chemistry;
  REQUIRE(c.enabled);
  CHECK(c.mechanism == "nox_sia");
  for (int r = 0; r < chem_roles; ++r) CHECK(c.species[std::size_t(r)] == r);
  CHECK(c.primary_pm25 == 9);
  CHECK(s.met.chemistry_met);
  // Stack: NOx 10 g/s as NO2, 10 % NO2 (the point default), the rest as NO moles.
  CHECK(s.sources[0].rates[1] == doctest::Approx(1.0));
  CHECK(s.sources[0].rates[0] == doctest::Approx(9.0 * 30.006 / 46.0055));
  CHECK(s.sources[0].no2_fraction == doctest::Approx(0.10));
  CHECK(s.sources[1].rates[1] == doctest::Approx(0.2 * 0.01));  // line default 20 %
  CHECK(s.met.uniform.relative_humidity == doctest::Approx(0.7));
  CHECK(s.met.uniform.pressure == doctest::Approx(101325));
  // The met fields now carry the air's state; the ozone background is the O3 species'.
  const MetFields f = make_met_provider(s)->fields(0);
  CHECK(f.temperature.size() == s.grid.cells());
  CHECK(f.radiation_factor.size() == s.grid.columns());
  CHECK(f.radiation_factor[0] == doctest::Approx(1.0));  // clear sky by default
  CHECK(f.pressure[0] < 101325.0f);
  CHECK(OzoneBackground(s).at(0) * s.species[2].to_output_units == doctest::Approx(30.0));
}

TEST_CASE("chemistry spec: a scenario without [chemistry] gets no chemistry met fields") {
  const Scenario s = parse_scenario(test::kSmallScenario, "t.toml", ".");
  CHECK_FALSE(s.chemistry.enabled);
  const MetFields f = make_met_provider(s)->fields(0);
  CHECK(f.temperature.empty());
  CHECK(f.radiation_factor.empty());
}

TEST_CASE("chemistry spec: ozone profile and cloud cover") {
  std::string text = replaced(kChemistry, "mechanism = \"nox_sia\"\n",
                              "mechanism = \"nox_sia\"\nozone_profile = [" +
                                  std::string("10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, ") +
                                  "18.0, 19.0, 20.0, 21.0, 22.0, 23.0, 24.0, 25.0, 26.0, 27.0, " +
                                  "28.0, 29.0, 30.0, 31.0, 32.0, 33.0]\n");
  text = replaced(text, "mixing_height = 800.0", "mixing_height = 800.0\ncloud_cover = 8.0");
  const Scenario s = parse_scenario(text, "t.toml", ".");
  const OzoneBackground o3(s);
  const double k = s.species[2].to_output_units;
  CHECK(o3.at(0) * k == doctest::Approx(10.0));     // 00:00 local
  CHECK(o3.at(5400) * k == doctest::Approx(11.0));  // 01:30 local
  // Overcast: 1 - 0.75 (Kasten & Czeplak 1980).
  CHECK(make_met_provider(s)->fields(0).radiation_factor[0] == doctest::Approx(0.25));
}

TEST_CASE("chemistry spec: bad keys are one-line errors at their line") {
  bad("mechanism = \"nox_sia\"", "mechanism = \"cb6\"", "mechanism =", "chemistry.mechanism");
  bad("mechanism = \"nox_sia\"", "mechanism = \"nox_sia\"\nspecies = { NOX = \"NO\" }",
      "species =", "chemistry.species.NOX");
  bad("mechanism = \"nox_sia\"", "mechanism = \"nox_sia\"\nspecies = { SO4 = \"SO2\" }",
      "species =", "chemistry.species.SO4");  // a gas in a particle role
  bad("mechanism = \"nox_sia\"", "mechanism = \"nox\"\nspecies = { NH3 = \"NH3\" }",
      "species =", "chemistry.species.NH3");  // not in the mechanism
  bad("name = \"NH4\"\nunits = \"ug/m3\"\nphase = \"particle\"\nmolar_mass = 18.04",
      "name = \"NH4\"\nunits = \"ug/m3\"\nphase = \"particle\"", "mechanism =",
      "chemistry.mechanism");  // no molar mass
  bad("name = \"HNO3\"", "name = \"HNO3x\"", "mechanism =", "chemistry.mechanism");  // missing
  bad("mechanism = \"nox_sia\"", "mechanism = \"nox_sia\"\nno2_fraction = { point = 1.5 }",
      "no2_fraction", "chemistry.no2_fraction.point");
  bad("mechanism = \"nox_sia\"", "mechanism = \"nox_sia\"\nozone_profile = [1.0, 2.0]",
      "ozone_profile", "chemistry.ozone_profile");
  bad("mechanism = \"nox_sia\"",
      "mechanism = \"nox_sia\"\nozone_profile = [1.0]\nozone_file = \"o3.csv\"", "ozone_file",
      "chemistry.ozone_file");
  bad("mechanism = \"nox_sia\"", "mechanism = \"nox_sia\"\nprimary_pm25 = \"PM10\"", "primary_pm25",
      "chemistry.primary_pm25");
  bad("phase = \"particle\"\nmolar_mass = 96.06", "phase = \"liquid\"\nmolar_mass = 96.06",
      "phase = \"liquid\"", "species[4].phase");
  bad("name = \"PM2.5\"", "name = \"SIA\"", "mechanism =", "chemistry.mechanism");
  bad("plume_rise = false\nemissions = { NOx = 10.0, SO2 = 5.0 }",
      "plume_rise = false\nno2_fraction = 0.3\nemissions = { SO2 = 5.0 }", "no2_fraction = 0.3",
      "source[0].no2_fraction");  // no NOx to split
  bad("emissions = { NOx = 10.0, SO2 = 5.0 }", "emissions = { NOy = 10.0, SO2 = 5.0 }", "NOy",
      "source[0].emissions.NOy");
  bad("mixing_height = 800.0", "mixing_height = 800.0\nrelative_humidity = 120.0",
      "relative_humidity", "met.relative_humidity");
  bad("mixing_height = 800.0", "mixing_height = 800.0\ncloud_cover = 9.0", "cloud_cover",
      "met.cloud_cover");
  bad("mixing_height = 800.0", "mixing_height = 800.0\npressure = 200.0",
      "pressure =", "met.pressure");
}

TEST_CASE("chemistry spec: the ozone CSV and the station columns are checked row by row") {
  const std::string dir = ".";
  auto write = [](const std::string& path, const std::string& text) {
    std::ofstream(path) << text;
  };
  const std::string o3 = "test_chemistry_o3.csv";
  const std::string with_file = replaced(kChemistry, "mechanism = \"nox_sia\"",
                                         "mechanism = \"nox_sia\"\nozone_file = \"" + o3 + "\"");
  auto o3_error = [&](const std::string& csv) {
    write(o3, csv);
    try {
      (void)OzoneBackground(parse_scenario(with_file, "t.toml", dir));
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(o3_error("time,o3\n2026-01-15T00:00,20\n2026-01-15T01:00,25\n").empty());
  std::string m = o3_error("time,o3\n2026-01-15T00:00,20\n2026-01-15T01:00,-3\n");
  CHECK(m.rfind("./" + o3 + ":3: column 'o3': ", 0) == 0);
  m = o3_error("time,o3\n2026-01-15T00:00,20\n");  // the second hour is missing
  CHECK(m.rfind("t.toml:" + std::to_string(line_containing(with_file, "ozone_file")) +
                    ": key 'chemistry.ozone_file': no ozone background for 2026-01-15T01:00",
                0) == 0);
  m = o3_error("time,ozone\n");
  CHECK(m.rfind("./" + o3 + ":1: column 'ozone': unknown column", 0) == 0);
  std::remove(o3.c_str());

  // Station CSV: the optional relative_humidity, cloud_cover and pressure columns.
  const std::string met = "test_chemistry_met.csv";
  const std::string station =
      replaced(kChemistry,
               "kind = \"uniform\"\nspeed = 3.0\ndirection = 270.0\nstability = \"D\"\n"
               "mixing_height = 800.0",
               "kind = \"station\"\nfile = \"" + met + "\"");
  const std::string head =
      "time,wind_speed,wind_direction,stability,mixing_height,temperature,relative_humidity,"
      "cloud_cover,pressure\n";
  write(met, head +
                 "2026-01-15T00:00,2,90,E,200,-5,85,7,1025\n2026-01-15T01:00,2,90,E,200,-6,"
                 "88,8,1025\n");
  const Scenario s = parse_scenario(station, "t.toml", dir);
  const MetFields f = make_met_provider(s)->fields(4000);
  CHECK(f.relative_humidity[0] == doctest::Approx(0.88));
  CHECK(f.temperature[0] == doctest::Approx(267.15));
  CHECK(f.radiation_factor[0] == doctest::Approx(0.25));
  CHECK(f.pressure[0] < 102500.0f);
  CHECK(f.pressure[0] > 102000.0f);  // 10 m above the ground: -1.3 hPa
  write(met, head +
                 "2026-01-15T00:00,2,90,E,200,-5,185,7,1025\n2026-01-15T01:00,2,90,E,200,-6,"
                 "88,8,1025\n");
  m = error_of(station);
  CHECK(m.rfind("./" + met + ":2: column 'relative_humidity': ", 0) == 0);
  write(met, head +
                 "2026-01-15T00:00,2,90,E,200,-5,85,9,1025\n2026-01-15T01:00,2,90,E,200,-6,"
                 "88,8,1025\n");
  m = error_of(station);
  CHECK(m.rfind("./" + met + ":2: column 'cloud_cover': ", 0) == 0);
  std::remove(met.c_str());
}
