// Constant-K diffusion of a Gaussian: variance grows as sigma0^2 + 2 K t
// (numerics.md test 4), for the explicit horizontal and the implicit
// vertical operator.
#include <doctest/doctest.h>

#include <cmath>

#include "case_builders.hpp"
#include "host/solver/transport_solver.hpp"

using namespace airshed;

namespace {
// Variance about the mean of a 1D profile (cell centres, weights = mass).
double variance(const std::vector<double>& pos, const std::vector<double>& mass) {
  double m = 0, mx = 0, mxx = 0;
  for (std::size_t n = 0; n < pos.size(); ++n) {
    m += mass[n];
    mx += mass[n] * pos[n];
  }
  const double mean = mx / m;
  for (std::size_t n = 0; n < pos.size(); ++n) mxx += mass[n] * (pos[n] - mean) * (pos[n] - mean);
  return mxx / m;
}
}  // namespace

TEST_CASE("horizontal diffusion: sigma^2 = sigma0^2 + 2 K t within 1 %") {
  const int n = 200;
  const double dx = 5.0, K = 10.0, s0 = 20.0, T = 600.0;
  TransportConfig cfg = test::box(n, 1, 1, dx, dx, 10.0, LateralBoundary::closed);
  auto solver = make_solver(BackendChoice::cpu, cfg);
  solver->set_met(uniform_met(cfg.grid, 0, 0, 0, K, 0));
  std::vector<float> c(n);
  std::vector<double> pos(n), mass(n);
  for (int i = 0; i < n; ++i) {
    pos[i] = (i + 0.5) * dx - 0.5 * n * dx;
    c[i] = float(std::exp(-pos[i] * pos[i] / (2 * s0 * s0)));
  }
  solver->set_concentration(0, c);
  for (int i = 0; i < n; ++i) mass[i] = c[i];
  const double var0 = variance(pos, mass);
  solver->advance(T);
  c = solver->concentration(0);
  for (int i = 0; i < n; ++i) mass[i] = c[i];
  const double growth = variance(pos, mass) - var0, exact = 2 * K * T;
  MESSAGE("variance growth ", growth, " exact ", exact, " rel err ", growth / exact - 1);
  CHECK(std::abs(growth / exact - 1) < 0.01);
}

TEST_CASE("vertical implicit diffusion: sigma^2 = sigma0^2 + 2 K t within 1 %") {
  const int nz = 120;
  const double dz = 8.0, K = 5.0, s0 = 25.0, T = 900.0, zc = 480.0;  // walls > 4 sigma away
  TransportConfig cfg = test::box(1, 1, nz, 10.0, 10.0, dz, LateralBoundary::closed);
  auto solver = make_solver(BackendChoice::cpu, cfg);
  solver->set_met(uniform_met(cfg.grid, 0, 0, 0, 0, K));
  std::vector<float> c(nz);
  std::vector<double> pos(nz), mass(nz);
  for (int k = 0; k < nz; ++k) {
    pos[k] = cfg.grid.z_centre(k);
    c[k] = float(std::exp(-(pos[k] - zc) * (pos[k] - zc) / (2 * s0 * s0)));
    mass[k] = c[k];
  }
  solver->set_concentration(0, c);
  const double var0 = variance(pos, mass);
  // Vertical diffusion is implicit: no step limit from K, so choose dt = 10 s.
  for (int s = 0; s < 90; ++s) solver->step(T / 90);
  c = solver->concentration(0);
  for (int k = 0; k < nz; ++k) mass[k] = c[k];
  const double growth = variance(pos, mass) - var0, exact = 2 * K * T;
  MESSAGE("variance growth ", growth, " exact ", exact, " rel err ", growth / exact - 1);
  CHECK(std::abs(growth / exact - 1) < 0.01);
}
