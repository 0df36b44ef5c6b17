// The chemistry process in the solver (host/solver/chemistry_process.hpp)
// against kernels::chemistry_step applied cell by cell, its budget terms,
// and the solver without chemistry. Compiles the OpenMP backend's solver
// here, as test_process_pipeline.cpp does.
//   (a) A calm, closed box: the transport operators leave every field
//       exactly as it is (no wind, no diffusion, no loss), so one Strang
//       pair of steps is the chemistry alone, applied once over 2 dt at the
//       pair's middle (chemistry_process.hpp). The expected cell is
//       chemistry_step over 2 dt on the
//       cell's ppb, x = c (1e9 R g_M / M_w) T / p, turned back the same
//       way and rounded to float: the solver stores the same float, up to
//       one float rounding of a double that may differ in its last bits
//       (FMA contraction), so |difference| <= 2^-23 |expected|.
//   (b) Its budget: "chemical_production" + "chemical_loss" is the mass
//       change of every species, summed in float64 from the stored floats:
//       the residual is float64 rounding, bound 1e-12 of the mass; the
//       element totals in moles (N(+2..+5), S, N(-III)) change only by the
//       one float rounding per stored value, bound 2^-23.
//   (c) An open box with winds, diffusion, deposition and sources for 40
//       steps: the budgets with the new terms close to float32 rounding of
//       the fields, 5 N 2^-24 of the mass for N steps (the bound of
//       test_process_pipeline.cpp).
//   (d) carry_air (c = q * air) with air = 1 gives bitwise the same fields.
//   (e) Without chemistry the pipeline is the built-in one and the met
//       needs no chemistry fields; with it, a met without them is refused.
#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "chemistry_case.hpp"
#include "host/solver/backend_solver.hpp"
#include "host/solver/transport_solver.hpp"
#include "kernels/chemistry.hpp"

using namespace airshed;
using omp_backend::BackendSolver;

namespace {

// 2026-06-21 04:00 UTC: local noon at 117.5 E, so photolysis runs.
constexpr double kNoonUtc = 1782014400.0;

TransportConfig chemistry_box(LateralBoundary lateral) {
  TransportConfig cfg = test::box(5, 4, 3, 100.0, 120.0, 0.0, lateral);
  cfg.grid.z_faces = {0.0, 20.0, 60.0, 150.0};
  cfg.species.clear();
  test::add_chemistry(cfg, kNoonUtc);
  return cfg;
}

MetFields calm_met(const Grid& g) {
  MetFields m = uniform_met(g, 0, 0, 0, 0, 0);
  test::add_chemistry_met(m, g, 275.0);
  return m;
}

double ppb_per_unit(int role) {
  return 1e9 * 8.314462618 * 1e-6 / test::chemistry_molar_mass[role];
}

}  // namespace

TEST_CASE("chemistry process: one pair in a calm closed box is chemistry_step per cell") {
  const TransportConfig cfg = chemistry_box(LateralBoundary::closed);
  const Grid& g = cfg.grid;
  const MetFields met = calm_met(g);
  BackendSolver solver(cfg);
  solver.set_met(met);
  const auto fields = test::chemistry_fields(g.cells(), 11);
  for (int r = 0; r < chem_roles; ++r) solver.set_concentration(r, fields[std::size_t(r)]);
  const double dt = 120;
  solver.step(dt);
  solver.step(dt);

  const double mid = kNoonUtc + dt;
  double worst = 0;
  for (std::size_t n = 0; n < g.cells(); ++n) {
    const std::size_t col = n % g.columns();
    const double t_over_p = double(met.temperature[n]) / double(met.pressure[n]);
    double x[chem_roles];
    for (int r = 0; r < chem_roles; ++r)
      x[r] = double(fields[std::size_t(r)][n]) * ppb_per_unit(r) * t_over_p;
    kernels::ChemistryCell c{x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8]};
    const kernels::ChemistryEnvironment env{
        double(met.temperature[n]), double(met.pressure[n]), double(met.relative_humidity[n]),
        kernels::cos_solar_zenith(mid, cfg.chemistry.lon[col], cfg.chemistry.lat[col]),
        double(met.radiation_factor[col])};
    kernels::chemistry_step(c, env, kernels::ChemistryOptions{}, 2 * dt);
    const double y[chem_roles] = {c.no, c.no2, c.o3, c.so2, c.so4, c.hno3, c.no3, c.nh3, c.nh4};
    for (int r = 0; r < chem_roles; ++r) {
      const float expected = float(y[r] / (ppb_per_unit(r) * t_over_p));
      const float got = solver.concentration(r)[n];
      const double rel =
          std::abs(double(got) - double(expected)) / std::max(double(std::abs(expected)), 1e-30);
      worst = std::max(worst, rel);
    }
  }
  INFO("max relative difference from chemistry_step per cell: ", worst);
  CHECK(worst <= std::ldexp(1.0, -23));
  // The chemistry did something (noon photolysis, oxidation, equilibrium).
  CHECK(solver.concentration(chem_o3)[0] != fields[chem_o3][0]);
}

TEST_CASE("chemistry process: its own time step applies the chemistry once per multiple") {
  // time_step_s = 300 s with pairs of 2 x 50 s: nothing for the first two
  // pairs (to t = 200 s: the fields exactly as set), then once over 300 s
  // at the third pair's middle (t = 250 s); the expected cell as in (a).
  TransportConfig cfg = chemistry_box(LateralBoundary::closed);
  cfg.chemistry.time_step_s = 300;
  const Grid& g = cfg.grid;
  const MetFields met = calm_met(g);
  BackendSolver solver(cfg);
  solver.set_met(met);
  const auto fields = test::chemistry_fields(g.cells(), 5);
  for (int r = 0; r < chem_roles; ++r) solver.set_concentration(r, fields[std::size_t(r)]);
  for (int k = 0; k < 4; ++k) solver.step(50);
  for (int r = 0; r < chem_roles; ++r) CHECK(solver.concentration(r) == fields[std::size_t(r)]);
  solver.step(50);
  solver.step(50);
  double worst = 0;
  for (std::size_t n = 0; n < g.cells(); ++n) {
    const std::size_t col = n % g.columns();
    const double t_over_p = double(met.temperature[n]) / double(met.pressure[n]);
    double x[chem_roles];
    for (int r = 0; r < chem_roles; ++r)
      x[r] = double(fields[std::size_t(r)][n]) * ppb_per_unit(r) * t_over_p;
    kernels::ChemistryCell c{x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8]};
    const kernels::ChemistryEnvironment env{
        double(met.temperature[n]), double(met.pressure[n]), double(met.relative_humidity[n]),
        kernels::cos_solar_zenith(kNoonUtc + 250, cfg.chemistry.lon[col], cfg.chemistry.lat[col]),
        double(met.radiation_factor[col])};
    kernels::chemistry_step(c, env, kernels::ChemistryOptions{}, 300);
    const double y[chem_roles] = {c.no, c.no2, c.o3, c.so2, c.so4, c.hno3, c.no3, c.nh3, c.nh4};
    for (int r = 0; r < chem_roles; ++r) {
      const float expected = float(y[r] / (ppb_per_unit(r) * t_over_p));
      const double got = solver.concentration(r)[n];
      worst = std::max(
          worst, std::abs(got - double(expected)) / std::max(double(std::abs(expected)), 1e-30));
    }
  }
  INFO("max relative difference from chemistry_step over 300 s: ", worst);
  CHECK(worst <= std::ldexp(1.0, -23));
  CHECK(solver.concentration(chem_o3)[0] != fields[chem_o3][0]);
}

TEST_CASE("chemistry process: production and loss close the budget, elements are conserved") {
  const TransportConfig cfg = chemistry_box(LateralBoundary::closed);
  const Grid& g = cfg.grid;
  BackendSolver solver(cfg);
  solver.set_met(calm_met(g));
  const auto fields = test::chemistry_fields(g.cells(), 23);
  for (int r = 0; r < chem_roles; ++r) solver.set_concentration(r, fields[std::size_t(r)]);
  auto moles = [&](std::initializer_list<int> roles) {
    double m = 0;
    for (int r : roles)
      m += test::total_mass(g, solver.concentration(r)) / test::chemistry_molar_mass[r];
    return m;
  };
  const double n0 = moles({chem_no, chem_no2, chem_hno3, chem_no3});
  const double s0 = moles({chem_so2, chem_so4}), a0 = moles({chem_nh3, chem_nh4});
  for (int n = 0; n < 10; ++n) solver.step(300);
  for (int r = 0; r < chem_roles; ++r) {
    const MassBudget b = solver.budget(r);
    INFO("species ", cfg.species[std::size_t(r)].name, " relative residual ",
         b.relative_residual());
    CHECK(std::abs(b.relative_residual()) <= 1e-12);
    CHECK(b.added("chemical_production") >= 0);
    CHECK(b.added("chemical_loss") <= 0);
  }
  // NO2 went to HNO3, HNO3 to particulate nitrate: both terms worked.
  CHECK(solver.budget(chem_hno3).added("chemical_production") > 0);
  CHECK(solver.budget(chem_so2).added("chemical_loss") < 0);
  const double n1 = moles({chem_no, chem_no2, chem_hno3, chem_no3});
  const double s1 = moles({chem_so2, chem_so4}), a1 = moles({chem_nh3, chem_nh4});
  INFO("N ", n1 / n0 - 1, "  S ", s1 / s0 - 1, "  N(-III) ", a1 / a0 - 1);
  CHECK(std::abs(n1 / n0 - 1) <= std::ldexp(1.0, -23));
  CHECK(std::abs(s1 / s0 - 1) <= std::ldexp(1.0, -23));
  CHECK(std::abs(a1 / a0 - 1) <= std::ldexp(1.0, -23));
}

TEST_CASE("chemistry process: budgets close with transport, deposition and sources") {
  TransportConfig cfg = chemistry_box(LateralBoundary::open);
  for (int r = 0; r < chem_roles; ++r) {
    cfg.species[std::size_t(r)].background = 2.0 + r;
    cfg.species[std::size_t(r)].deposition_velocity = 0.002 * (r % 3);
  }
  const Grid& g = cfg.grid;
  MetFields met = test::random_solenoidal_met(g, 2.0, 5.0, 7);
  for (auto& u : met.u) u += 1.5f;  // an open inflow from the west
  test::add_chemistry_met(met, g, 281.0);
  auto solver = make_solver(BackendChoice::cpu, cfg);
  solver->set_met(met);
  solver->set_emissions({{g.index(1, 1, 0), chem_no, 400.0},
                         {g.index(1, 2, 0), chem_nh3, 100.0},
                         {g.index(2, 1, 1), chem_so2, 300.0}});
  const int steps = 40;
  const double dt = std::min(solver->step_limit(), 60.0);
  for (int n = 0; n < steps; ++n) solver->step(dt);
  const double bound = 5 * steps * std::ldexp(1.0, -24);
  for (int r = 0; r < chem_roles; ++r) {
    const MassBudget b = solver->budget(r);
    INFO("species ", cfg.species[std::size_t(r)].name, " relative residual ", b.relative_residual(),
         " bound ", bound);
    CHECK(std::abs(b.relative_residual()) <= bound);
  }
}

TEST_CASE("chemistry process: carry_air with unit air is bitwise the plain solver") {
  TransportConfig cfg = chemistry_box(LateralBoundary::closed);
  TransportConfig carried = cfg;
  carried.carry_air = true;
  auto plain = make_solver(BackendChoice::cpu, cfg);
  auto with_air = make_solver(BackendChoice::cpu, carried);
  const auto fields = test::chemistry_fields(cfg.grid.cells(), 31);
  for (auto* s : {plain.get(), with_air.get()}) {
    s->set_met(calm_met(cfg.grid));
    for (int r = 0; r < chem_roles; ++r) s->set_concentration(r, fields[std::size_t(r)]);
    for (int n = 0; n < 4; ++n) s->step(200);
  }
  for (int r = 0; r < chem_roles; ++r) CHECK(plain->concentration(r) == with_air->concentration(r));
}

TEST_CASE("chemistry process: off, the pipeline is the built-in one; on, it needs the met") {
  TransportConfig off = test::box(4, 3, 2, 50.0, 50.0, 10.0, LateralBoundary::open);
  BackendSolver plain(off);
  CHECK(plain.pipeline().names() == std::vector<std::string>{"horizontal", "columns", "emissions"});
  plain.set_met(uniform_met(off.grid, 1, 0, 0, 1, 1));  // no chemistry fields: fine
  plain.step(5);
  CHECK(plain.budget(0).processes.empty());

  const TransportConfig on = chemistry_box(LateralBoundary::closed);
  BackendSolver chem(on);
  CHECK(chem.pipeline().names() ==
        std::vector<std::string>{"horizontal", "columns", "emissions", "chemistry"});
  CHECK(chem.budget(0).processes.size() == 2);
  CHECK_THROWS_AS(chem.set_met(uniform_met(on.grid, 1, 0, 0, 1, 1)), std::invalid_argument);
}
