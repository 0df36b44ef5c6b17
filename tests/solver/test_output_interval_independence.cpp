// The answer must not depend on the output interval (issue 19, finding 6).
// advance() splits every interval into whole Strang pairs with the sources
// in the middle (X Y Z S | S Z Y X) and a step bounded by accuracy
// (max_step_s, max_loss_per_step), not by the interval. Checked against
// exact solutions:
//   (a) convergence as the step shrinks: a well-mixed box with constant
//       emission Q and decay k (M(t) = Q/k (1 - e^{-kt})), second order;
//       a calm column with emission into the ground cell and vertical
//       diffusion against the exact solution of the semi-discrete system
//       (modes of the discrete Laplacian), first order (backward Euler);
//   (b) the same column sampled every 1 h and every 1 min for 6 h: the
//       receptor's period mean agrees with the exact one, and the two runs
//       with each other, within the derived splitting bound q0 dt / 2
//       (docs/numerics.md, "Time step"), for k = 0 and k = 0.01/s.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "case_builders.hpp"
#include "exact_solutions.hpp"
#include "host/solver/transport_solver.hpp"

using namespace airshed;

namespace {

constexpr double kQ = 1.0;     // M/s into the ground cell
constexpr double kArea = 1e4;  // 100 m x 100 m column

// One calm column of nz levels of dz, closed everywhere, Kz uniform.
TransportConfig column_config(int nz, double dz, double decay) {
  TransportConfig cfg = test::box(1, 1, nz, 100.0, 100.0, dz, LateralBoundary::closed);
  cfg.species[0].decay_rate = decay;
  return cfg;
}

std::unique_ptr<TransportSolver> column_solver(const TransportConfig& cfg, double kz) {
  auto solver = make_solver(BackendChoice::cpu, cfg);
  solver->set_met(uniform_met(cfg.grid, 0, 0, 0, 0, kz));
  solver->set_emissions({{cfg.grid.index(0, 0, 0), 0, kQ}});
  return solver;
}

// Exact ground-cell concentration of the semi-discrete column, c(0) = 0:
// dc/dt = K/dz^2 (c_{i+1} - 2 c_i + c_{i-1}) (zero-flux ends) - k c + q0 e_0.
// Modes phi_m(i) = cos(pi m (i + 1/2) / n), rate mu_m = k + 4K/dz^2
// sin^2(pi m / 2n); the ground cell carries the weight w_m = phi_m(0)^2 /
// |phi_m|^2 of each (w_0 = 1/n, sum 1).
struct Column {
  int nz;
  double dz, kz, decay;
  double q0() const { return kQ / (kArea * dz); }
  double weight(int m) const {
    const double phi = std::cos(test::pi * m * 0.5 / nz);
    return m == 0 ? 1.0 / nz : 2.0 * phi * phi / nz;
  }
  double rate(int m) const {
    const double s = std::sin(test::pi * m / (2.0 * nz));
    return decay + 4 * kz / (dz * dz) * s * s;
  }
  double ground(double t) const {
    double c = 0;
    for (int m = 0; m < nz; ++m) {
      const double mu = rate(m);
      c += weight(m) * (mu > 0 ? -std::expm1(-mu * t) / mu : t);
    }
    return q0() * c;
  }
  // Splitting bound at step dt: every mode's error stays within q_m dt / 2
  // (docs/numerics.md); the uniform mode is exact when nothing decays.
  double bound(double dt) const { return 0.5 * q0() * dt * (decay > 0 ? 1.0 : 1.0 - weight(0)); }
};

double box_error(double dt_cap) {
  const double k = 0.01, T = 600;
  TransportConfig cfg = test::box(1, 1, 1, 100.0, 100.0, 10.0, LateralBoundary::closed);
  cfg.species[0].decay_rate = k;
  cfg.max_step_s = dt_cap;
  cfg.max_loss_per_step = 10;  // let the cap alone set dt
  auto solver = make_solver(BackendChoice::cpu, cfg);
  solver->set_emissions({{0, 0, kQ}});
  CHECK(solver->plan_steps(T).dt == doctest::Approx(dt_cap));
  solver->advance(T);
  const double exact = kQ / k * -std::expm1(-k * T);
  return std::abs(solver->budget(0).in_domain - exact) / exact;
}

double column_error(const Column& col, double dt_cap, double T) {
  TransportConfig cfg = column_config(col.nz, col.dz, col.decay);
  cfg.max_step_s = dt_cap;
  cfg.max_loss_per_step = 10;
  auto solver = column_solver(cfg, col.kz);
  CHECK(solver->plan_steps(T).dt == doctest::Approx(dt_cap));
  solver->advance(T);
  const double exact = col.ground(T);
  return std::abs(solver->concentration(0)[0] - exact) / exact;
}

struct PeriodMean {
  double model, exact, dt;
};

// The receptor (the ground cell) sampled every `interval` s for `T` s the
// way the run loop does it: one advance() per output interval; the period
// mean is the mean of the samples after the start (output statistics).
PeriodMean period_mean(const Column& col, double interval, double T) {
  auto solver = column_solver(column_config(col.nz, col.dz, col.decay), col.kz);
  const long n = std::lround(T / interval);
  PeriodMean p{0, 0, solver->plan_steps(interval).dt};
  for (long i = 1; i <= n; ++i) {
    solver->advance(interval);
    p.model += solver->concentration(0)[0] / double(n);
    p.exact += col.ground(i * interval) / double(n);
  }
  return p;
}

}  // namespace

TEST_CASE("box with emission and decay: second order in dt towards Q/k (1 - e^-kt)") {
  const double e60 = box_error(60), e30 = box_error(30), e15 = box_error(15), e75 = box_error(7.5);
  const double p1 = std::log2(e60 / e30), p2 = std::log2(e30 / e15), p3 = std::log2(e15 / e75);
  MESSAGE("box, k = 0.01/s, t = 600 s: rel. error at dt 60/30/15/7.5 s: ", e60, " ", e30, " ", e15,
          " ", e75, "  orders ", p1, " ", p2, " ", p3);
  CHECK(p1 >= 1.8);
  CHECK(p2 >= 1.8);
  CHECK(p3 >= 1.8);
  // The leading error term of the sources-in-the-middle pair: (k dt)^2 / 6
  // of the steady state (docs/numerics.md), reached here (k t = 6).
  CHECK(e75 < 1.2 * 0.075 * 0.075 / 6);
}

TEST_CASE("the default step limit keeps a calm box with decay accurate in one advance()") {
  // Before the fix this was one step of 3600 s (stable_dt() is infinite in
  // calm air): the output held either everything decayed or everything
  // just emitted.
  const double k = 0.01, T = 3600;
  TransportConfig cfg = test::box(1, 1, 1, 100.0, 100.0, 10.0, LateralBoundary::closed);
  cfg.species[0].decay_rate = k;
  auto solver = make_solver(BackendChoice::cpu, cfg);
  solver->set_emissions({{0, 0, kQ}});
  const auto plan = solver->plan_steps(T);
  CHECK(plan.steps % 2 == 0);
  CHECK(plan.dt * k <= cfg.max_loss_per_step + 1e-12);
  solver->advance(T);
  const double exact = kQ / k * -std::expm1(-k * T);
  const double rel = (solver->budget(0).in_domain - exact) / exact;
  MESSAGE("box, one advance(3600 s): ", plan.steps, " steps of ", plan.dt, " s, rel. error ", rel);
  CHECK(std::abs(rel) < std::pow(k * plan.dt, 2) / 6 * 1.1);
  // Any interval is whole pairs and no step exceeds the caps.
  for (double T2 : {1.0, 59.0, 60.0, 3600.0, 86400.0}) {
    const auto p = solver->plan_steps(T2);
    CAPTURE(T2);
    CHECK(p.steps % 2 == 0);
    CHECK(p.steps >= 2);
    CHECK(p.dt <= solver->step_limit() * (1 + 1e-12));
    CHECK(p.dt * double(p.steps) == doctest::Approx(T2));
  }
  CHECK(solver->step_limit() == doctest::Approx(cfg.max_loss_per_step / k));
  TransportConfig calm = test::box(1, 1, 1, 100.0, 100.0, 10.0, LateralBoundary::closed);
  CHECK(make_solver(BackendChoice::cpu, calm)->step_limit() == doctest::Approx(calm.max_step_s));
}

// 10 levels of 20 m, Kz = 1 m^2/s: the fastest mode's rate 4 Kz / dz^2 =
// 0.01/s, so dt <= 60 s resolves every mode and the asymptotic order shows.
// (With |lambda| dt >> 1 a mode's error saturates at q_m / |lambda|,
// below the bound q_m dt / 2: order reduction, but no growth.)
TEST_CASE("calm column, emission into the ground cell: first order in dt (backward Euler)") {
  const double T = 1800;
  {
    const Column col{10, 20.0, 1.0, 0.0};
    const double e60 = column_error(col, 60, T), e30 = column_error(col, 30, T),
                 e15 = column_error(col, 15, T), e75 = column_error(col, 7.5, T);
    const double p1 = std::log2(e60 / e30), p2 = std::log2(e30 / e15), p3 = std::log2(e15 / e75);
    MESSAGE("column, k = 0, ground cell at 1800 s: rel. error at dt 60/30/15/7.5 s: ", e60, " ",
            e30, " ", e15, " ", e75, "  orders ", p1, " ", p2, " ", p3);
    CHECK(p1 >= 0.9);
    CHECK(p2 >= 0.9);
    CHECK(p3 >= 0.9);
    CHECK(e60 * col.ground(T) <= col.bound(60));
  }
  {
    // With decay, the second-order emission/decay error (negative, as in the
    // box) and the first-order diffusion error (positive) cancel part-way,
    // so no order can be read off this range; every error stays within the
    // splitting bound and falls below 0.2 % at the finest step.
    const Column col{10, 20.0, 1.0, 0.01};
    const double e60 = column_error(col, 60, T), e30 = column_error(col, 30, T),
                 e15 = column_error(col, 15, T), e75 = column_error(col, 7.5, T);
    MESSAGE("column, k = 0.01, ground cell at 1800 s: rel. error at dt 60/30/15/7.5 s: ", e60, " ",
            e30, " ", e15, " ", e75);
    const double c = col.ground(T);
    CHECK(e60 * c <= col.bound(60));
    CHECK(e30 * c <= col.bound(30));
    CHECK(e15 * c <= col.bound(15));
    CHECK(e75 * c <= col.bound(7.5));
    CHECK(e75 < 0.002);
  }
}

TEST_CASE("period means with output intervals 1 h and 1 min agree within the splitting bound") {
  const double T = 6 * 3600;
  for (double k : {0.0, 0.01}) {
    CAPTURE(k);
    const Column col{10, 20.0, 1.0, k};
    const PeriodMean hour = period_mean(col, 3600, T), minute = period_mean(col, 60, T);
    const double b_hour = col.bound(hour.dt), b_minute = col.bound(minute.dt);
    // float32 fields over thousands of steps: rounding well below 1e-4.
    const double tol_h = 1e-4 * hour.exact, tol_m = 1e-4 * minute.exact;
    MESSAGE("k = ", k, ": period mean (1 h) ", hour.model, " exact ", hour.exact, " (dt ", hour.dt,
            " s, bound ", b_hour, "); (1 min) ", minute.model, " exact ", minute.exact, " (dt ",
            minute.dt, " s, bound ", b_minute, "); 1 h / 1 min ", hour.model / minute.model,
            " exact ", hour.exact / minute.exact);
    CHECK(std::abs(hour.model - hour.exact) <= b_hour + tol_h);
    CHECK(std::abs(minute.model - minute.exact) <= b_minute + tol_m);
    // The runs differ only by their splitting errors (and, for k = 0, by
    // the exact means of their different sample times).
    CHECK(std::abs((hour.model - hour.exact) - (minute.model - minute.exact)) <=
          b_hour + b_minute + tol_h + tol_m);
    if (k > 0) {
      // Steady after ~10 min: both samplings see the same mean, Q/k per volume.
      CHECK(std::abs(hour.model / minute.model - 1) < 0.01);
      CHECK(hour.dt == doctest::Approx(minute.dt));  // the loss limit, not the interval, sets dt
    }
  }
}
