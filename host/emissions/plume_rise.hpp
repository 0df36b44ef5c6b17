// Final plume rise of a stack (Briggs), in the formulation of the ISC3
// model (US EPA 1995, "User's Guide for the ISC3 Dispersion Models",
// EPA-454/B-95-003b, vol. II, sec. 1.1.4), which AERMOD keeps for its
// stable-plume rise.
#pragma once

namespace airshed {

struct PlumeRiseInput {
  double stack_height;         // m
  double diameter;             // m
  double exit_velocity;        // m/s
  double exit_temperature;     // K
  double ambient_temperature;  // K
  double wind_at_stack;        // m/s
  char pasquill_class;         // A..F; E and F use the stable formulas
  double mixing_height;        // m
};

struct PlumeRise {
  double buoyancy_flux = 0;  // F_b, m^4/s^3
  double momentum_flux = 0;  // F_m, m^4/s^2
  double stability = 0;      // s = g (dtheta/dz) / T_a, 1/s^2 (stable only)
  bool buoyancy_dominated = false;
  double rise = 0;              // final rise above the stack top, m
  double effective_height = 0;  // stack height + rise, capped at the mixing height
};

PlumeRise briggs_plume_rise(const PlumeRiseInput& in);

// Potential temperature gradient ISC3 assumes for stable classes E and F (K/m).
double stable_theta_gradient(char pasquill_class);

}  // namespace airshed
