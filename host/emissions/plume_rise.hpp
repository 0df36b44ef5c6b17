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

// Gradual rise above the stack top at downwind distance x (m) of a plume
// whose final rise is r (briggs_plume_rise of the same input): buoyant
// plumes follow Briggs' "2/3 law"
//   dh(x) = 1.6 F_b^(1/3) x^(2/3) / u_s
// (Briggs 1975, "Plume rise predictions"; Briggs 1984, "Plume rise and
// buoyancy effects", in Atmospheric Science and Power Production,
// DOE/TIC-27601, ch. 8; ISC3 vol. II sec. 1.1.4, distance-dependent rise),
// momentum jets the 1/3 law
//   dh(x) = (3 F_m x / (beta_j^2 u_s^2))^(1/3),  beta_j = 1/3 + u_s / v_s
// (Briggs 1984; ISC3 vol. II sec. 1.1.4), both capped at the final rise of r
// (effective_height - stack_height: the mixing-height cap included), which
// they reach at final_rise_distance. The final heights are r's.
struct GradualRise {
  double coef = 0;         // dh = coef * x^power, m^(1 - power)
  double power = 2.0 / 3;  // 2/3 buoyant, 1/3 jet
  double final_rise = 0;   // m above the stack top
};
GradualRise gradual_rise_law(const PlumeRiseInput& in, const PlumeRise& r);
double gradual_rise(const PlumeRiseInput& in, const PlumeRise& r, double x);
// Downwind distance (m) at which gradual_rise reaches its final rise: the 2/3 or
// 1/3 law solved for x; 0 when there is no rise.
double final_rise_distance(const PlumeRiseInput& in, const PlumeRise& r);

// Potential temperature gradient ISC3 assumes for stable classes E and F (K/m).
double stable_theta_gradient(char pasquill_class);

}  // namespace airshed
