// [met] vertical_mixing and urban (docs/scenario-format.md, "Convective
// mixing and the urban boundary layer"): parsed to the spec and the
// solver's config; bad values in one line naming file, line and key.
#include <doctest/doctest.h>

#include <string>

#include "host/met/met_provider.hpp"
#include "host/run/run_setup.hpp"
#include "host/scenario/load_scenario.hpp"
#include "scenario_text.hpp"

using namespace airshed;
using airshed::test::error_of;
using airshed::test::kSmallScenario;
using airshed::test::line_containing;
using airshed::test::replaced;

namespace {
const std::string kMet = "mixing_height = 800.0\n";
}

TEST_CASE("vertical_mixing: local by default, acm2 when asked, anything else refused") {
  CHECK_FALSE(parse_scenario(kSmallScenario, "t.toml", ".").met.convective_mixing);
  const std::string acm2 = replaced(kSmallScenario, kMet, kMet + "vertical_mixing = \"acm2\"\n");
  CHECK(parse_scenario(acm2, "t.toml", ".").met.convective_mixing);
  CHECK(transport_config(parse_scenario(acm2, "t.toml", ".")).convective_mixing);
  CHECK_FALSE(transport_config(parse_scenario(kSmallScenario, "t.toml", ".")).convective_mixing);
  CHECK(error_of(acm2).empty());
  const std::string bad = replaced(kSmallScenario, kMet, kMet + "vertical_mixing = \"acm\"\n");
  const std::string msg = error_of(bad);
  INFO(msg);
  CHECK(msg.rfind("t.toml:" + std::to_string(line_containing(bad, "vertical_mixing")) +
                      ": key 'met.vertical_mixing': ",
                  0) == 0);
  CHECK(msg.find('\n') == std::string::npos);
  CHECK(msg.find("acm2") != std::string::npos);
}

TEST_CASE("urban: population and z0 to the spec; out of range and too rough refused") {
  const std::string city =
      replaced(kSmallScenario, kMet, kMet + "urban = { population = 1.0e6, z0 = 1.5 }\n");
  const Scenario s = parse_scenario(city, "t.toml", ".");
  CHECK(s.met.urban.enabled);
  CHECK(s.met.urban.population == 1.0e6);
  CHECK(s.met.urban.z0 == 1.5);
  CHECK(error_of(city).empty());
  CHECK_FALSE(parse_scenario(kSmallScenario, "t.toml", ".").met.urban.enabled);

  const std::string small =
      replaced(kSmallScenario, kMet, kMet + "urban = { population = 10.0 }\n");
  const std::string m1 = error_of(small);
  INFO(m1);
  CHECK(m1.find("t.toml:" + std::to_string(line_containing(small, "urban")) +
                ": key 'met.urban.population'") == 0);
  CHECK(m1.find('\n') == std::string::npos);

  const std::string rough =
      replaced(kSmallScenario, kMet,
               kMet + "anemometer_height = 6.0\nurban = { population = 1.0e6, z0 = 2.0 }\n");
  const std::string m2 = error_of(rough);  // anemometer at 6 m < 5 z0
  INFO(m2);
  CHECK(m2.find("key 'met.urban'") != std::string::npos);
  CHECK(m2.find('\n') == std::string::npos);

  const std::string unknown =
      replaced(kSmallScenario, kMet, kMet + "urban = { population = 1.0e6, people = 3 }\n");
  CHECK(error_of(unknown).find("met.urban.people") != std::string::npos);
}
