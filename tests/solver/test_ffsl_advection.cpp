// Flux-form semi-Lagrangian advection (kernels/ffsl_flux.hpp) through the
// solver: at Courant 0.5 it is the limited scheme to float rounding; at Courant
// 2, 4 and 8 mass is conserved to rounding, no value turns negative, a
// square wave gains no new extrema, and a Gaussian hill converges at the
// orders measured below (docs/numerics.md, "Flux-form semi-Lagrangian
// advection").
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "case_builders.hpp"
#include "host/solver/transport_solver.hpp"

using namespace airshed;

namespace {

constexpr double L = 1000.0;        // periodic box, m
constexpr double u = 2.0, v = 1.3;  // m/s: along y the Courant number is 0.65 of x's

struct Norms {
  double l1 = 0, l2 = 0, mass_change = 0, min = 0, max = 0;
};

// The hill (sigma 0.1 L) centred in the box, moved by (sx, sy), periodic.
double hill(double x, double y, double sx, double sy) {
  const auto wrap = [](double d) { return d - L * std::floor(d / L + 0.5); };
  const double dx = wrap(x - 0.5 * L - sx), dy = wrap(y - 0.5 * L - sy), s = 0.1 * L;
  return std::exp(-(dx * dx + dy * dy) / (2 * s * s));
}
// A square of side 0.3 L, values 0 and 1, moved likewise.
double square(double x, double y, double sx, double sy) {
  const auto wrap = [](double d) { return d - L * std::floor(d / L + 0.5); };
  return std::abs(wrap(x - 0.5 * L - sx)) < 0.15 * L && std::abs(wrap(y - 0.5 * L - sy)) < 0.15 * L
             ? 1.0
             : 0.0;
}

TransportConfig periodic_box(int n, Advection scheme) {
  TransportConfig cfg = test::box(n, n, 1, L / n, L / n, 10.0, LateralBoundary::periodic);
  cfg.advection = scheme;
  cfg.max_step_s = 1e9;  // the Courant number alone sets dt here
  if (scheme == Advection::ffsl) cfg.courant = max_ffsl_courant;
  return cfg;
}

// Advects `shape` for 500 s (one period along x) at the x Courant number
// `courant` (dt = courant h / u) on an n x n periodic box; the error norms
// against the exact moved shape, the relative mass change and the range.
template <class Shape>
Norms advect(int n, double courant, Advection scheme, Shape shape,
             std::vector<float>* out = nullptr, BackendChoice backend = BackendChoice::cpu) {
  const TransportConfig cfg = periodic_box(n, scheme);
  auto solver = make_solver(backend, cfg);
  solver->set_met(uniform_met(cfg.grid, u, v, 0.0, 0.0, 0.0));
  const double h = L / n, dt = courant * h / u, T = 500.0;
  const long steps = std::lround(T / dt);
  REQUIRE(dt <= solver->stable_dt() * (1 + 1e-6));  // as step() allows
  std::vector<float> c0(cfg.grid.cells());
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i)
      c0[cfg.grid.index(i, j, 0)] = float(shape((i + 0.5) * h, (j + 0.5) * h, 0.0, 0.0));
  solver->set_concentration(0, c0);
  const double m0 = test::total_mass(cfg.grid, c0);
  for (long s = 0; s < steps; ++s) solver->step(dt);
  const std::vector<float> c = solver->concentration(0);
  Norms e;
  e.min = *std::min_element(c.begin(), c.end());
  e.max = *std::max_element(c.begin(), c.end());
  e.mass_change = std::abs(test::total_mass(cfg.grid, c) - m0) / m0;
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const double d =
          c[cfg.grid.index(i, j, 0)] - shape((i + 0.5) * h, (j + 0.5) * h, u * T, v * T);
      e.l1 += std::abs(d) / (double(n) * n);
      e.l2 += d * d / (double(n) * n);
    }
  e.l2 = std::sqrt(e.l2);
  if (out) *out = c;
  return e;
}

}  // namespace

// At Courant < 1 (no integer part) the FFSL fluxes are the limited
// scheme's; the cell-integrated update sums them differently, so the two
// agree to float rounding: a few ulp of the peak (1) per step, measured
// below; the bound is 1e-6 after 256 steps.
TEST_CASE("ffsl at Courant 0.5 is the limited scheme to rounding (no integer part)") {
  std::vector<float> ffsl, muscl;
  advect(64, 0.5, Advection::ffsl, hill, &ffsl);
  advect(64, 0.5, Advection::muscl, hill, &muscl);
  double diff = 0;
  for (std::size_t i = 0; i < ffsl.size(); ++i)
    diff = std::max(diff, double(std::abs(ffsl[i] - muscl[i])));
  MESSAGE("max |ffsl - muscl| at Courant 0.5: ", diff);
  CHECK(diff <= 1e-6);
}

TEST_CASE(
    "ffsl at Courant 0.5 with open boundaries and a background: the limited scheme to rounding") {
  // The clamped outside cells must give the boundary faces of
  // kernels/boundary_fill.hpp: inflow carries the background, outflow is
  // zero-gradient; values in [0, 1], so 1e-6 is rounding.
  std::vector<float> result[2];
  for (int s = 0; s < 2; ++s) {
    TransportConfig cfg = test::box(24, 16, 1, 50.0, 50.0, 10.0, LateralBoundary::open);
    cfg.advection = s == 0 ? Advection::ffsl : Advection::muscl;
    cfg.species[0].background = 0.25;
    auto solver = make_solver(BackendChoice::cpu, cfg);
    solver->set_met(uniform_met(cfg.grid, 2.0, -1.3, 0.0, 0.0, 0.0));
    solver->set_concentration(0, test::random_field(cfg.grid.cells(), 0.0, 1.0, 7));
    const double dt = 0.5 * 50.0 / 2.0;
    for (int k = 0; k < 20; ++k) solver->step(dt);
    result[s] = solver->concentration(0);
  }
  double diff = 0;
  for (std::size_t i = 0; i < result[0].size(); ++i)
    diff = std::max(diff, double(std::abs(result[0][i] - result[1][i])));
  MESSAGE("max |ffsl - muscl|, open boundaries: ", diff);
  CHECK(diff <= 1e-6);
}

TEST_CASE("ffsl at Courant 4 through open boundaries: inflow background, budget closed") {
  // Departure points beyond an open end read the background: after the
  // wind has crossed the box (10 steps of 4 cells along x, 2.6 along y
  // over 24 x 16 cells) every cell holds the background; the budget
  // closes with the outflow from the boundary fluxes.
  TransportConfig cfg = test::box(24, 16, 1, 50.0, 50.0, 10.0, LateralBoundary::open);
  cfg.advection = Advection::ffsl;
  cfg.courant = 4;
  cfg.max_step_s = 1e9;
  cfg.species[0].background = 0.25;
  auto solver = make_solver(BackendChoice::cpu, cfg);
  solver->set_met(uniform_met(cfg.grid, 2.0, -1.3, 0.0, 0.0, 0.0));
  solver->set_concentration(0, test::random_field(cfg.grid.cells(), 0.0, 1.0, 11));
  const double dt = 4 * 50.0 / 2.0;
  REQUIRE(dt <= solver->stable_dt() * (1 + 1e-6));
  double lowest = 1;
  for (int k = 0; k < 10; ++k) {
    solver->step(dt);
    for (float c : solver->concentration(0)) lowest = std::min(lowest, double(c));
  }
  CHECK(lowest >= 0.0);
  for (float c : solver->concentration(0)) CHECK(c == doctest::Approx(0.25).epsilon(1e-6));
  const MassBudget b = solver->budget(0);
  MESSAGE("budget relative residual ", b.relative_residual());
  CHECK(std::abs(b.relative_residual()) < 1e-6);
}

TEST_CASE("ffsl in a closed box: the walls' velocity jump limits the step, mass stays") {
  // A uniform wind stops at a closed wall (u = 0 on its faces): departure
  // points there converge at rate u / dx, so stable_dt() keeps
  // dt u / dx <= 0.5 whatever `courant` allows; mass piles up at the wall,
  // none leaves, none turns negative.
  TransportConfig cfg = test::box(24, 16, 1, 50.0, 50.0, 10.0, LateralBoundary::closed);
  cfg.advection = Advection::ffsl;
  cfg.courant = 8;
  cfg.max_step_s = 1e9;
  auto solver = make_solver(BackendChoice::cpu, cfg);
  solver->set_met(uniform_met(cfg.grid, 2.0, -1.3, 0.0, 0.0, 0.0));
  CHECK(solver->stable_dt() <= 0.5 * 50.0 / 2.0 * (1 + 1e-6));
  const std::vector<float> c0 = test::random_field(cfg.grid.cells(), 0.0, 1.0, 5);
  solver->set_concentration(0, c0);
  for (int k = 0; k < 40; ++k) solver->step(solver->stable_dt());
  const std::vector<float> c = solver->concentration(0);
  CHECK(*std::min_element(c.begin(), c.end()) >= 0.0f);
  const double m0 = test::total_mass(cfg.grid, c0);
  CHECK(std::abs(test::total_mass(cfg.grid, c) - m0) / m0 < 2e-7);
}

TEST_CASE("ffsl: the OpenMP backend equals the serial oracle bit for bit at Courant 4") {
  std::vector<float> cpu, serial;
  advect(32, 4.0, Advection::ffsl, square, &cpu, BackendChoice::cpu);
  advect(32, 4.0, Advection::ffsl, square, &serial, BackendChoice::serial);
  CHECK(cpu == serial);
}

TEST_CASE("ffsl at Courant 2, 4, 8: mass to rounding, positive, monotone, convergent") {
  // Measured (32 -> 64 -> 128 cells; sigma = 3.2 .. 12.8 cells), orders
  // L1 / L2 on the finer pair: Courant 0.5: 2.12 / 1.91; 2: 2.04 / 1.81;
  // 4: 2.17 / 1.81; 8: 2.24 / 1.89; on the coarser pair L1 >= 2.13, L2 >=
  // 1.66 (Courant 8: 4 steps of a hill 3.2 cells wide). A limited
  // second-order scheme clips the peak (L2 and Linf lose most there), so
  // the bounds are 1.8 (L1) and 1.5 (L2), below every measured order.
  // L1 at 128 cells: 2.5e-4 (0.5) falling to 1.5e-5 (8): fewer steps,
  // less accumulated error; bound 5e-4. Mass: at most 4.2e-8 relative
  // (float sums over 16384 cells); bound 2e-7.
  for (double courant : {0.5, 2.0, 4.0, 8.0}) {
    CAPTURE(courant);
    const Norms e32 = advect(32, courant, Advection::ffsl, hill),
                e64 = advect(64, courant, Advection::ffsl, hill),
                e128 = advect(128, courant, Advection::ffsl, hill);
    const double p1 = std::log2(e32.l1 / e64.l1), p2 = std::log2(e64.l1 / e128.l1);
    const double q1 = std::log2(e32.l2 / e64.l2), q2 = std::log2(e64.l2 / e128.l2);
    MESSAGE("Courant ", courant, "  L1 ", e32.l1, " ", e64.l1, " ", e128.l1, "  orders ", p1, " ",
            p2, "  L2 ", e32.l2, " ", e64.l2, " ", e128.l2, "  orders ", q1, " ", q2, "  mass ",
            e128.mass_change);
    CHECK(p1 >= 1.8);
    CHECK(p2 >= 1.8);
    CHECK(q1 >= 1.5);
    CHECK(q2 >= 1.5);
    CHECK(e128.l1 < 5e-4);
    for (const Norms& e : {e32, e64, e128}) {
      CHECK(e.mass_change < 2e-7);
      CHECK(e.min >= 0.0f);
    }
    const Norms sq = advect(64, courant, Advection::ffsl, square);
    MESSAGE("square wave: min ", sq.min, " max ", sq.max, "  L1 ", sq.l1, "  mass ",
            sq.mass_change);
    CHECK(sq.min >= 0.0);
    CHECK(sq.max <= 1.0);
    CHECK(sq.mass_change < 2e-7);
  }
}
