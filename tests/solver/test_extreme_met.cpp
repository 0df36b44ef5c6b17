// Stability by construction (docs/robustness.md): advance() picks dt from
// stable_dt(), so even winds above the met validator's 75 m/s, K of 1e4
// m^2/s, 1 m cells and 5 cm levels keep a source-free field positive,
// bounded and conservative.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "case_builders.hpp"
#include "host/solver/transport_solver.hpp"

using namespace airshed;

namespace {

// Thin levels: 5 cm at the ground, doubling to a 10.25 m top.
std::vector<double> thin_levels() { return {0, 0.05, 0.15, 0.35, 0.75, 1.55, 3.15, 6.35, 10.25}; }

struct Outcome {
  float lo, hi;
  double mass0, mass1;
  long steps;
};

Outcome run(const TransportConfig& cfg, const MetFields& met, double duration) {
  auto solver = make_solver(BackendChoice::cpu, cfg);
  solver->set_met(met);
  const auto c0 = test::random_field(cfg.grid.cells(), 0.0, 1.0, 7);
  solver->set_concentration(0, c0);
  const double m0 = test::total_mass(cfg.grid, c0);
  // advance() never takes more than stable_dt(); the guard inside step()
  // would throw on the first NaN, Inf or negative value.
  solver->advance(duration);
  const auto c = solver->concentration(0);
  return {*std::min_element(c.begin(), c.end()), *std::max_element(c.begin(), c.end()), m0,
          test::total_mass(cfg.grid, c), solver->steps_taken()};
}

// Worst case for float32 rounding: every cell value rounded (relative 2^-24)
// in each of the three directional updates of every step, all in the same
// direction.
double rounding_bound(long steps) { return 3.0 * double(steps) * std::ldexp(1.0, -24); }

}  // namespace

TEST_CASE(
    "uniform 75 and 150 m/s winds with K = 1e4 on 1 m cells: positive, bounded, conservative") {
  for (double speed : {75.0, 150.0}) {
    TransportConfig cfg = test::box(24, 20, 8, 1.0, 1.0, 1.0, LateralBoundary::periodic);
    cfg.grid.z_faces = thin_levels();
    const MetFields met = uniform_met(cfg.grid, speed * 0.8, -speed * 0.6, 0.0, 1e4, 1e4);
    auto probe = make_solver(BackendChoice::cpu, cfg);
    probe->set_met(met);
    // dt = 0.5 / (|u|/dx + 2 K/dx^2) along x, the largest rate: ~2.5e-5 s.
    CHECK(probe->stable_dt() == doctest::Approx(0.5 / (0.8 * speed + 2e4)).epsilon(1e-5));
    const Outcome o = run(cfg, met, 200 * probe->stable_dt());
    INFO("speed " << speed << ": min " << o.lo << " max " << o.hi << " steps " << o.steps
                  << " mass drift " << (o.mass1 - o.mass0) / o.mass0);
    CHECK(o.steps == 200);
    CHECK(o.lo >= 0.0f);
    CHECK(o.hi <= 1.0f);  // the initial field is in [0, 1)
    CHECK(std::abs(o.mass1 - o.mass0) <= rounding_bound(o.steps) * o.mass0);
  }
}

TEST_CASE("random 150 m/s solenoidal winds and K up to 1e4 in a closed box of 1 m cells") {
  TransportConfig cfg = test::box(20, 20, 8, 1.0, 1.0, 1.0, LateralBoundary::closed);
  cfg.grid.z_faces = thin_levels();
  const MetFields met = test::random_solenoidal_met(cfg.grid, 150.0, 1e4, 11);
  const Outcome o = run(cfg, met, 5e-3);
  INFO("min " << o.lo << " max " << o.hi << " steps " << o.steps);
  CHECK(o.steps > 100);
  CHECK(o.lo >= 0.0f);
  // Split 1-D updates of a non-uniform wind may compress between sweeps,
  // but never beyond what the diffusion-dominated field can pile up; it
  // stays far from overflow.
  CHECK(std::isfinite(o.hi));
  CHECK(std::abs(o.mass1 - o.mass0) <= rounding_bound(o.steps) * o.mass0);
}

TEST_CASE("75 m/s updraft through 5 cm levels under a closed top: positive and conservative") {
  TransportConfig cfg = test::box(6, 6, 8, 1.0, 1.0, 1.0, LateralBoundary::closed);
  cfg.grid.z_faces = thin_levels();
  const MetFields met = uniform_met(cfg.grid, 0.0, 0.0, 75.0, 0.0, 1e4);
  auto probe = make_solver(BackendChoice::cpu, cfg);
  probe->set_met(met);
  // The 5 cm ground layer sets dt: 0.5 * 0.05 m / 75 m/s.
  CHECK(probe->stable_dt() == doctest::Approx(0.5 * 0.05 / 75.0).epsilon(1e-5));
  const Outcome o = run(cfg, met, 300 * probe->stable_dt());
  INFO("min " << o.lo << " max " << o.hi << " steps " << o.steps);
  CHECK(o.lo >= 0.0f);
  CHECK(std::abs(o.mass1 - o.mass0) <= rounding_bound(o.steps) * o.mass0);
}
