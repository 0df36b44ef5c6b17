// A process added through the pipeline's registration API alone
// (host/solver/process_pipeline.hpp): a second first-order loss, rate k2,
// with its kernel, launch and registration all in this file. Compiles the
// solver for the OpenMP backend here, as the backend units do.
//   (a) on a uniform field in a closed, calm box the solution follows
//       c0 exp(-(k1 + k2) t) and matches the run with decay_rate = k1 + k2
//       to float rounding: per step at most two roundings of the product
//       and two of the factors float(exp(-k dt)), each <= 2^-24 relative,
//       so 5 N 2^-24 after N steps bounds both comparisons;
//   (b) the budget reports the process's own term, equal to the mass it
//       removed (replayed here in the same float arithmetic), and the
//       residual stays at rounding level (2 N 2^-24 of the mass).
#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "case_builders.hpp"
#include "host/core/state_archive.hpp"
#include "host/solver/backend_solver.hpp"

using namespace airshed;
using omp_backend::BackendSolver;
using omp_backend::ProcessContext;
using omp_backend::ProcessLaunch;

namespace {

// The kernel: c <- c * factor over the levels of one column, storing the
// float64 mass per unit area it removed (the column kernel's decay step,
// on its own).
struct FirstOrderLoss {
  kernels::GridView g;
  float* c;
  float factor;
  double* removed;  // per column, M m^-2
  AIRSHED_HD void operator()(std::size_t col) const {
    const int i = int(col % std::size_t(g.nx)), j = int(col / std::size_t(g.nx));
    const double keep = 1.0 - double(factor);
    double sum = 0;
    for (int k = 0; k < g.nz; ++k) {
      float& x = c[g.cell(i, j, k)];
      sum += double(x) * g.dz[k] * keep;
      x *= factor;
    }
    removed[col] = sum;
  }
};

// The launch: every species at its own rate, each reporting what it removed.
ProcessLaunch second_loss(std::vector<double> k2) {
  return [k2](const ProcessContext& ctx, double dt) {
    const double area = ctx.cfg->grid.dx * ctx.cfg->grid.dy;
    for (int s = 0; s < ctx.species_count(); ++s) {
      const float factor = float(std::exp(-k2[s] * dt));
      omp_backend::for_each_index(
          ctx.grid.columns(), FirstOrderLoss{ctx.grid, ctx.species(s), factor, ctx.column_mass});
      ctx.report(s, -ctx.sum_column_mass() * area);
    }
  };
}

constexpr double k1[] = {2e-4, 0.0}, k2[] = {3e-4, 1e-4};  // 1/s, per species
constexpr double c0 = 5.0, dt = 60.0;
constexpr int steps = 40;
const double eps = std::ldexp(1.0, -24);

TransportConfig calm_box(bool combined) {
  TransportConfig cfg = test::box(12, 10, 6, 100.0, 80.0, 20.0, LateralBoundary::closed);
  cfg.grid.z_faces = stretched_levels(6, 10.0, 1.3);
  cfg.species = {{"a", c0, combined ? k1[0] + k2[0] : k1[0], 0.0},
                 {"b", c0, combined ? k1[1] + k2[1] : k1[1], 0.0}};
  return cfg;
}

}  // namespace

TEST_CASE("a process added by registration runs after the built-ins, reversed on odd steps") {
  BackendSolver solver(calm_box(false));
  solver.add_process("second_loss", second_loss({k2[0], k2[1]}));
  CHECK(solver.pipeline().names() ==
        std::vector<std::string>{"horizontal", "columns", "emissions", "second_loss"});
  CHECK(solver.budget(0).processes.size() == 1);
  CHECK(solver.budget(0).added("second_loss") == 0.0);
  CHECK_THROWS_AS(solver.add_process("second_loss", second_loss({0, 0})), std::invalid_argument);
  CHECK_THROWS_AS(solver.add_process("decay", second_loss({0, 0})), std::invalid_argument);
  solver.step(dt);
  CHECK_THROWS_AS(solver.add_process("late", second_loss({0, 0})), std::logic_error);
  // A state carries the process's term and fits only a solver with the same processes.
  BackendSolver plain(calm_box(false));
  CHECK_THROWS_AS(plain.restore(solver.state()), std::invalid_argument);
  // The checkpoint form keeps every term bit for bit.
  const TransportSolver::State st = solver.state();
  StateWriter w;
  put_budgets(w, st.budgets);
  StateReader r(w.bytes(), "test");
  const std::vector<MassBudget> back = get_budgets(r);
  CHECK(r.at_end());
  REQUIRE(back.size() == st.budgets.size());
  for (std::size_t s = 0; s < back.size(); ++s) {
    const std::vector<BudgetTerm> a = st.budgets[s].terms(), b = back[s].terms();
    REQUIRE(a.size() == b.size());
    CHECK(back[s].initial == st.budgets[s].initial);
    for (std::size_t t = 0; t < a.size(); ++t) {
      CHECK(a[t].name == b[t].name);
      CHECK(a[t].added == b[t].added);
    }
  }
  BackendSolver again(calm_box(false));
  again.add_process("second_loss", second_loss({k2[0], k2[1]}));
  again.restore(st);
  CHECK(again.budget(0).added("second_loss") == solver.budget(0).added("second_loss"));
}

TEST_CASE("a second first-order loss through the pipeline equals decay at k1 + k2") {
  BackendSolver split(calm_box(false)), combined(calm_box(true));
  split.add_process("second_loss", second_loss({k2[0], k2[1]}));
  const MetFields calm = uniform_met(split.config().grid, 0, 0, 0, 0, 0);
  split.set_met(calm);
  combined.set_met(calm);
  for (int n = 0; n < steps; ++n) {
    split.step(dt);
    combined.step(dt);
  }
  const double t = steps * dt, bound = 5 * steps * eps;
  for (int s = 0; s < 2; ++s) {
    INFO("species ", s);
    const double exact = c0 * std::exp(-(k1[s] + k2[s]) * t);
    const std::vector<float> a = split.concentration(s), b = combined.concentration(s);
    double worst_exact = 0, worst_combined = 0;
    for (std::size_t n = 0; n < a.size(); ++n) {
      worst_exact = std::max(worst_exact, std::abs(a[n] - exact) / exact);
      worst_combined = std::max(worst_combined, std::abs(double(a[n]) - b[n]) / b[n]);
    }
    MESSAGE("species ", s, ": max relative difference from the exact solution ", worst_exact,
            ", from decay at k1 + k2 ", worst_combined, " (bound ", bound, ")");
    CHECK(worst_exact <= bound);
    CHECK(worst_combined <= bound);

    // (b) Replay the uniform field in the solver's float arithmetic: the
    // built-in decay in the column step, then the added loss (reversed on
    // odd steps), and the mass the loss removed, c (1 - f2) V.
    const Grid& g = split.config().grid;
    double thickness = 0;  // the solver's float layer thicknesses
    for (int k = 0; k < g.nz; ++k) thickness += double(float(g.dz(k)));
    const double volume = g.dx * g.dy * thickness * g.nx * g.ny;
    const float f1 = float(std::exp(-k1[s] * dt)), f2 = float(std::exp(-k2[s] * dt));
    float c = float(c0);
    double removed = 0;
    for (int n = 0; n < steps; ++n) {
      if (n % 2 == 0) c *= f1;
      removed += double(c) * (1.0 - double(f2)) * volume;
      c *= f2;
      if (n % 2 == 1) c *= f1;
    }
    CHECK(a[0] == c);  // the same arithmetic in the same order: bitwise
    const MassBudget bs = split.budget(s), bc = combined.budget(s);
    MESSAGE("species ", s, ": second_loss term ", bs.added("second_loss"), ", replayed ", -removed,
            "; relative residual ", bs.relative_residual());
    CHECK(bs.added("second_loss") == doctest::Approx(-removed).epsilon(1e-12));
    CHECK(std::abs(bs.relative_residual()) <= 2 * steps * eps);
    // Together with the built-in decay it removed what decay at k1 + k2 did.
    CHECK(bs.decayed - bs.added("second_loss") == doctest::Approx(bc.decayed).epsilon(bound));
  }
}

TEST_CASE("an added process keeps the budget closed with transport, sources and open boundaries") {
  TransportConfig cfg =
      test::box(17, 11, 7, 50.0, 60.0, 0.0, LateralBoundary::open, TopBoundary::open);
  cfg.grid.z_faces = stretched_levels(7, 4.0, 1.35);
  cfg.species = {{"a", 1.0, 1e-4, 0.01}, {"b", 0.0, 0.0, 0.002}};
  BackendSolver solver(cfg);
  solver.add_process("second_loss", second_loss({5e-4, 2e-4}));
  solver.set_met(test::random_solenoidal_met(cfg.grid, 3.0, 20.0, 7));
  solver.set_emissions({{cfg.grid.index(8, 5, 0), 0, 4e3}, {cfg.grid.index(3, 2, 3), 1, 2e3}});
  for (int s = 0; s < 2; ++s)
    solver.set_concentration(s, test::random_field(cfg.grid.cells(), 0.0, 10.0, 11 + s));
  const double step = solver.stable_dt();
  for (int n = 0; n < 30; ++n) solver.step(step);
  for (int s = 0; s < 2; ++s) {
    const MassBudget b = solver.budget(s);
    MESSAGE("species ", s, ": second_loss ", b.added("second_loss"), " decay ", b.added("decay"),
            " relative residual ", b.relative_residual());
    CHECK(b.added("second_loss") < 0);
    // float32 fields, float64 budget: rounding of every cell update, 30 steps.
    CHECK(std::abs(b.relative_residual()) <= 1e-5);
  }
}
