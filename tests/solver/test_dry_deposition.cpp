// Resistance-model deposition through the solver: per-column v_d from the
// met's surface fields (kernels/dry_deposition.hpp), read per column by the
// column kernel, against the constant-v_d path and the implicit ground
// update c' = c / (1 + dt v_d / dz_0).
#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "case_builders.hpp"
#include "host/solver/transport_solver.hpp"
#include "kernels/dry_deposition.hpp"

using namespace airshed;

namespace {

constexpr double rc = 100, sc = 1.2;  // s/m, SO2-like Schmidt number

TransportConfig two_columns() {
  TransportConfig cfg = test::box(2, 1, 3, 100, 100, 10, LateralBoundary::closed);
  SpeciesSpec res{"resistance", 0, 0, 0};
  res.surface_resistance = rc;
  res.schmidt_number = sc;
  cfg.species = {res, {"constant", 0, 0, 0}};
  return cfg;
}

MetFields still_air(const Grid& g, std::vector<float> ustar) {
  MetFields m = uniform_met(g, 0, 0, 0, 0, 0);
  m.inverse_L.assign(ustar.size(), 0.0f);
  m.z0.assign(ustar.size(), 0.1f);
  m.ustar = std::move(ustar);
  return m;
}

// The v_d the solver computes for column u* (z_r = 5 m, the lowest centre).
float vd_of(float ustar) {
  return float(airshed::kernels::resistance_deposition_velocity(5.0, double(0.1f), double(ustar),
                                                                0.0, sc, rc));
}

}  // namespace

TEST_CASE("a resistance species deposits exactly what its per-column v_d predicts") {
  for (const BackendChoice b : {BackendChoice::cpu, BackendChoice::serial}) {
    TransportConfig cfg = two_columns();
    const float vd = vd_of(0.3f);
    cfg.species[1].deposition_velocity = double(vd);  // the same v_d, given as a constant
    auto solver = make_solver(b, cfg);
    solver->set_met(still_air(cfg.grid, {0.3f, 0.3f}));
    CHECK(solver->max_deposition_velocity(0) == double(vd));
    for (int s = 0; s < 2; ++s) solver->set_concentration(s, std::vector<float>(6, 1.0f));
    const double dt = 60;
    solver->step(dt);
    const std::vector<float> a = solver->concentration(0), c = solver->concentration(1);
    CHECK(a == c);  // bitwise: the same arithmetic per column
    CHECK(solver->budget(0).deposited == solver->budget(1).deposited);
    // Implicit ground row, no mixing (Kz = 0): c' = 1 / (1 + dt v_d / dz_0).
    const double ground = 1 / (1 + dt * double(vd) / 10);
    CHECK(a[0] == doctest::Approx(ground).epsilon(1e-7));
    CHECK(a[2] == 1.0f);  // the level above is untouched
    const double expected = 2 * double(vd) * ground * dt * 100 * 100;  // two columns of 100 m^2
    CHECK(solver->budget(0).deposited == doctest::Approx(expected).epsilon(1e-7));
    const MassBudget m = solver->budget(0);
    CHECK(m.in_domain + m.deposited == doctest::Approx(m.initial).epsilon(1e-7));
  }
}

TEST_CASE("columns with larger u* deposit faster; the step limit follows the largest v_d") {
  TransportConfig cfg = two_columns();
  auto solver = make_solver(BackendChoice::cpu, cfg);
  solver->set_met(still_air(cfg.grid, {0.2f, 0.6f}));
  const float slow = vd_of(0.2f), fast = vd_of(0.6f);
  CHECK(slow < fast);
  CHECK(solver->max_deposition_velocity(0) == double(fast));
  CHECK(solver->max_deposition_velocity(1) == 0.0);
  // max_loss_per_step = (v_d / dz_0) dt  ->  dt <= 0.1 * 10 / v_d(fast)
  CHECK(solver->step_limit() == doctest::Approx(0.1 * 10 / double(fast)).epsilon(1e-12));
  solver->set_concentration(0, std::vector<float>(6, 1.0f));
  solver->step(60);
  const std::vector<float> c = solver->concentration(0);
  CHECK(c[1] < c[0]);
  CHECK(c[0] == doctest::Approx(1 / (1 + 60 * double(slow) / 10)).epsilon(1e-7));
  CHECK(c[1] == doctest::Approx(1 / (1 + 60 * double(fast) / 10)).epsilon(1e-7));
}

TEST_CASE("a resistance species needs the met's surface fields") {
  TransportConfig cfg = two_columns();
  auto solver = make_solver(BackendChoice::cpu, cfg);
  CHECK_THROWS_AS(solver->set_met(uniform_met(cfg.grid, 1, 0, 0, 1, 1)), std::invalid_argument);
  cfg.species.erase(cfg.species.begin());
  auto constant = make_solver(BackendChoice::cpu, cfg);
  CHECK_NOTHROW(constant->set_met(uniform_met(cfg.grid, 1, 0, 0, 1, 1)));
  // Wrong sizes and a zero z0 are met errors.
  MetFields bad = still_air(cfg.grid, {0.3f, 0.3f});
  bad.z0[1] = 0;
  CHECK_THROWS_AS(constant->set_met(bad), std::invalid_argument);
  bad = still_air(cfg.grid, {0.3f});
  CHECK_THROWS_AS(constant->set_met(bad), std::invalid_argument);
}
