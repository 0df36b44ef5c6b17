// scenarios/default.toml with advection = "ffsl" at Courant 2 (dt ~ 65 s,
// 4x fewer steps) against today's CFL-limited
// run (advection = "muscl", courant 0.5): the hourly values at the
// receptors' ground cells and their statistics (period mean, maximum)
// agree within the bounds justified in docs/numerics.md ("Flux-form
// semi-Lagrangian advection", "The default scenario at a long step").
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "host/run/run_loop.hpp"
#include "host/run/run_setup.hpp"
#include "host/scenario/load_scenario.hpp"

using namespace airshed;

namespace {

// The hourly values (output units) of every species at each receptor's
// ground cell: series[receptor][species][hour].
class ReceptorSeries final : public RunObserver {
 public:
  explicit ReceptorSeries(const Scenario& s) : s_(s) {}
  void begin(const RunInfo& info) override {
    info_ = info;
    series.assign(s_.receptors.size(), std::vector<std::vector<double>>(info.species.size()));
  }
  void snapshot(const Snapshot& snap) override {
    if (snap.time_s <= 3600) return;  // t = 0 and the spin-up hour (fronts arriving)
    for (std::size_t r = 0; r < s_.receptors.size(); ++r) {
      const int i = int(s_.receptors[r].x / s_.grid.dx), j = int(s_.receptors[r].y / s_.grid.dy);
      for (std::size_t n = 0; n < snap.fields.size(); ++n)
        series[r][n].push_back(snap.fields[n][s_.grid.index(i, j, 0)] *
                               info_.species[n].to_output_units);
    }
  }
  void end(const RunSummary& sum) override { summary = sum; }

  std::vector<std::vector<std::vector<double>>> series;
  RunSummary summary;

 private:
  const Scenario& s_;
  RunInfo info_;
};

struct Run {
  Scenario scenario;
  ReceptorSeries out;
  explicit Run(Scenario s) : scenario(std::move(s)), out(scenario) {
    const auto solver = make_solver(BackendChoice::cpu, transport_config(scenario, 0));
    std::ostringstream log;
    run_scenario(scenario, *solver, {&out}, log);
  }
};

Scenario default_scenario(bool ffsl) {
  // 09:00-16:00 local: the hours the stack plumes reach the receptors
  // (before, the receptors see only the road; its first hour is spin-up).
  Scenario s = load_scenario("scenarios/default.toml");
  s.start.utc_epoch_s += 9 * 3600;
  s.duration_s = 7 * 3600;
  if (ffsl) {
    s.ffsl = true;
    s.courant = 2;
  }
  return s;
}

double mean(const std::vector<double>& v) {
  double m = 0;
  for (double x : v) m += x / double(v.size());
  return m;
}

}  // namespace

TEST_CASE("default scenario: ffsl at Courant 2 agrees with the CFL-limited run at the receptors") {
  const Run cfl(default_scenario(false)), ffsl(default_scenario(true));
  MESSAGE("steps: CFL-limited ", cfl.out.summary.steps, ", ffsl ", ffsl.out.summary.steps);
  CHECK(ffsl.out.summary.steps * 4 <= cfl.out.summary.steps);
  const auto& a = cfl.out.series;
  const auto& b = ffsl.out.series;
  REQUIRE(a.size() == b.size());
  for (std::size_t r = 0; r < a.size(); ++r)
    for (std::size_t n = 0; n < a[r].size(); ++n) {
      const std::vector<double>&x = a[r][n], &y = b[r][n];
      REQUIRE(x.size() == y.size());
      const double peak = *std::max_element(x.begin(), x.end());
      double worst = 0;  // hourly, relative to the series' peak
      for (std::size_t h = 0; h < x.size(); ++h)
        worst = std::max(worst, std::abs(y[h] - x[h]) / peak);
      const double mean_diff = std::abs(mean(y) - mean(x)) / mean(x);
      const double max_diff = std::abs(*std::max_element(y.begin(), y.end()) - peak) / peak;
      MESSAGE("receptor ", r, " species ", n, ": hourly worst ", worst, " of the peak ", peak,
              "; mean ", mean_diff, "; max ", max_diff);
      // Measured: worst 0.10 of the peak except NH3 at school-east (0.23,
      // the edge of the yard's plume, 1/20 of its value at the other
      // receptor); means within 0.10; maxima within 0.23 (the same).
      CHECK(worst <= 0.25);
      CHECK(mean_diff <= 0.15);
      CHECK(max_diff <= 0.25);
    }
  for (std::size_t s = 0; s < ffsl.out.summary.budgets.size(); ++s) {
    const MassBudget& m = ffsl.out.summary.budgets[s];
    CHECK(std::abs(m.relative_residual()) <= 1e-5);
  }
}
