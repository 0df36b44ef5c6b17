// Mass: exact conservation in a closed box, budget closure with open
// boundaries, sources, deposition and decay (numerics.md tests 1 and 7).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "case_builders.hpp"
#include "host/solver/transport_solver.hpp"

using namespace airshed;

TEST_CASE(
    "closed box, random divergence-free wind and random K: mass constant to 1e-6 after 500 steps") {
  TransportConfig cfg = test::box(24, 20, 12, 100.0, 120.0, 0.0, LateralBoundary::closed);
  cfg.grid.z_faces = stretched_levels(12, 4.0, 1.3);  // thin near the ground
  auto solver = make_solver(BackendChoice::cpu, cfg);
  const MetFields met = test::random_solenoidal_met(cfg.grid, 8.0, 50.0, 7);
  solver->set_met(met);
  solver->set_concentration(0, test::random_field(cfg.grid.cells(), 0.0, 100.0, 11));
  const double m0 = test::total_mass(cfg.grid, solver->concentration(0));
  const double dt = solver->stable_dt();
  for (int s = 0; s < 500; ++s) solver->step(dt);
  const std::vector<float> c = solver->concentration(0);
  const double m1 = test::total_mass(cfg.grid, c);
  MESSAGE("relative mass change after 500 steps: ", (m1 - m0) / m0);
  CHECK(std::abs(m1 - m0) / m0 < 1e-6);
  CHECK(*std::min_element(c.begin(), c.end()) >= 0.0f);
}

TEST_CASE("open boundaries with sources, deposition and decay: the budget closes to 1e-5") {
  TransportConfig cfg =
      test::box(30, 24, 10, 50.0, 50.0, 0.0, LateralBoundary::open, TopBoundary::open);
  cfg.grid.z_faces = stretched_levels(10, 5.0, 1.25);
  cfg.species = {{"NH3", 2.0, 2e-4, 0.01}, {"PM2.5", 5.0, 0.0, 0.002}};
  auto solver = make_solver(BackendChoice::cpu, cfg);
  MetFields met = test::random_solenoidal_met(cfg.grid, 3.0, 20.0, 3);
  for (auto& u : met.u) u += 2.5f;  // a mean flow through the open faces
  for (auto& v : met.v) v -= 1.0f;
  for (std::size_t n = 0; n < met.w.size(); ++n) met.w[n] = float(0.02 * std::sin(0.37 * n));
  solver->set_met(met);
  const Grid& g = cfg.grid;
  solver->set_emissions({{g.index(5, 12, 0), 0, 4e6},
                         {g.index(5, 12, 0), 1, 1e6},
                         {g.index(20, 3, 4), 1, 2.5e6},
                         {g.index(29, 23, 9), 0, 1e5}});
  solver->advance(1800.0);
  for (int s = 0; s < 2; ++s) {
    const MassBudget b = solver->budget(s);
    MESSAGE("species ", s, ": emitted ", b.emitted, " outflow ", b.outflow, " deposited ",
            b.deposited, " decayed ", b.decayed, " in domain ", b.in_domain, " residual ",
            b.relative_residual());
    CHECK(b.emitted > 0);
    CHECK(b.deposited > 0);
    CHECK(std::abs(b.outflow) > 0);
    CHECK(std::abs(b.relative_residual()) < 1e-5);
  }
  CHECK(solver->budget(0).decayed > 0);
}
