// Exact solutions of the advection-diffusion equation with constant u and K
// (Seinfeld & Pandis, "Atmospheric Chemistry and Physics", 3rd ed., 2016,
// sect. 18.4-18.6), with an image source for a reflecting ground.
#pragma once

#include <cmath>

namespace airshed::test {

constexpr double pi = 3.14159265358979323846;

// Instantaneous release of mass M at (x0, y0, H), time t after release.
inline double puff(double M, double u, double kh, double kz, double x0, double y0, double H,
                   double t, double x, double y, double z) {
  const double sx = 2 * kh * t, sz = 2 * kz * t;  // sigma^2
  const double horiz =
      std::exp(-((x - x0 - u * t) * (x - x0 - u * t) + (y - y0) * (y - y0)) / (2 * sx));
  const double vert =
      std::exp(-(z - H) * (z - H) / (2 * sz)) + std::exp(-(z + H) * (z + H) / (2 * sz));
  return M / (std::pow(2 * pi, 1.5) * sx * std::sqrt(sz)) * horiz * vert;
}

// Steady continuous point source Q at (xs, ys, H) with isotropic K
// (diffusion along the wind included): C = Q / (4 pi K r) exp(-u (r - dx) / 2K),
// plus the ground image at -H.
inline double continuous_point(double Q, double u, double K, double xs, double ys, double H,
                               double x, double y, double z) {
  auto one = [&](double zs) {
    const double dx = x - xs, dy = y - ys, dz = z - zs, r = std::sqrt(dx * dx + dy * dy + dz * dz);
    return Q / (4 * pi * K * r) * std::exp(-u * (r - dx) / (2 * K));
  };
  return one(H) + one(-H);
}

// continuous_point for a source spread uniformly over the cube of side h
// centred at (xs, ys, H), averaged over the cube of side h centred at
// (x, y, z): 3-point Gauss-Legendre per axis for both cubes.
inline double continuous_cell_average(double Q, double u, double K, double xs, double ys, double H,
                                      double x, double y, double z, double h) {
  const double node[3] = {-std::sqrt(0.6) * h / 2, 0.0, std::sqrt(0.6) * h / 2};
  const double weight[3] = {5.0 / 18, 8.0 / 18, 5.0 / 18};
  double sum = 0;
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b)
      for (int c = 0; c < 3; ++c) {
        const double ws = weight[a] * weight[b] * weight[c];
        for (int d = 0; d < 3; ++d)
          for (int e = 0; e < 3; ++e)
            for (int f = 0; f < 3; ++f)
              sum += ws * weight[d] * weight[e] * weight[f] *
                     continuous_point(Q, u, K, xs + node[a], ys + node[b], H + node[c], x + node[d],
                                      y + node[e], z + node[f]);
      }
  return sum;
}

}  // namespace airshed::test
