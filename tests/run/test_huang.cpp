// Validation against the analytic crosswind-integrated concentration from a
// continuous ground-level source in a power-law wind and diffusivity
// (Roberts 1923; Huang 1979, "A theory of dispersion in turbulent shear
// flow", Atmos. Environ. 13, 453-463).
//
// With u = a z^p and K_z = b z^n, the steady equation
//     a z^p dC/dx = d/dz (b z^n dC/dz),  flux  ∫ a z^p C dz = Q  at every x,
// has the solution (alpha = 2 + p - n, s = (1 + p) / alpha,
// lambda = a / (alpha^2 b x)):
//     C(x, z) = alpha Q / (a Gamma(s)) * lambda^s * exp(-lambda z^alpha).
// Check of the flux: ∫0^inf z^p exp(-lambda z^alpha) dz = Gamma(s) / (alpha lambda^s),
// so a * alpha Q / (a Gamma(s)) * lambda^s * Gamma(s) / (alpha lambda^s) = Q.
// (The prefactor alpha is easily lost: without it the flux is Q / alpha.)
//
// The model runs the same problem in 2D (a line source across a periodic y,
// no horizontal diffusion) to steady state; its ground-layer mean is
// compared with the layer mean of C at five downwind distances.
#include <doctest/doctest.h>

#include <cmath>

#include "host/solver/transport_solver.hpp"

using namespace airshed;

namespace {

constexpr double p = 0.15, n = 0.85;            // power-law exponents of u and K_z
constexpr double a = 3.0 / 1.4125375446227544;  // u(10 m) = 3 m/s: a = 3 / 10^0.15
constexpr double b = 0.1;  // K_z(z) = 0.1 z^0.85 m^2/s (0.7 at 10 m, 5 at 100 m)
constexpr double Q = 1.0;  // source per metre of crosswind line, M/(s m)

double huang(double x, double z) {
  const double alpha = 2 + p - n, s = (1 + p) / alpha;
  const double lambda = a / (alpha * alpha * b * x);
  return alpha * Q / (a * std::tgamma(s)) * std::pow(lambda, s) *
         std::exp(-lambda * std::pow(z, alpha));
}

// Mean of the analytic C over the layer [0, dz] (Simpson, 200 panels).
double layer_mean(double x, double dz) {
  const int m = 200;
  double sum = huang(x, 0) + huang(x, dz);
  for (int i = 1; i < m; ++i) sum += (i % 2 ? 4 : 2) * huang(x, dz * i / m);
  return sum * (dz / m / 3) / dz;
}

}  // namespace

TEST_CASE("flux of the analytic solution is Q at every distance") {
  for (double x : {200.0, 1000.0, 5000.0}) {
    double flux = 0;
    const double dz = 0.01;
    for (double z = 0.5 * dz; z < 2000; z += dz) flux += a * std::pow(z, p) * huang(x, z) * dz;
    CHECK(flux == doctest::Approx(Q).epsilon(1e-3));
  }
}

TEST_CASE("ground source in power-law wind and K: model vs Huang (1979) within 10 %") {
  TransportConfig cfg;
  Grid& g = cfg.grid;
  g.nx = 160, g.ny = 4, g.nz = 30;
  g.dx = 25, g.dy = 25;
  g.z_faces = stretched_levels(30, 2.0, 1.12);  // top ~480 m, far above the plume
  cfg.species = {SpeciesSpec{"tracer", 0, 0, 0}};
  cfg.boundaries = {LateralBoundary::open, LateralBoundary::periodic, TopBoundary::closed};

  MetFields met = uniform_met(g, 0, 0, 0, 0, 0);
  const std::size_t fx = std::size_t(g.nx + 1) * g.ny, col = g.columns();
  for (int k = 0; k < g.nz; ++k)
    for (std::size_t f = 0; f < fx; ++f) met.u[k * fx + f] = float(a * std::pow(g.z_centre(k), p));
  for (int k = 0; k <= g.nz; ++k)
    for (std::size_t c = 0; c < col; ++c)
      met.kz[k * col + c] = float(b * std::pow(g.z_faces[k], n));

  const int i_src = 4;  // source column, centre at x = 112.5 m
  std::vector<CellEmission> e;
  for (int j = 0; j < g.ny; ++j) e.push_back({g.index(i_src, j, 0), 0, Q * g.dy});

  auto solver = make_solver(BackendChoice::cpu, cfg);
  solver->set_met(met);
  solver->set_emissions(e);
  // The slowest near-ground air (2 m/s) crosses 4 km in ~2000 s; 6000 s is steady.
  solver->advance(6000);
  const std::vector<float> c = solver->concentration(0);

  for (double d : {500.0, 1000.0, 1500.0, 2500.0, 3500.0}) {
    const int i = i_src + int(std::lround(d / g.dx));
    double model = 0;
    for (int j = 0; j < g.ny; ++j) model += c[g.index(i, j, 0)] / g.ny;
    const double exact = layer_mean(d, g.dz(0));
    const double err = model / exact - 1;
    MESSAGE("x = " << d << " m: model " << model << ", Huang " << exact << ", error " << 100 * err
                   << " %");
    CHECK(std::abs(err) < 0.10);
  }
}
