#include "host/met/urban_boundary_layer.hpp"

#include <algorithm>
#include <cmath>

#include "host/met/similarity.hpp"

namespace airshed {

namespace {
// AERMOD MFED sect. 3.5 (Cimorelli et al. 2005): the constants of the
// urban formulation.
constexpr double delta_t_max = 12;         // K, the largest urban-rural difference
constexpr double population_ref = 2.0e6;   // P0
constexpr double alpha = 0.03;             // H_u = alpha rho c_p dT u*
constexpr double mixing_height_ref = 400;  // m, z_iuo, the urban mixing height at P = P0
constexpr double cp = 1004;                // J/(kg K), dry air
constexpr double r_dry = 287.05;           // J/(kg K)
}  // namespace

UrbanNight urban_night(const SurfaceState& rural, const UrbanSpec& u) {
  UrbanNight n;
  const double ratio = u.population / population_ref;
  n.delta_t = std::max(0.0, delta_t_max * (0.1046 * std::log(ratio) + 0.9983));
  // u* over the city: the near-neutral log law from the observed wind with
  // the urban roughness (the night urban surface layer is close to
  // neutral); the observation height stays above z0 (>= 10 z0).
  const double zref = std::max(rural.ref_height, 10 * u.z0);
  n.ustar = similarity::kappa * rural.wind_speed / std::log(zref / u.z0);
  const double rho = rural.pressure / (r_dry * rural.temperature);
  // The heat flux from the rural u*, as the formulation states it.
  n.heat_flux = alpha * rho * cp * n.delta_t * rural.ustar;
  n.mixing_height = mixing_height_ref * std::pow(ratio, 0.25);
  const double buoyancy = similarity::gravity * n.heat_flux / (rho * cp * rural.temperature);
  n.wstar = std::cbrt(buoyancy * n.mixing_height);
  // L of the city's surface layer, from its own u*.
  n.obukhov = buoyancy > 0 ? -n.ustar * n.ustar * n.ustar / (similarity::kappa * buoyancy) : 0;
  return n;
}

SurfaceState urban_state(const SurfaceState& rural, const UrbanSpec& u) {
  if (!u.enabled || !(rural.inverse_L > 0)) return rural;
  const UrbanNight n = urban_night(rural, u);
  if (!(n.obukhov < 0)) return rural;
  SurfaceState s = rural;
  s.z0 = u.z0;
  s.ustar = n.ustar;
  s.inverse_L = 1 / n.obukhov;
  s.mixing_height = std::max(rural.mixing_height, n.mixing_height);
  s.pasquill_class = similarity::pasquill_class_from_inverse_obukhov(s.inverse_L, s.z0);
  return s;
}

}  // namespace airshed
