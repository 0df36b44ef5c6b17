#include "tools/validation/boundary_layer.hpp"

#include <algorithm>
#include <cmath>

namespace airshed::validation {

double mechanical_mixing_height(double ustar) { return 2300.0 * std::pow(ustar, 1.5); }

double sigma_v(double z, const BoundaryLayer& bl) {
  const double h = bl.mixing_height;
  if (bl.inverse_L < 0) return bl.ustar * std::cbrt(12.0 - 0.5 * h * bl.inverse_L);
  return 1.3 * bl.ustar * std::max(1.0 - z / h, 0.0);
}

double lagrangian_time_v(double z, const BoundaryLayer& bl) {
  const double h = bl.mixing_height, sv = sigma_v(z, bl);
  if (!(sv > 0)) return 0.0;
  if (bl.inverse_L < 0) return 0.15 * h / sv;
  return 0.07 * h / sv * std::sqrt(std::clamp(z / h, 0.0, 1.0));
}

double taylor_diffusivity(double sigma_v, double t_l, double t) {
  if (!(t > 0) || !(t_l > 0)) return 0.0;
  return sigma_v * sigma_v * t_l * -std::expm1(-t / t_l);
}

double taylor_sigma_y(double sigma_v, double t_l, double t) {
  if (!(t > 0) || !(t_l > 0)) return 0.0;
  const double r = t / t_l;
  // r - 1 + exp(-r), written to keep precision for small r (~ r^2/2).
  const double shape = r < 1e-3 ? r * r / 2 * (1 - r / 3) : r - 1 + std::exp(-r);
  return sigma_v * t_l * std::sqrt(2 * shape);
}

}  // namespace airshed::validation
