// Mixing-ratio consistency of the split solver (host/solver/
// mixing_ratio_solver.hpp): a uniform field under a discretely
// divergence-free wind. Without the carried air the split sweeps make it
// non-uniform; with it, it stays uniform to rounding and mass stays exact.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "case_builders.hpp"
#include "host/solver/mixing_ratio_solver.hpp"

using namespace airshed;

namespace {

double max_relative_departure(const std::vector<float>& c, double c0) {
  double d = 0;
  for (float x : c) d = std::max(d, std::abs(double(x) - c0) / c0);
  return d;
}

// What is left is float32 rounding of each step's updates (measured
// ~1e-6 after 500 steps); 1e-5 is issue 13's bound for the real-wind test.
double rounding_bound(int steps) {
  (void)steps;
  return 1e-5;
}

TransportConfig closed_box(bool carry_air) {
  TransportConfig cfg = test::box(24, 20, 12, 100.0, 120.0, 0.0, LateralBoundary::closed);
  cfg.grid.z_faces = stretched_levels(12, 4.0, 1.3);
  cfg.carry_air = carry_air;
  return cfg;
}

}  // namespace

TEST_CASE("a uniform field under a divergence-free wind: the split sweeps alone lose it") {
  const TransportConfig cfg = closed_box(false);
  auto solver = make_solver(BackendChoice::serial, cfg);
  solver->set_met(test::random_solenoidal_met(cfg.grid, 8.0, 0.0, 7));
  solver->set_concentration(0, std::vector<float>(cfg.grid.cells(), 37.3f));
  const double dt = solver->stable_dt();
  for (int s = 0; s < 100; ++s) solver->step(dt);
  const double d = max_relative_departure(solver->concentration(0), 37.3);
  MESSAGE("without the carried air: largest departure ", d);
  CHECK(d > 0.05);  // the failure the carried air removes (measured 0.28)
}

TEST_CASE("with the carried air the uniform field stays uniform and mass stays exact") {
  for (BackendChoice b : {BackendChoice::serial, BackendChoice::cpu}) {
    const TransportConfig cfg = closed_box(true);
    auto solver = make_solver(b, cfg);
    CHECK(solver->config().species.size() == 1);
    solver->set_met(test::random_solenoidal_met(cfg.grid, 8.0, 30.0, 7));
    solver->set_concentration(0, std::vector<float>(cfg.grid.cells(), 37.3f));
    const double m0 = test::total_mass(cfg.grid, std::vector<float>(cfg.grid.cells(), 37.3f));
    const double dt = solver->stable_dt();
    const int steps = 500;
    for (int s = 0; s < steps; ++s) solver->step(dt);
    const double d = max_relative_departure(solver->concentration(0), 37.3);
    const MassBudget bud = solver->budget(0);
    MESSAGE("with the carried air: largest departure ", d, " (bound ", rounding_bound(steps),
            "), mass change ", (bud.in_domain - m0) / m0);
    CHECK(d < rounding_bound(steps));
    CHECK(std::abs(bud.in_domain - m0) / m0 < 1e-6);
    // The air itself departs from 1: what the split steps do to continuity.
    const auto* mr = dynamic_cast<const MixingRatioSolver*>(solver.get());
    REQUIRE(mr != nullptr);
    CHECK(max_relative_departure(mr->air(), 1.0) > 1e-3);
  }
}

TEST_CASE("open boundaries, inflow at the same value: uniform and the budget closes") {
  TransportConfig cfg =
      test::box(30, 24, 10, 50.0, 50.0, 0.0, LateralBoundary::open, TopBoundary::open);
  cfg.grid.z_faces = stretched_levels(10, 5.0, 1.25);
  const double c0 = 12.5;
  cfg.species = {{"NOx", c0, 0.0, 0.0}};
  cfg.carry_air = true;
  auto solver = make_solver(BackendChoice::cpu, cfg);
  MetFields met = test::random_solenoidal_met(cfg.grid, 3.0, 20.0, 3);
  for (auto& u : met.u) u += 2.5f;  // a mean flow through the open faces
  for (auto& v : met.v) v -= 1.0f;
  solver->set_met(met);
  solver->set_concentration(0, std::vector<float>(cfg.grid.cells(), float(c0)));
  const int pairs = 150;
  const double dt = solver->stable_dt();
  for (int s = 0; s < 2 * pairs; ++s) solver->step(dt);
  const double d = max_relative_departure(solver->concentration(0), c0);
  const MassBudget bud = solver->budget(0);
  MESSAGE("open box: departure ", d, ", budget residual ", bud.relative_residual());
  CHECK(d < rounding_bound(2 * pairs));
  CHECK(std::abs(bud.relative_residual()) < 1e-5);
}

TEST_CASE("concentrations in and out are per unit air; the state carries the air") {
  const TransportConfig cfg = closed_box(true);
  auto solver = make_solver(BackendChoice::serial, cfg);
  solver->set_met(test::random_solenoidal_met(cfg.grid, 8.0, 0.0, 5));
  const std::vector<float> c0 = test::random_field(cfg.grid.cells(), 0.0, 100.0, 9);
  solver->set_concentration(0, c0);
  const double dt = solver->stable_dt();
  for (int s = 0; s < 10; ++s) solver->step(dt);
  // Setting what was read back reads back the same to one rounding each way.
  const std::vector<float> c = solver->concentration(0);
  solver->set_concentration(0, c);
  const std::vector<float> again = solver->concentration(0);
  double worst = 0;
  for (std::size_t n = 0; n < c.size(); ++n)
    worst = std::max(worst, std::abs(double(again[n]) - c[n]) / std::max(1e-30, double(c[n])));
  CHECK(worst < 4 * std::ldexp(1.0, -24));
  // The state holds both fields; restoring it continues bitwise.
  const TransportSolver::State st = solver->state();
  CHECK(st.fields.size() == 2);
  auto other = make_solver(BackendChoice::serial, cfg);
  other->set_met(test::random_solenoidal_met(cfg.grid, 8.0, 0.0, 5));
  other->restore(st);
  solver->step(dt);
  other->step(dt);
  CHECK(solver->concentration(0) == other->concentration(0));
}
