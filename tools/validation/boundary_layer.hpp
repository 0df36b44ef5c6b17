// The few boundary-layer quantities the Prairie Grass cases need beyond
// host/met/similarity.hpp (wind and Kz profiles): a mixing height where the
// data give none, the lateral turbulence sigma_v and its Lagrangian time
// scale, and the travel-time-dependent lateral diffusivity of Taylor (1921).
#pragma once

namespace airshed::validation {

struct BoundaryLayer {
  double ustar = 0;          // m/s
  double inverse_L = 0;      // 1/m
  double mixing_height = 0;  // m
  double wind_speed = 0;     // m/s at ref_height
  double ref_height = 2.0;   // m
  double z0 = 0.006;         // m, roughness length of the Prairie Grass site
};

// Mechanical (shear-driven) mixing height h = 2300 u*^(3/2) (m, u* in m/s):
// Venkatram (1980), Boundary-Layer Meteorol. 19, 481-485; the form AERMOD
// uses (Cimorelli et al. 2005, J. Appl. Meteorol. 44, 682-693, eq. 24).
double mechanical_mixing_height(double ustar);

// sigma_v (m/s) at height z (Hanna 1982, in Nieuwstadt & van Dop (eds.),
// "Atmospheric Turbulence and Air Pollution Modelling", Reidel, 275-310):
//   unstable: u* (12 + 0.5 h/|L|)^(1/3)  (Panofsky et al. 1977,
//             Boundary-Layer Meteorol. 11, 355-361)
//   neutral and stable: 1.3 u* (1 - z/h)
double sigma_v(double z, const BoundaryLayer& bl);

// Lagrangian integral time scale of v (s) at height z (Hanna 1982):
//   unstable: 0.15 h / sigma_v;  neutral and stable: 0.07 h / sigma_v (z/h)^(1/2).
double lagrangian_time_v(double z, const BoundaryLayer& bl);

// Lateral eddy diffusivity (m^2/s) of material released t seconds ago.
// Taylor (1921, Proc. London Math. Soc. 20, 196-212) with an exponential
// velocity autocorrelation exp(-t/T_L):
//   sigma_y^2 = 2 sigma_v^2 T_L^2 (t/T_L - 1 + exp(-t/T_L)),
//   K = (1/2) d sigma_y^2/dt = sigma_v^2 T_L (1 - exp(-t/T_L)),
// so sigma_y = sigma_v t for t << T_L and K = sigma_v^2 T_L for t >> T_L.
double taylor_diffusivity(double sigma_v, double t_l, double t);
double taylor_sigma_y(double sigma_v, double t_l, double t);

}  // namespace airshed::validation
