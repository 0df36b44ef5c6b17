// Each shipped scenario runs end to end on the CPU backend with a closed
// mass budget, and stays small enough to run in well under a minute on two
// cores: its work (steps x cells x species) is bounded rather than its wall
// time, which depends on what else the machine is doing. At the solver's
// ~4e7 cell-updates/s on 2 cores, 1e9 updates take ~25 s.
#include <doctest/doctest.h>

#include <sstream>

#include "host/run/run_loop.hpp"
#include "host/run/run_setup.hpp"
#include "host/scenario/load_scenario.hpp"

using namespace airshed;

namespace {

RunSummary run(const std::string& path) {
  const Scenario s = load_scenario(path);
  const auto solver = make_solver(BackendChoice::cpu, transport_config(s));
  std::ostringstream log;
  const RunSummary sum = run_scenario(s, *solver, {}, log);
  MESSAGE(path << ": " << sum.steps << " steps, " << sum.wall_seconds << " s wall");
  CHECK(sum.end_time_s == doctest::Approx(s.duration_s));
  const double updates = double(sum.steps) * double(s.grid.cells()) * double(s.species.size());
  MESSAGE(path << ": " << updates << " cell-updates");
  CHECK(updates < 1e9);
  for (const MassBudget& b : sum.budgets) {
    CHECK(b.emitted > 0);
    CHECK(std::abs(b.relative_residual()) < 1e-5);
  }
  return sum;
}

}  // namespace

TEST_CASE("scenarios/default.toml runs") { run("scenarios/default.toml"); }
TEST_CASE("scenarios/night_release.toml runs") { run("scenarios/night_release.toml"); }
TEST_CASE("scenarios/odour.toml runs") { run("scenarios/odour.toml"); }

// Gridded met: the first-guess wind is made divergence-free at every refresh.
TEST_CASE("the gridded-met scenarios run with mass-consistent winds") {
  for (const char* path : {"scenarios/katrina_platform.toml", "scenarios/tibet_plateau.toml",
                           "scenarios/station_network.toml"}) {
    const RunSummary sum = run(path);
    CHECK(sum.wind_adjustment.adjustments > 0);
    CHECK(sum.wind_adjustment.not_converged == 0);
    CHECK(sum.wind_adjustment.max_divergence_after < 1e-6);
  }
}
