// Gaussian puffs of the plume-in-grid treatment (docs/numerics.md,
// "Plume-in-grid"): one puff's state, its growth from the boundary-layer
// turbulence, its motion and gradual rise, and the concentration it puts
// at a point. Pure AIRSHED_HD functions of plain values, the same
// arithmetic on every backend; the host owns the puff list and its order.
// Float64 throughout: puff mass must hand off to the grid exactly.
#pragma once

#include <cmath>

#include "backend.hpp"

namespace airshed::kernels {

// Gradual rise of the puff centre above its release height along its path:
// min(coef * s^power, final_rise), s the distance travelled (Briggs' 2/3
// law for buoyant plumes, 1/3 law for jets: host/emissions/plume_rise.hpp).
struct PuffRise {
  double base = 0;  // release (stack top) height above ground, m
  double coef = 0;  // m^(1 - power)
  double power = 2.0 / 3;
  double final_rise = 0;  // m
};

struct Puff {
  double x = 0, y = 0;    // centre in grid coordinates, m
  double z = 0;           // centre height above ground, m
  double sy = 0, sz = 0;  // turbulent spreads, m (along-wind sigma_x = sigma_y)
  double age = 0;         // s since release
  double travel = 0;      // m travelled
  PuffRise rise;
};

// Turbulence at the puff centre.
struct PuffTurbulence {
  double sigma_v = 0;  // m/s, lateral velocity standard deviation
  double sigma_w = 0;  // m/s, vertical
  bool stable = false;
};

AIRSHED_HD inline double puff_rise(const PuffRise& r, double travel) {
  if (travel <= 0 || r.final_rise <= 0) return 0;
  const double dh = r.coef * ::pow(travel, r.power);
  return dh < r.final_rise ? dh : r.final_rise;
}

// Velocity standard deviations from the similarity scales (Hanna 1982,
// "Applications in air pollution modeling", in Atmospheric Turbulence and
// Air Pollution Modelling, Nieuwstadt & van Dop eds., Reidel, 275-310;
// the set HYSPLIT and CALPUFF use):
//   unstable (L < 0, w* > 0): sigma_v = u* (12 + 0.5 h/|L|)^(1/3),
//     sigma_w = 0.96 w* (3 z/h - L/h)^(1/3)                 z/h < 0.03
//             = min(0.96 w* (3 z/h - L/h)^(1/3), 0.763 w* (z/h)^0.175)   < 0.4
//             = 0.722 w* (1 - z/h)^0.207                    < 0.96
//             = 0.37 w*                                     above;
//   neutral and stable: sigma_v = sigma_w = 1.3 u* (1 - z/h).
// Above the mixed layer the turbulence of its top is kept as a floor
// (a puff there grows slowly, as in a residual layer).
// The mixing height h must be positive.
AIRSHED_HD inline PuffTurbulence hanna_turbulence(double u_star, double w_star, double L, double h,
                                                  double z) {
  PuffTurbulence t;
  double zh = h > 0 ? z / h : 1;
  if (zh < 0) zh = 0;
  if (zh > 0.99) zh = 0.99;
  if (L < 0 && w_star > 0) {
    t.sigma_v = u_star * ::cbrt(12 + 0.5 * h / -L);
    const double lower = 0.96 * w_star * ::cbrt(3 * zh - L / h);
    if (zh < 0.03)
      t.sigma_w = lower;
    else if (zh < 0.4) {
      const double mid = 0.763 * w_star * ::pow(zh, 0.175);
      t.sigma_w = lower < mid ? lower : mid;
    } else if (zh < 0.96)
      t.sigma_w = 0.722 * w_star * ::pow(1 - zh, 0.207);
    else
      t.sigma_w = 0.37 * w_star;
  } else {
    t.stable = true;
    t.sigma_v = t.sigma_w = 1.3 * u_star * (1 - zh);
  }
  return t;
}

// Draxler (1976, "Determination of atmospheric diffusion parameters",
// Atmos. Environ. 10, 99-105) time functions, as in Hanna, Briggs & Hosker
// (1982, Handbook on Atmospheric Diffusion, DOE/TIC-11223, sec. 4):
//   sigma_y = sigma_v t f_y,  f_y = 1 / (1 + 0.9 (t / 1000 s)^(1/2));
//   sigma_z = sigma_w t f_z,  f_z = 1 / (1 + 0.9 (t / 500 s)^(1/2))   unstable/neutral,
//                             f_z = 1 / (1 + 0.945 (t / 100 s)^0.806) stable.
AIRSHED_HD inline double draxler_fy(double t) { return 1 / (1 + 0.9 * ::sqrt(t / 1000)); }
AIRSHED_HD inline double draxler_fz(double t, bool stable) {
  return stable ? 1 / (1 + 0.945 * ::pow(t / 100, 0.806)) : 1 / (1 + 0.9 * ::sqrt(t / 500));
}

// One step dt of a puff in the wind (u, v) at its centre and the
// turbulence there. The spreads follow Draxler's laws of the puff's age
// under the present turbulence and never shrink (so a puff carried into
// calmer air keeps the size it had).
AIRSHED_HD inline void advance_puff(Puff& p, double u, double v, const PuffTurbulence& t,
                                    double dt) {
  p.x += u * dt;
  p.y += v * dt;
  p.travel += ::sqrt(u * u + v * v) * dt;
  p.age += dt;
  const double sy = t.sigma_v * p.age * draxler_fy(p.age);
  const double sz = t.sigma_w * p.age * draxler_fz(p.age, t.stable);
  if (sy > p.sy) p.sy = sy;
  if (sz > p.sz) p.sz = sz;
  p.z = p.rise.base + puff_rise(p.rise, p.travel);
}

// Spreads including buoyancy-induced dispersion (Pasquill 1976, EPA-600/
// 4-76-030b; ISC3 vol. II sec. 1.1.5.4): sigma_e^2 = sigma^2 + (dh / 3.5)^2.
AIRSHED_HD inline double puff_sigma_h(const Puff& p) {
  const double b = puff_rise(p.rise, p.travel) / 3.5;
  return ::sqrt(p.sy * p.sy + b * b);
}
AIRSHED_HD inline double puff_sigma_z(const Puff& p) {
  const double b = puff_rise(p.rise, p.travel) / 3.5;
  return ::sqrt(p.sz * p.sz + b * b);
}

// The image sources of the reflecting slab [0, h] (Gaussian reflected at
// the ground and the mixing height; e.g. ISC3 vol. II eq. 1-50): centres
// 2 n h +- H for n = -5..5 (the truncation leaves < 1e-9 of the mass
// up to the well-mixed switch below). A puff above the mixed layer is
// reflected at the ground only.
constexpr int puff_images = 5;

// Vertical probability density (1/m) at height z of a puff centred at H
// with spread sz, reflected as above; once sz >= 1.6 h the slab is taken
// as well mixed, 1/h (ISC3 vol. II sec. 1.1.5.6).
AIRSHED_HD inline double puff_vertical_density(double z, double H, double sz, double h) {
  constexpr double sqrt_2pi = 2.5066282746310002;
  if (sz <= 0) return 0;
  const bool capped = H < h;
  if (capped && sz >= 1.6 * h) return z <= h ? 1 / h : 0;
  if (capped && z > h) return 0;
  const double a = 0.5 / (sz * sz);
  double sum = 0;
  if (!capped) {
    sum = ::exp(-(z - H) * (z - H) * a) + ::exp(-(z + H) * (z + H) * a);
  } else {
    for (int n = -puff_images; n <= puff_images; ++n) {
      const double up = 2 * n * h + H, down = 2 * n * h - H;
      sum += ::exp(-(z - up) * (z - up) * a) + ::exp(-(z - down) * (z - down) * a);
    }
  }
  return sum / (sqrt_2pi * sz);
}

// Share of a Gaussian centred at c with 1 / (sqrt(2) sigma) = r in [a, b].
AIRSHED_HD inline double gaussian_share(double a, double b, double c, double r) {
  return 0.5 * (::erf((b - c) * r) - ::erf((a - c) * r));
}

// Fraction of that density between z0 and z1 (the erf integral of each
// image; the well-mixed slab's share of its depth).
AIRSHED_HD inline double puff_vertical_fraction(double z0, double z1, double H, double sz,
                                                double h) {
  const bool capped = H < h;
  if (capped) {
    if (z0 > h) return 0;
    if (z1 > h) z1 = h;
  }
  if (sz <= 0) return H >= z0 && H < z1 ? 1 : 0;
  if (capped && sz >= 1.6 * h) return (z1 - z0) / h;
  const double r = 1 / (1.4142135623730951 * sz);
  if (!capped) return gaussian_share(z0, z1, H, r) + gaussian_share(z0, z1, -H, r);
  double sum = 0;
  for (int n = -puff_images; n <= puff_images; ++n)
    sum += gaussian_share(z0, z1, 2 * n * h + H, r) + gaussian_share(z0, z1, 2 * n * h - H, r);
  return sum;
}

// Concentration (mass per m^3) of a puff of `mass` at (xr, yr, zr), h the
// mixing height at the puff: M / (2 pi sigma_h^2) exp(-r^2 / (2 sigma_h^2))
// times the vertical density (sigma_x = sigma_y).
AIRSHED_HD inline double puff_concentration(const Puff& p, double mass, double xr, double yr,
                                            double zr, double h) {
  constexpr double two_pi = 6.283185307179586;
  const double s = puff_sigma_h(p);
  if (s <= 0) return 0;
  const double dx = xr - p.x, dy = yr - p.y;
  return mass * ::exp(-(dx * dx + dy * dy) / (2 * s * s)) / (two_pi * s * s) *
         puff_vertical_density(zr, p.z, puff_sigma_z(p), h);
}

}  // namespace airshed::kernels
