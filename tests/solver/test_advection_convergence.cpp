// A smooth Gaussian hill advected one period across a periodic box at
// three resolutions: L1 error falls at >= 1.6 order (numerics.md test 3).
#include <doctest/doctest.h>

#include <cmath>

#include "case_builders.hpp"
#include "host/solver/transport_solver.hpp"

using namespace airshed;

namespace {
struct Errors {
  double l1, linf;
};

// Domain 1000 m x 1000 m, diagonal wind (2, 1) m/s: after 1000 s the hill
// has crossed the box twice in x and once in y and is back where it started.
Errors advect_one_period(int n) {
  const double L = 1000.0, h = L / n;
  TransportConfig cfg = test::box(n, n, 1, h, h, 10.0, LateralBoundary::periodic);
  auto solver = make_solver(BackendChoice::cpu, cfg);
  solver->set_met(uniform_met(cfg.grid, 2.0, 1.0, 0.0, 0.0, 0.0));
  auto hill = [&](int i, int j) {
    const double x = (i + 0.5) * h - 0.5 * L, y = (j + 0.5) * h - 0.5 * L, s = 0.1 * L;
    return std::exp(-(x * x + y * y) / (2 * s * s));
  };
  std::vector<float> c0(cfg.grid.cells());
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) c0[cfg.grid.index(i, j, 0)] = float(hill(i, j));
  solver->set_concentration(0, c0);
  solver->advance(1000.0);
  const auto c = solver->concentration(0);
  Errors e{0, 0};
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const double d = std::abs(c[cfg.grid.index(i, j, 0)] - hill(i, j));
      e.l1 += d * h * h / (L * L);
      e.linf = std::max(e.linf, d);
    }
  return e;
}
}  // namespace

TEST_CASE("Gaussian hill: L1 convergence order >= 1.6 over three resolutions") {
  const Errors e32 = advect_one_period(32), e64 = advect_one_period(64),
               e128 = advect_one_period(128);
  const double p1 = std::log2(e32.l1 / e64.l1), p2 = std::log2(e64.l1 / e128.l1);
  MESSAGE("L1: ", e32.l1, " ", e64.l1, " ", e128.l1, "  orders ", p1, " ", p2);
  MESSAGE("Linf: ", e32.linf, " ", e64.linf, " ", e128.linf, "  orders ",
          std::log2(e32.linf / e64.linf), " ", std::log2(e64.linf / e128.linf));
  CHECK(p1 >= 1.6);
  CHECK(p2 >= 1.6);
  CHECK(e128.l1 < 2e-3);
}
