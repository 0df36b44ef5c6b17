// The wind at a puff's centre (kernels/puff_wind.hpp): a field linear in x,
// y and z on the C-grid faces is reproduced exactly inside the band of
// faces and centres, and clamped (not extrapolated) beyond it.
#include <doctest/doctest.h>

#include <vector>

#include "kernels/puff_wind.hpp"

using namespace airshed::kernels;

TEST_CASE("puff wind: linear fields on the faces are interpolated exactly, clamped outside") {
  const int nx = 6, ny = 4, nz = 3;
  const float dx = 100, dy = 50;
  const std::vector<float> dz{10, 20, 40}, dzc{5, 15, 30, 20};
  const GridView g{nx, ny, nz, dx, dy, dz.data(), dzc.data()};
  const double zc[3] = {5, 20, 50};
  // u = 1 + 0.01 x + 0.02 y + 0.05 z on x faces (x = f dx, y = (j + 0.5) dy);
  // v = -2 + 0.03 x - 0.01 y + 0.02 z on y faces.
  std::vector<float> u(std::size_t(nx + 1) * ny * nz), v(std::size_t(nx) * (ny + 1) * nz);
  auto fu = [](double x, double y, double z) { return 1 + 0.01 * x + 0.02 * y + 0.05 * z; };
  auto fv = [](double x, double y, double z) { return -2 + 0.03 * x - 0.01 * y + 0.02 * z; };
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int f = 0; f <= nx; ++f) u[g.xface(f, j, k)] = float(fu(f * dx, (j + 0.5) * dy, zc[k]));
  for (int k = 0; k < nz; ++k)
    for (int f = 0; f <= ny; ++f)
      for (int i = 0; i < nx; ++i) v[g.yface(i, f, k)] = float(fv((i + 0.5) * dx, f * dy, zc[k]));
  const MetView m{u.data(), v.data(), nullptr, nullptr, nullptr};
  for (double x : {0.0, 123.0, 349.9, 600.0})
    for (double y : {25.0, 61.0, 175.0})
      for (double z : {5.0, 12.5, 33.0, 50.0}) {
        const PuffWind w = puff_wind(g, m, x, y, z);
        CAPTURE(x);
        CAPTURE(y);
        CAPTURE(z);
        // float storage of the face values: relative 1e-6.
        CHECK(w.u == doctest::Approx(fu(x, y, z)).epsilon(1e-6));
        if (x >= 50 && x <= 550) CHECK(w.v == doctest::Approx(fv(x, y, z)).epsilon(1e-6));
      }
  // Below the first centre, above the last and beyond the lateral faces:
  // the nearest band value.
  CHECK(puff_wind(g, m, 123, 61, 1).u == doctest::Approx(fu(123, 61, 5)).epsilon(1e-6));
  CHECK(puff_wind(g, m, 123, 61, 500).u == doctest::Approx(fu(123, 61, 50)).epsilon(1e-6));
  CHECK(puff_wind(g, m, -40, 61, 20).u == doctest::Approx(fu(0, 61, 20)).epsilon(1e-6));
  CHECK(puff_wind(g, m, 123, 500, 20).v == doctest::Approx(fv(123, 200, 20)).epsilon(1e-6));
}
