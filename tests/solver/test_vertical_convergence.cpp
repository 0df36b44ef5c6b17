// Convergence of the vertical operators on uniform and on smoothly
// stretched levels (numerics.md): the measured orders are printed and held
// to bounds below what the schemes give in theory.
//  - Implicit diffusion of a cosine mode between a closed ground and lid:
//    c = 1 + A cos(pi z / H) exp(-K pi^2 t / H^2) is exact. Backward Euler is
//    first order in dt and the flux form second order in dz; with dt scaled
//    as dz^2 the error must fall as dz^2 (order 2).
//  - Limited advection of a Gaussian by a uniform updraft: MUSCL with the
//    MC limiter is second order on smooth data and loses some of that at
//    the extremum the limiter clips (the horizontal test measures ~1.8 in
//    L1); the bound is 1.8 between the finer pair of resolutions, and on
//    stretched levels 1.4 between the coarser pair, where the pulse spans
//    only about three of the upper, thicker levels (measured: 1.53).
// Stretched levels: z(xi) = H (e^{a xi} - 1) / (e^a - 1) for xi uniform in
// [0, 1], so refining xi keeps the thickness ratio of neighbours -> 1
// (a fixed geometric ratio would not converge to a smooth mapping).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "case_builders.hpp"
#include "host/solver/transport_solver.hpp"

using namespace airshed;

namespace {

constexpr double pi = 3.14159265358979323846;

std::vector<double> levels(int nz, double H, double a) {
  std::vector<double> z(nz + 1);
  for (int k = 0; k <= nz; ++k) {
    const double xi = double(k) / nz;
    z[k] = a == 0 ? H * xi : H * std::expm1(a * xi) / std::expm1(a);
  }
  z[nz] = H;
  return z;
}

TransportConfig column(const std::vector<double>& z) {
  TransportConfig cfg = test::box(2, 2, int(z.size()) - 1, 100.0, 100.0, 1.0,
                                  LateralBoundary::periodic, TopBoundary::closed);
  cfg.grid.z_faces = z;
  return cfg;
}

// L1 error (per metre of column) of the solver's column against the cell
// averages of `exact`, whose antiderivative is `primitive`.
template <class Primitive>
double l1_error(const Grid& g, const std::vector<float>& c, Primitive primitive) {
  double e = 0;
  for (int k = 0; k < g.nz; ++k) {
    const double z0 = g.z_faces[k], z1 = g.z_faces[k + 1];
    const double mean = (primitive(z1) - primitive(z0)) / (z1 - z0);
    e += std::abs(c[g.index(0, 0, k)] - mean) * (z1 - z0);
  }
  return e / g.top();
}

double diffusion_error(int nz, double a) {
  const double H = 1000, K = 10, A = 1.0, T = 5000;
  TransportConfig cfg = column(levels(nz, H, a));
  const Grid& g = cfg.grid;
  auto solver = make_solver(BackendChoice::cpu, cfg);
  solver->set_met(uniform_met(g, 0, 0, 0, 0, K));
  auto primitive0 = [&](double z) { return z + A * H / pi * std::sin(pi * z / H); };
  std::vector<float> c0(g.cells());
  for (int k = 0; k < g.nz; ++k) {
    const double z0 = g.z_faces[k], z1 = g.z_faces[k + 1];
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i)
        c0[g.index(i, j, k)] = float((primitive0(z1) - primitive0(z0)) / (z1 - z0));
  }
  solver->set_concentration(0, c0);
  const long steps = 32L * (nz / 8) * (nz / 8);  // dt ~ dz^2, at most 156 s
  for (long s = 0; s < steps; ++s) solver->step(T / double(steps));
  const double decay = std::exp(-K * pi * pi * T / (H * H));
  return l1_error(g, solver->concentration(0),
                  [&](double z) { return z + A * decay * H / pi * std::sin(pi * z / H); });
}

double advection_error(int nz, double a) {
  const double H = 3000, w = 1.0, T = 1000, z0 = 800, s = 100;
  TransportConfig cfg = column(levels(nz, H, a));
  const Grid& g = cfg.grid;
  auto solver = make_solver(BackendChoice::cpu, cfg);
  solver->set_met(uniform_met(g, 0, 0, w, 0, 0));
  // Cell averages of exp(-(z - zc)^2 / (2 s^2)) through erf.
  auto primitive = [&](double zc) {
    return
        [=](double z) { return s * std::sqrt(pi / 2) * std::erf((z - zc) / (std::sqrt(2.0) * s)); };
  };
  std::vector<float> c0(g.cells());
  const auto p0 = primitive(z0);
  for (int k = 0; k < g.nz; ++k) {
    const double za = g.z_faces[k], zb = g.z_faces[k + 1];
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) c0[g.index(i, j, k)] = float((p0(zb) - p0(za)) / (zb - za));
  }
  solver->set_concentration(0, c0);
  solver->advance(T);
  return l1_error(g, solver->concentration(0), primitive(z0 + w * T));
}

template <class Error>
void check_orders(const std::string& what, Error error, int n0, double min_coarse, double min_fine,
                  double max_error) {
  const double e1 = error(n0), e2 = error(2 * n0), e3 = error(4 * n0);
  const double p1 = std::log2(e1 / e2), p2 = std::log2(e2 / e3);
  MESSAGE(what, ": L1 errors ", e1, " ", e2, " ", e3, ", orders ", p1, " ", p2);
  CHECK(p1 >= min_coarse);
  CHECK(p2 >= min_fine);
  CHECK(e3 < max_error);
}

}  // namespace

TEST_CASE("vertical diffusion of a cosine mode: second order on uniform and stretched levels") {
  check_orders(
      "diffusion, uniform", [](int n) { return diffusion_error(n, 0.0); }, 8, 1.8, 1.8, 1e-3);
  check_orders(
      "diffusion, stretched (a = 1.5)", [](int n) { return diffusion_error(n, 1.5); }, 8, 1.8, 1.8,
      1e-3);
}

TEST_CASE("vertical advection of a Gaussian: second order on uniform and stretched levels") {
  check_orders(
      "advection, uniform", [](int n) { return advection_error(n, 0.0); }, 64, 1.8, 1.8, 2e-3);
  check_orders(
      "advection, stretched (a = 1.5)", [](int n) { return advection_error(n, 1.5); }, 64, 1.4, 1.8,
      2e-3);
}
