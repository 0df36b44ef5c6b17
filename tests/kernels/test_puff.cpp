// Gaussian puffs of the plume-in-grid treatment (kernels/puff.hpp,
// kernels/puff_handoff.hpp) against the analytic Gaussian plume, the
// reflecting slab, and exact mass bookkeeping through the hand-off.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "kernels/puff.hpp"
#include "kernels/puff_handoff.hpp"

using namespace airshed::kernels;

namespace {
constexpr double pi = 3.141592653589793;

// Steady continuous point source Q (mass/s) at height H in a uniform wind
// u along x, with ground reflection (e.g. Seinfeld & Pandis 2006, eq. 18.57
// with sigma(x) any spread law): C = Q / (2 pi u sy sz) exp(-y^2 / 2 sy^2)
// [exp(-(z - H)^2 / 2 sz^2) + exp(-(z + H)^2 / 2 sz^2)].
double gaussian_plume(double q, double u, double sy, double sz, double y, double z, double H) {
  return q / (2 * pi * u * sy * sz) * std::exp(-y * y / (2 * sy * sy)) *
         (std::exp(-(z - H) * (z - H) / (2 * sz * sz)) +
          std::exp(-(z + H) * (z + H) / (2 * sz * sz)));
}
}  // namespace

TEST_CASE("puffs released continuously reproduce the Gaussian plume with ground reflection") {
  // u = 5 m/s, sigma_v = sigma_w = 0.5 m/s (constant turbulence, Draxler's
  // growth laws), release at 10 m, 4 puffs per 1 s step for 1500 s, so the
  // plume is steady out past 2 km (travel time 400 s).
  const double u = 5, q = 2.0, H = 10, dt = 1, h = 1e5;
  PuffTurbulence turb;
  turb.sigma_v = 0.5;
  turb.sigma_w = 0.5;
  constexpr int per_step = 4;
  std::vector<Puff> puffs;
  for (int step = 0; step < 1500; ++step) {
    for (Puff& p : puffs) advance_puff(p, u, 0, turb, dt);
    for (int r = 0; r < per_step; ++r) {
      Puff p;
      p.rise.base = p.z = H;
      // Released at (r + 0.5) / per_step of the step: carried the rest of it.
      advance_puff(p, u, 0, turb, dt * (1 - (r + 0.5) / per_step));
      puffs.push_back(p);
    }
  }
  const double mass = q * dt / per_step;
  for (double x : {100.0, 200.0, 500.0, 1000.0, 2000.0}) {
    const double t = x / u;
    const double sy = turb.sigma_v * t * draxler_fy(t);
    const double sz = turb.sigma_w * t * draxler_fz(t, false);
    for (double y : {0.0, sy}) {
      double c = 0;
      for (const Puff& p : puffs) c += puff_concentration(p, mass, x, y, 0, h);
      CAPTURE(x);
      CAPTURE(y);
      CHECK(c / gaussian_plume(q, u, sy, sz, y, 0, H) == doctest::Approx(1).epsilon(0.02));
    }
  }
}

TEST_CASE("the reflecting slab keeps the puff's mass, and turns well mixed continuously") {
  const double h = 1000;
  for (double H : {0.0, 300.0, 900.0})
    for (double sz : {50.0, 500.0, 1000.0, 1599.0, 1601.0, 5000.0}) {
      CAPTURE(H);
      CAPTURE(sz);
      CHECK(puff_vertical_fraction(0, h, H, sz, h) == doctest::Approx(1).epsilon(1e-9));
      // Midpoint rule for the same integral of the density.
      double sum = 0;
      const int n = 4000;
      for (int i = 0; i < n; ++i) sum += puff_vertical_density((i + 0.5) * h / n, H, sz, h);
      CHECK(sum * h / n == doctest::Approx(1).epsilon(1e-5));
    }
  // At sz = 1.6 h the image sum already equals the well-mixed 1/h to 1e-4.
  CHECK(puff_vertical_density(0, 300, 1.6 * h * (1 - 1e-9), h) * h ==
        doctest::Approx(1).epsilon(1e-4));
  // A ground release far below h: the reflection doubles the Gaussian.
  CHECK(puff_vertical_density(0, 0, 10, h) == doctest::Approx(2 / (std::sqrt(2 * pi) * 10)));
}

TEST_CASE("hand-off puts exactly the puff's mass on the grid, Gaussian-shaped") {
  // 30 x 20 cells of 100 m, 8 stretched levels to 1600 m.
  const std::vector<double> zf{0, 20, 50, 100, 200, 400, 700, 1100, 1600};
  const PuffGridView g{30, 20, 8, 100, 100, zf.data()};
  const std::size_t stride = std::size_t(g.nx) * g.ny * g.nz;
  const double h = 800;
  auto grid_mass = [&](const std::vector<double>& c, int s) {
    double m = 0;
    for (int k = 0; k < g.nz; ++k)
      for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i)
          m += c[s * stride + (std::size_t(k) * g.ny + j) * g.nx + i] * g.dx * g.dy *
               (zf[k + 1] - zf[k]);
    return m;
  };
  struct Case {
    double x, y, z, sy, sz;
  };
  // Inside, at a corner (window clipped), above h, a point, a very wide one.
  for (const Case& k :
       {Case{1500, 1000, 150, 60, 40}, Case{30, 1960, 10, 250, 300}, Case{1234, 567, 1000, 80, 50},
        Case{1550, 1050, 75, 0, 0}, Case{1500, 1000, 300, 4000, 2000}}) {
    Puff p;
    p.x = k.x;
    p.y = k.y;
    p.z = k.z;
    p.sy = k.sy;
    p.sz = k.sz;
    const double mass[2] = {3.7, 1e-6};
    std::vector<double> c(2 * stride, 0.0);
    const double used = handoff_puff(p, mass, 2, g, h, c.data(), stride);
    CAPTURE(k.x);
    CHECK(used == doctest::Approx(1).epsilon(1e-12));
    CHECK(std::abs(grid_mass(c, 0) / mass[0] - 1) < 1e-12);
    CHECK(std::abs(grid_mass(c, 1) / mass[1] - 1) < 1e-12);
  }
  // A puff wide against the cells: the ground-layer cell averages equal the
  // puff's own concentration at the cell centre to the cell-average error
  // of a Gaussian, about dx^2 / (24 sigma^2) = 0.3 % at sigma = 3 dx.
  Puff p;
  p.x = 1500;
  p.y = 1000;
  p.z = 100;
  p.sy = 300;
  p.sz = 200;
  const double m = 1.0;
  std::vector<double> c(stride, 0.0);
  handoff_puff(p, &m, 1, g, h, c.data(), stride);
  for (int i : {10, 15, 18}) {
    const double xc = (i + 0.5) * g.dx, yc = 10.5 * g.dy;
    // The layer average of the reflected profile over 0-20 m, as the grid holds it.
    const double layer = puff_vertical_fraction(0, 20, p.z, p.sz, h) / 20;
    const double point =
        puff_concentration(p, m, xc, yc, 0, h) / puff_vertical_density(0, p.z, p.sz, h) * layer;
    CHECK(c[(std::size_t(0) * g.ny + 10) * g.nx + i] == doctest::Approx(point).epsilon(0.01));
  }
}

TEST_CASE("puffs + grid + outflow conserve the released mass through hand-off") {
  // A 3 km x 2 km grid of 100 m cells; wind 4 m/s at 20 degrees; a puff of
  // two species released every 10 s at (300 m, 500 m, 80 m), grown by
  // neutral turbulence; each puff handed to the grid once sigma_h >= dx/2
  // or its age reaches 400 s; a puff whose centre leaves the grid is
  // outflow.
  const std::vector<double> zf{0, 20, 50, 100, 200, 400, 700, 1100, 1600};
  const PuffGridView g{30, 20, 8, 100, 100, zf.data()};
  const std::size_t stride = std::size_t(g.nx) * g.ny * g.nz;
  const double u = 4 * std::cos(0.349), v = 4 * std::sin(0.349), h = 700, dt = 10;
  const PuffTurbulence turb = hanna_turbulence(0.4, 0, 1e9, h, 80);
  const double rate[2] = {1.3, 0.02};  // mass per release
  std::vector<Puff> puffs;
  std::vector<double> c(2 * stride, 0.0);
  double released[2] = {0, 0}, out[2] = {0, 0};
  int handed = 0;
  for (int step = 0; step < 200; ++step) {
    Puff p;
    p.x = 300;
    p.y = 500;
    p.z = p.rise.base = 80;
    puffs.push_back(p);
    for (int s = 0; s < 2; ++s) released[s] += rate[s];
    std::vector<Puff> kept;
    for (Puff& q : puffs) {
      advance_puff(q, u, v, turb, dt);
      if (q.x < 0 || q.y < 0 || q.x >= g.nx * g.dx || q.y >= g.ny * g.dy) {
        for (int s = 0; s < 2; ++s) out[s] += rate[s];
      } else if (puff_ready_for_grid(q, g.dx, g.dy, 0.5, 400)) {
        handoff_puff(q, rate, 2, g, h, c.data(), stride);
        ++handed;
      } else {
        kept.push_back(q);
      }
    }
    puffs.swap(kept);
  }
  CHECK(handed > 100);
  CHECK(!puffs.empty());
  for (int s = 0; s < 2; ++s) {
    double grid = 0;
    for (int k = 0; k < g.nz; ++k)
      for (std::size_t col = 0; col < std::size_t(g.nx) * g.ny; ++col)
        grid +=
            c[s * stride + k * std::size_t(g.nx) * g.ny + col] * g.dx * g.dy * (zf[k + 1] - zf[k]);
    const double in_puffs = rate[s] * double(puffs.size());
    CHECK(std::abs((in_puffs + grid + out[s]) / released[s] - 1) < 1e-9);
  }
}

TEST_CASE("Hanna's turbulence and the puff's gradual rise") {
  // Stable/neutral: 1.3 u* (1 - z/h); unstable sigma_w in the middle of the
  // mixed layer 0.722 w* (1 - 0.5)^0.207, sigma_v = u* (12 + 0.5 h/|L|)^(1/3).
  const PuffTurbulence n = hanna_turbulence(0.5, 0, 1e9, 1000, 250);
  CHECK(n.stable);
  CHECK(n.sigma_w == doctest::Approx(1.3 * 0.5 * 0.75));
  const PuffTurbulence c = hanna_turbulence(0.3, 2.0, -20, 1000, 500);
  CHECK_FALSE(c.stable);
  CHECK(c.sigma_w == doctest::Approx(0.722 * 2.0 * std::pow(0.5, 0.207)));
  CHECK(c.sigma_v == doctest::Approx(0.3 * std::cbrt(12 + 25.0)));
  // A buoyant puff rises by the 2/3 law to its final rise and no further;
  // its spreads include the buoyancy-induced dh / 3.5.
  Puff p;
  p.rise = PuffRise{100, 1.6 * std::cbrt(88.531) / 5, 2.0 / 3, 114.05};
  p.z = 100;
  advance_puff(p, 5, 0, PuffTurbulence{}, 20);  // 100 m travelled
  CHECK(p.z - 100 == doctest::Approx(30.73).epsilon(1e-3));
  CHECK(puff_sigma_z(p) == doctest::Approx(30.73 / 3.5).epsilon(1e-3));
  advance_puff(p, 5, 0, PuffTurbulence{}, 200);
  CHECK(p.z == doctest::Approx(214.05));
}
