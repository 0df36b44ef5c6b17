// Inputs the fuzzers (tests/fuzz, docs/robustness.md) found to be accepted
// or reported wrongly, reduced to the key that matters: each must now be
// rejected with the one-line "FILE:LINE: key 'a.b': ...; allowed: ..." error.
// The raw crash inputs are replayed by the fuzz-regression tests as well.
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

// `source` appended to the small scenario as an extra [[source]].
std::string with_source(const std::string& source) {
  return replaced(kSmallScenario, "[[receptor]]", source + "\n[[receptor]]");
}

void check(const std::string& msg, const std::string& text, const std::string& needle,
           const std::string& key, const std::string& what) {
  INFO("message: " << msg);
  CHECK(
      msg.rfind("t.toml:" + std::to_string(line_containing(text, needle)) + ": key '" + key + "': ",
                0) == 0);
  CHECK(msg.find(what) != std::string::npos);
  CHECK(msg.find('\n') == std::string::npos);
  CHECK(msg.find("; allowed: ") != std::string::npos);
}

}  // namespace

TEST_CASE("an area polygon whose edges cross is rejected") {
  // A bow tie: its two lobes have opposite orientation, so the footprint
  // held negative weights and the run emitted negative mass.
  const std::string bow_tie = with_source(R"([[source]]
name = "lagoon"
kind = "area"
vertices = [[100.0, 100.0], [300.0, 300.0], [300.0, 100.0], [100.0, 400.0]]
emissions = { SO2 = 1.0 }
)");
  check(error_of(bow_tie), bow_tie, "[[100.0, 100.0]", "source[1].vertices",
        "polygon edges 0 and 2 meet");

  // Edges that only touch at a vertex in the middle of another edge.
  const std::string touching = with_source(R"([[source]]
name = "lagoon"
kind = "area"
vertices = [[0, 0], [200, 0], [100, 100], [200, 200], [0, 200], [100, 100]]
emissions = { SO2 = 1.0 }
)");
  check(error_of(touching), touching, "[[0, 0]", "source[1].vertices", "meet");

  // A concave simple polygon (the shipped L-shaped lagoons) stays valid.
  const std::string l_shape = with_source(R"([[source]]
name = "lagoon"
kind = "area"
vertices = [[1500.0, 1100.0], [1700.0, 1100.0], [1700.0, 1180.0],
            [1620.0, 1180.0], [1620.0, 1300.0], [1500.0, 1300.0]]
emissions = { SO2 = 1.0 }
)");
  CHECK(error_of(l_shape).empty());
}

TEST_CASE("an anemometer where the log wind profile is undefined is rejected") {
  // At or below z0 the profile ln(z/z0) - psi_m(z/L) is zero: u* and every
  // wind speed were infinite and the solver rejected the met fields.
  const std::string low = replaced(kSmallScenario, "mixing_height = 800.0",
                                   "mixing_height = 800.0\nz0 = 2.5\nanemometer_height = 1.5");
  check(error_of(low), low, "anemometer_height", "met.anemometer_height",
        "at or below the roughness length z0 = 2.5 m");

  // Above z0, but strong instability (|L| = 1 m) drives the profile below zero.
  const std::string unstable =
      replaced(replaced(kSmallScenario, "stability = \"D\"", "obukhov_length = -1.0"),
               "mixing_height = 800.0", "mixing_height = 800.0\nz0 = 3.0");
  check(error_of(unstable), unstable, "[met]", "met.anemometer_height",
        "too close to z0 = 3 m for the log wind profile");

  // The same roughness with a neutral profile stays valid.
  CHECK(
      error_of(replaced(kSmallScenario, "mixing_height = 800.0", "mixing_height = 800.0\nz0 = 3.0"))
          .empty());
}

TEST_CASE("output intervals under a second and runs shorter than one interval are rejected") {
  // 0.5 s divides an hour, but output times are labelled to the second.
  const std::string half =
      replaced(kSmallScenario, "output_interval = \"1h\"", "output_interval = \"0.5s\"");
  check(error_of(half), half, "output_interval", "scenario.output_interval",
        "shorter than one second");

  // 1e-12 s / 1 h rounds to 0 intervals, which passed as "a whole number".
  const std::string tiny = replaced(kSmallScenario, "duration = \"2h\"", "duration = \"1e-12s\"");
  check(error_of(tiny), tiny, "duration", "scenario.duration",
        "is not a whole number of output intervals");
}
