// AERMOD's urban night-time boundary layer (Cimorelli et al. 2005,
// J. Appl. Meteor. 44, 682-693, sect. 3d; U.S. EPA 2004, "AERMOD:
// Description of Model Formulation", EPA-454/R-03-004, sect. 3.5, after
// Oke 1973, 1982): over a city the heat island keeps the night-time
// boundary layer weakly convective. From the population P the urban-rural
// temperature difference, an upward heat flux and a mixing height follow;
// with them the surface layer is convective (L < 0) and a few hundred
// metres deep where the rural one is stable. Day-time (rural L <= 0)
// states are left as they are.
#pragma once

#include "host/met/surface_state.hpp"
#include "host/scenario/scenario.hpp"

namespace airshed {

// The quantities of the formulation, for one rural state (documented in
// docs/numerics.md, "Urban boundary layer"):
struct UrbanNight {
  double delta_t = 0;        // K, dT_u-r = dT_max (0.1046 ln(P/P0) + 0.9983)
  double heat_flux = 0;      // W/m^2, H_u = alpha rho c_p dT_u-r u* (u* the rural one)
  double ustar = 0;          // m/s, over the urban z0 (neutral log law)
  double mixing_height = 0;  // m, z_iu = z_iuo (P/P0)^(1/4)
  double wstar = 0;          // m/s, (g H_u z_iu / (rho c_p T))^(1/3)
  double obukhov = 0;        // m, L_u = -rho c_p T u*^3 / (kappa g H_u)
};
UrbanNight urban_night(const SurfaceState& rural, const UrbanSpec& u);

// The state the model uses over the city: the rural one by day; at night
// (rural 1/L > 0) the urban z0, u*, L and the larger of the rural and urban
// mixing heights.
SurfaceState urban_state(const SurfaceState& rural, const UrbanSpec& u);

}  // namespace airshed
