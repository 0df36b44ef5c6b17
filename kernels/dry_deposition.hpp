// Resistance-model dry deposition velocity of a gas over one column
// (Wesely 1989; Seinfeld & Pandis 2016, "Atmospheric Chemistry and
// Physics", 3rd ed., ch. 19):
//   v_d = 1 / (r_a + r_b + r_c),
// the three resistances in series: turbulent transport down to the
// surface (r_a), the quasi-laminar sublayer next to it (r_b) and the
// uptake by the surface itself (r_c, given per species). AIRSHED_HD so
// that any backend can evaluate it; the solver calls it once per column
// and species at every met update (host/solver/backend_solver.hpp).
#pragma once

#include "backend.hpp"
#include "similarity_psi.hpp"

namespace airshed::kernels {

constexpr double deposition_kappa = 0.4;  // von Karman, as host/met/similarity.hpp
constexpr double prandtl_air = 0.72;      // Pr of air (Seinfeld & Pandis 2016, eq. 19.17)

// Aerodynamic resistance (s/m) between z0 and the reference height z_r
// (Seinfeld & Pandis 2016, eq. 19.13):
//   r_a = [ln(z_r / z0) - psi_h(z_r / L) + psi_h(z0 / L)] / (kappa u*),
// with the Businger-Dyer psi_h (similarity_psi.hpp). Never negative (in
// extreme convection the bracket could be; the turbulence then offers no
// resistance). Needs u* > 0.
AIRSHED_HD inline double aerodynamic_resistance(double z_ref, double z0, double ustar,
                                                double inverse_L) {
  const double shape = ::log(z_ref / z0) - psi_h(z_ref * inverse_L) + psi_h(z0 * inverse_L);
  return (shape > 0 ? shape : 0.0) / (deposition_kappa * ustar);
}

// Quasi-laminar (sublayer) resistance (s/m) of a gas of Schmidt number Sc
// (Wesely & Hicks 1977; Seinfeld & Pandis 2016, eq. 19.17):
//   r_b = 2 (Sc / Pr)^(2/3) / (kappa u*).  Needs u* > 0.
AIRSHED_HD inline double quasi_laminar_resistance(double schmidt, double ustar) {
  return 2 * ::pow(schmidt / prandtl_air, 2.0 / 3.0) / (deposition_kappa * ustar);
}

// v_d (m/s) = 1 / (r_a + r_b + r_c) at z_r (the centre of the lowest
// layer). Without turbulence (u* <= 0) r_a and r_b are unbounded: 0.
AIRSHED_HD inline double resistance_deposition_velocity(double z_ref, double z0, double ustar,
                                                        double inverse_L, double schmidt,
                                                        double surface_resistance) {
  if (!(ustar > 0)) return 0.0;
  const double ra = aerodynamic_resistance(z_ref, z0, ustar, inverse_L);
  const double rb = quasi_laminar_resistance(schmidt, ustar);
  return 1.0 / (ra + rb + surface_resistance);
}

}  // namespace airshed::kernels
