// The blow-up guard (docs/robustness.md): after every step a device
// reduction finds the first value that is NaN, +-Inf or negative, and step()
// throws NumericalFault naming the step, time, species and cell.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "case_builders.hpp"
#include "host/solver/transport_solver.hpp"

using namespace airshed;

namespace {

// Two species on a closed 12 x 10 x 4 box of 10 m cells in calm air: with
// zero wind and diffusivity every flux is exactly 0 * c = 0, so a finite
// value stays in its cell and only a NaN or Inf (0 * NaN = NaN) spreads.
TransportConfig calm_box() {
  TransportConfig cfg = test::box(12, 10, 4, 10.0, 10.0, 10.0, LateralBoundary::closed);
  cfg.species = {{"A", 0.0, 0.0, 0.0}, {"B", 0.0, 0.0, 0.0}};
  return cfg;
}

// Runs `steps` steps of 10 s and returns the fault (throws if none came).
NumericalFault fault_of(TransportSolver& solver, int steps) {
  for (int n = 0; n < steps; ++n) {
    try {
      solver.step(10.0);
    } catch (const NumericalFault& e) {
      return e;
    }
  }
  FAIL("no NumericalFault after " << steps << " steps");
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a negative value names its exact step, species, cell and value") {
  for (BackendChoice backend : {BackendChoice::cpu, BackendChoice::serial}) {
    const TransportConfig cfg = calm_box();
    auto solver = make_solver(backend, cfg);
    solver->set_met(uniform_met(cfg.grid, 0, 0, 0, 0, 0));
    std::vector<float> b(cfg.grid.cells(), 1.0f);
    b[cfg.grid.index(7, 3, 2)] = -0.25f;
    solver->set_concentration(1, b);
    const NumericalFault e = fault_of(*solver, 3);
    const InvalidCell& c = e.cell();
    CHECK(c.step == 1);
    CHECK(c.time_s == doctest::Approx(10.0));
    CHECK(c.species == 1);
    CHECK(c.species_name == "B");
    CHECK(c.i == 7);
    CHECK(c.j == 3);
    CHECK(c.k == 2);
    CHECK(c.value == -0.25f);
    const std::string msg = e.what();
    INFO(msg);
    CHECK(msg.find("step 1 (t = 10 s)") != std::string::npos);
    CHECK(msg.find("species 'B' is negative (-0.25) in cell i=7, j=3, k=2") != std::string::npos);
    CHECK(msg.find('\n') == std::string::npos);
  }
}

TEST_CASE("a NaN set after 4 good steps stops the 5th step at the first cell it reached") {
  const TransportConfig cfg = calm_box();
  auto solver = make_solver(BackendChoice::cpu, cfg);
  solver->set_met(uniform_met(cfg.grid, 0, 0, 0, 0, 0));
  for (int n = 0; n < 4; ++n) solver->step(10.0);  // all finite: no fault
  CHECK(solver->steps_taken() == 4);
  std::vector<float> a(cfg.grid.cells(), 2.0f);
  a[cfg.grid.index(6, 5, 0)] = std::numeric_limits<float>::quiet_NaN();
  solver->set_concentration(0, a);
  const InvalidCell c = fault_of(*solver, 1).cell();
  CHECK(c.step == 5);
  CHECK(c.time_s == doctest::Approx(50.0));
  CHECK(c.species_name == "A");
  CHECK(std::isnan(c.value));
  // The diffusive flux -K (c_i - c_{i-1}) / dx is 0 * NaN = NaN on both
  // faces of the NaN cell (the limiter's comparisons turn NaN slopes into
  // 0), so each horizontal sweep spreads it one cell either way: the first
  // invalid cell in index order is (i-1, j-1) of the lowest layer.
  CHECK(c.i == 5);
  CHECK(c.j == 4);
  CHECK(c.k == 0);
  // Species A and B are independent: B was never touched and is not named.
  const auto b = solver->concentration(1);
  for (float v : b) REQUIRE(v == 0.0f);
}

TEST_CASE("an emission that overflows float stops the step as +Inf or NaN in that species") {
  TransportConfig cfg = calm_box();
  auto solver = make_solver(BackendChoice::cpu, cfg);
  solver->set_met(uniform_met(cfg.grid, 0, 0, 0, 0, 0));
  // 1e41 M/s into a 1000 m^3 cell is 1e38 M/m^3/s, a float; times 10 s it
  // is above FLT_MAX (3.4e38), so the first step overflows.
  solver->set_emissions({{cfg.grid.index(3, 3, 0), 1, 1e38 * 1000.0}});
  const InvalidCell c = fault_of(*solver, 2).cell();
  CHECK(c.step == 1);
  CHECK(c.species_name == "B");
  CHECK(!std::isfinite(c.value));
}

TEST_CASE("step() rejects dt above stable_dt() and does not move") {
  TransportConfig cfg = test::box(16, 16, 4, 10.0, 10.0, 10.0, LateralBoundary::open);
  auto solver = make_solver(BackendChoice::cpu, cfg);
  solver->set_met(uniform_met(cfg.grid, 75.0, 0, 0, 0, 0));
  const double dt = solver->stable_dt();
  // 0.5 * dx / u for a pure advective rate: the exact limit.
  CHECK(dt == doctest::Approx(0.5 * 10.0 / 75.0).epsilon(1e-6));
  CHECK_THROWS_AS(solver->step(dt * 1.01), std::invalid_argument);
  CHECK_THROWS_AS(solver->step(0.0), std::invalid_argument);
  CHECK_THROWS_AS(solver->step(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
  CHECK(solver->steps_taken() == 0);
  CHECK(solver->time() == 0.0);
  CHECK_NOTHROW(solver->step(dt));
}
