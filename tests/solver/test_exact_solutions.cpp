// Against exact 3D solutions with ground reflection (numerics.md tests 5, 6).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "case_builders.hpp"
#include "exact_solutions.hpp"
#include "host/solver/transport_solver.hpp"

using namespace airshed;

TEST_CASE("Gaussian puff in uniform wind with ground reflection vs the exact solution") {
  // Start from the exact puff at t0 (sigma0 ~ 3 cells) and compare at t1.
  const double dx = 10, u = 2, K = 5, H = 60, x0 = 150, y0 = 200, t0 = 100, t1 = 400, M = 1e9;
  TransportConfig cfg = test::box(100, 40, 30, dx, dx, dx, LateralBoundary::open);
  auto solver = make_solver(BackendChoice::cpu, cfg);
  solver->set_met(uniform_met(cfg.grid, u, 0, 0, K, K));
  const Grid& g = cfg.grid;
  auto exact = [&](double t, int i, int j, int k) {
    return test::puff(M, u, K, K, x0, y0, H, t, g.x_centre(i), g.y_centre(j), g.z_centre(k));
  };
  std::vector<float> c(g.cells());
  for (int k = 0; k < g.nz; ++k)
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) c[g.index(i, j, k)] = float(exact(t0 - 0, i, j, k));
  solver->set_concentration(0, c);
  solver->advance(t1 - t0);
  c = solver->concentration(0);

  // Peak, and the along-wind spread from the second moment of the field.
  std::size_t at = std::max_element(c.begin(), c.end()) - c.begin();
  double peak_exact = 0;
  std::size_t at_exact = 0;
  double m = 0, mx = 0, mxx = 0, e = 0, ex = 0, exx = 0;
  for (int k = 0; k < g.nz; ++k)
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) {
        const double ce = exact(t1, i, j, k), cm = c[g.index(i, j, k)], x = g.x_centre(i);
        if (ce > peak_exact) peak_exact = ce, at_exact = g.index(i, j, k);
        m += cm, mx += cm * x, mxx += cm * x * x, e += ce, ex += ce * x, exx += ce * x * x;
      }
  const double sig_model = std::sqrt(mxx / m - (mx / m) * (mx / m));
  const double sig_exact = std::sqrt(exx / e - (ex / e) * (ex / e));
  const int di = int(at % g.nx) - int(at_exact % g.nx);
  const int dj = int(at / g.nx % g.ny) - int(at_exact / g.nx % g.ny);
  const int dk = int(at / (g.nx * g.ny)) - int(at_exact / (g.nx * g.ny));
  MESSAGE("peak model ", c[at], " exact ", peak_exact, " offset cells ", di, " ", dj, " ", dk,
          "; sigma_x model ", sig_model, " exact ", sig_exact);
  CHECK(std::abs(di) <= 1);
  CHECK(std::abs(dj) <= 1);
  CHECK(std::abs(dk) <= 1);
  CHECK(std::abs(c[at] / peak_exact - 1) < 0.05);
  CHECK(std::abs(sig_model / sig_exact - 1) < 0.05);
}

TEST_CASE("steady continuous point source: centreline within 5 % beyond 5 cells") {
  // Cell Peclet number u dx / K = 1. The leading spatial error of any
  // second-order scheme here is the lattice heat kernel's excess peak,
  // about dx^2 / (4 sigma^2) with sigma^2 = 2 K x / u (the plume's crosswind
  // variance): ~2 % at 6 cells for Pe = 1, so 5 % is a real bound.
  const double dx = 5, u = 1, K = 5, Q = 1e6;
  TransportConfig cfg = test::box(60, 50, 50, dx, dx, dx, LateralBoundary::open);
  const Grid& g = cfg.grid;
  const int is = 8, js = 25, ks = 25;  // walls > 2.5 sigma from the centreline at 200 m
  auto solver = make_solver(BackendChoice::cpu, cfg);
  solver->set_met(uniform_met(g, u, 0, 0, K, K));
  solver->set_emissions({{g.index(is, js, ks), 0, Q}});
  solver->advance(600.0);  // > 2 transit times to the last compared cell
  const auto c = solver->concentration(0);
  double worst = 0, far = 0;
  for (int i = is + 6; i < is + 41; ++i) {
    const double ce =
        test::continuous_point(Q, u, K, g.x_centre(is), g.y_centre(js), g.z_centre(ks),
                               g.x_centre(i), g.y_centre(js), g.z_centre(ks));
    const double err = std::abs(c[g.index(i, js, ks)] / ce - 1);
    worst = std::max(worst, err);
    far = err;
  }
  MESSAGE("centreline relative error: worst over 6..40 cells downwind ", worst, ", at 40 cells ",
          far);
  CHECK(worst < 0.05);
  CHECK(far < 0.01);
}
