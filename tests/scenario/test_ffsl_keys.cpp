// [domain] advection, courant and steps_per_hour (docs/scenario-format.md,
// "Large time steps"): the ffsl keys load, and each bad value is one line
// naming the file, the line and the key.
#include <doctest/doctest.h>

#include <string>

#include "host/scenario/load_scenario.hpp"
#include "scenario_text.hpp"

using namespace airshed;
using airshed::test::error_of;
using airshed::test::kSmallScenario;
using airshed::test::line_containing;
using airshed::test::replaced;

namespace {

const char* const kCells = "cells = [20, 20]";

std::string with_domain(const std::string& keys) {
  return replaced(kSmallScenario, kCells, std::string(kCells) + "\n" + keys);
}

void check(const std::string& text, const std::string& line_text, const std::string& key) {
  const std::string msg = error_of(text);
  INFO("message: " << msg);
  CHECK(msg.rfind(
            "t.toml:" + std::to_string(line_containing(text, line_text)) + ": key '" + key + "': ",
            0) == 0);
  CHECK(msg.find('\n') == std::string::npos);
}

}  // namespace

TEST_CASE("ffsl keys load: Courant above 1 and steps per hour") {
  CHECK(error_of(with_domain("advection = \"ffsl\"\ncourant = 8\nsteps_per_hour = 12")).empty());
  CHECK(error_of(with_domain("advection = \"muscl\"\ncourant = 0.5")).empty());
}

TEST_CASE("bad ffsl keys are one line naming file, line and key") {
  check(with_domain("advection = \"semi\""), "advection =", "domain.advection");
  check(with_domain("courant = 2"), "courant =", "domain.courant");  // default scheme: <= 0.5
  check(with_domain("advection = \"ffsl\"\ncourant = 9"), "courant =", "domain.courant");
  check(with_domain("steps_per_hour = 12"), "steps_per_hour", "domain.steps_per_hour");
  check(with_domain("advection = \"ffsl\"\nsteps_per_hour = 0"), "steps_per_hour",
        "domain.steps_per_hour");
  check(with_domain("advection = \"ffsl\"\nsteps_per_hour = 2.5"), "steps_per_hour",
        "domain.steps_per_hour");
}
