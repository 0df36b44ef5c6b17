#include "host/met/similarity.hpp"

#include <algorithm>
#include <cmath>

#include "kernels/similarity_psi.hpp"

namespace airshed::similarity {

// Unstable (zeta < 0): phi_m = (1 - 16 zeta)^(-1/4), phi_h = (1 - 16 zeta)^(-1/2)
// (Businger et al. 1971, J. Atmos. Sci. 28, 181-189, with Dyer 1974,
// Boundary-Layer Meteorol. 7, 363-372, coefficients).
// Stable: phi = 1 + 5 zeta (Dyer 1974) up to zeta = 1, then the "z-less"
// constant 6 that Webb (1970, QJRMS 96, 67-90) found for strong stability;
// the linear form keeps growing without bound and would stall the wind.
double phi_m(double zeta) {
  if (zeta < 0) return std::pow(1 - 16 * zeta, -0.25);
  return zeta <= 1 ? 1 + 5 * zeta : 6.0;
}

double phi_h(double zeta) {
  if (zeta < 0) return std::pow(1 - 16 * zeta, -0.5);
  return zeta <= 1 ? 1 + 5 * zeta : 6.0;
}

// psi_m, psi_h: kernels/similarity_psi.hpp (AIRSHED_HD, shared with the
// deposition resistances of kernels/dry_deposition.hpp).
double psi_m(double zeta) { return kernels::psi_m(zeta); }
double psi_h(double zeta) { return kernels::psi_h(zeta); }

namespace {
// Golder (1972) fit 1/L = a + b log10(z0), classes A..F (Seinfeld & Pandis 2006).
constexpr double golder_a[6] = {-0.096, -0.037, -0.002, 0.0, 0.004, 0.035};
constexpr double golder_b[6] = {0.029, 0.029, 0.018, 0.0, -0.018, -0.036};
}  // namespace

double inverse_obukhov_golder(char c, double z0) {
  const int i = std::clamp(c - 'A', 0, 5);
  return golder_a[i] + golder_b[i] * std::log10(z0);
}

char pasquill_class_from_inverse_obukhov(double inverse_L, double z0) {
  char best = 'D';
  double best_gap = 1e300;
  for (char c = 'A'; c <= 'F'; ++c) {
    const double gap = std::abs(inverse_obukhov_golder(c, z0) - inverse_L);
    if (gap < best_gap) best_gap = gap, best = c;
  }
  return best;
}

double wind_shape(double z, double z0, double inverse_L) {
  if (z <= z0) return 0;
  return std::max(0.0, std::log(z / z0) - psi_m(z * inverse_L));
}

// u(z_ref) = (u*/kappa) (ln(z_ref/z0) - psi_m(z_ref/L))  solved for u*.
double friction_velocity(double u_ref, double z_ref, double z0, double inverse_L) {
  return kappa * u_ref / wind_shape(z_ref, z0, inverse_L);
}

double wind_speed(double z, double u_ref, double z_ref, double z0, double inverse_L, double h) {
  const double z_top = std::max(h, z_ref);
  return u_ref * wind_shape(std::min(z, z_top), z0, inverse_L) / wind_shape(z_ref, z0, inverse_L);
}

double vertical_diffusivity(double z, double ustar, double inverse_L, double h) {
  if (z <= 0 || z >= h) return kz_floor;
  // In convective conditions phi_h is held at its surface-layer top value
  // (z = 0.1 h) above it, as Troen & Mahrt (1986, Boundary-Layer Meteorol.
  // 37, 129-148) do for the velocity scale w_s; otherwise 1/phi_h would keep
  // growing through the mixed layer.
  const double zs = inverse_L < 0 ? std::min(z, 0.1 * h) : z;
  const double one_minus = 1 - z / h;
  // K_z = kappa u* z / phi_h(z/L) (1 - z/h)^2 (Holtslag & Boville 1993, J. Climate 6,
  // 1825-1842; the (1 - z/h)^2 shape from Troen & Mahrt 1986)
  const double k = kappa * ustar * z / phi_h(zs * inverse_L) * one_minus * one_minus;
  return std::max(k, kz_floor);
}

double horizontal_diffusivity(double z, double ustar, double inverse_L, double h) {
  if (z >= h) return kh_floor;
  double k;
  if (inverse_L < 0) {
    // Convective boundary layer (Hanna 1982, in Nieuwstadt & van Dop (eds.),
    // "Atmospheric Turbulence and Air Pollution Modelling", Reidel, 275-310):
    //   sigma_v = u* (12 + 0.5 h/|L|)^(1/3),  T_Lv = 0.15 h / sigma_v  ->  K_h = 0.15 h sigma_v
    const double sigma_v = ustar * std::cbrt(12 - 0.5 * h * inverse_L);
    k = 0.15 * h * sigma_v;
  } else {
    // Neutral and stable boundary layer (Hanna 1982):
    //   sigma_v = 1.3 u* (1 - z/h),  T_Lv = 0.07 h / sigma_v (z/h)^(1/2)
    //   ->  K_h = sigma_v^2 T_Lv = 0.07 h sigma_v (z/h)^(1/2)
    const double sigma_v = 1.3 * ustar * (1 - z / h);
    k = 0.07 * h * sigma_v * std::sqrt(std::max(z, 0.0) / h);
  }
  return std::max(k, kh_floor);
}

}  // namespace airshed::similarity
