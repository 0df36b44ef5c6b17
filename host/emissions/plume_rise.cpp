#include "host/emissions/plume_rise.hpp"

#include <algorithm>
#include <cmath>

namespace airshed {

namespace {
constexpr double g = 9.80616;  // m/s^2, the value in ISC3
// ISC3 floors the wind used in plume rise at 1 m/s.
constexpr double min_wind = 1.0;
}  // namespace

double stable_theta_gradient(char c) { return c == 'F' ? 0.035 : 0.020; }

PlumeRise briggs_plume_rise(const PlumeRiseInput& in) {
  PlumeRise r;
  const double ts = in.exit_temperature, ta = in.ambient_temperature;
  const double vs = in.exit_velocity, d = in.diameter;
  const double us = std::max(in.wind_at_stack, min_wind);
  const double dt = ts - ta;
  // F_b = g v_s d^2 (T_s - T_a) / (4 T_s)   (Briggs 1969, "Plume Rise", USAEC TID-25075); a plume
  // colder than the air gets no buoyant rise.
  r.buoyancy_flux = std::max(0.0, g * vs * d * d * dt / (4 * ts));
  // F_m = v_s^2 d^2 T_a / (4 T_s)   (Briggs 1969)
  r.momentum_flux = vs * vs * d * d * ta / (4 * ts);
  const double fb = r.buoyancy_flux, fm = r.momentum_flux;

  const bool stable = in.pasquill_class == 'E' || in.pasquill_class == 'F';
  if (!stable) {
    // Crossover temperature difference (ISC3):
    //   F_b < 55: dT_c = 0.0297 T_s v_s^(1/3) / d^(2/3);  else dT_c = 0.00575 T_s v_s^(2/3) /
    //   d^(1/3)
    const double dtc = fb < 55 ? 0.0297 * ts * std::cbrt(vs) / std::pow(d, 2.0 / 3)
                               : 0.00575 * ts * std::pow(vs, 2.0 / 3) / std::cbrt(d);
    r.buoyancy_dominated = dt >= dtc && fb > 0;
    if (r.buoyancy_dominated) {
      // Final buoyant rise, neutral/unstable (Briggs 1975; ISC3):
      //   F_b < 55: 21.425 F_b^(3/4) / u_s;   F_b >= 55: 38.71 F_b^(3/5) / u_s
      r.rise = fb < 55 ? 21.425 * std::pow(fb, 0.75) / us : 38.71 * std::pow(fb, 0.6) / us;
    } else {
      // Momentum rise, neutral/unstable (Briggs 1969; ISC3): 3 d v_s / u_s
      r.rise = 3 * d * vs / us;
    }
  } else {
    // Stability parameter s = g (dtheta/dz) / T_a (ISC3).
    r.stability = g * stable_theta_gradient(in.pasquill_class) / ta;
    const double s = r.stability;
    // Stable crossover (ISC3): dT_c = 0.019582 T_s v_s sqrt(s)
    r.buoyancy_dominated = dt >= 0.019582 * ts * vs * std::sqrt(s) && fb > 0;
    if (r.buoyancy_dominated) {
      // Stable buoyant rise 2.6 (F_b / (u_s s))^(1/3) (Briggs 1975, "Plume rise
      // predictions", in Lectures on Air Pollution and Environmental Impact
      // Analyses, AMS, 59-111; ISC3), never above the calm-air
      // limit 4 F_b^(1/4) s^(-3/8) (Briggs 1975, 1984).
      r.rise =
          std::min(2.6 * std::cbrt(fb / (us * s)), 4 * std::pow(fb, 0.25) * std::pow(s, -0.375));
    } else {
      // Stable momentum rise 1.5 (F_m / (u_s sqrt(s)))^(1/3), not above the
      // neutral value 3 d v_s / u_s (ISC3).
      r.rise = std::min(1.5 * std::cbrt(fm / (us * std::sqrt(s))), 3 * d * vs / us);
    }
  }
  r.effective_height = in.stack_height + r.rise;
  // A plume rising from inside the mixed layer is taken to stop at its top
  // (no penetration of the capping inversion is modelled).
  if (in.stack_height < in.mixing_height)
    r.effective_height = std::min(r.effective_height, in.mixing_height);
  return r;
}

namespace {
double rise_wind(const PlumeRiseInput& in) { return std::max(in.wind_at_stack, min_wind); }
double jet_beta(const PlumeRiseInput& in) {
  return 1.0 / 3 + rise_wind(in) / std::max(in.exit_velocity, 1e-6);
}
}  // namespace

GradualRise gradual_rise_law(const PlumeRiseInput& in, const PlumeRise& r) {
  GradualRise law;
  // The final height is today's: the rise stops where briggs_plume_rise put
  // the plume, the mixing-height cap included.
  law.final_rise = std::max(0.0, r.effective_height - in.stack_height);
  const double us = rise_wind(in);
  if (r.buoyancy_dominated) {
    law.coef = 1.6 * std::cbrt(r.buoyancy_flux) / us;
    law.power = 2.0 / 3;
  } else {
    law.coef = std::cbrt(3 * r.momentum_flux / (std::pow(jet_beta(in), 2) * us * us));
    law.power = 1.0 / 3;
  }
  if (law.coef <= 0) law.final_rise = 0;
  return law;
}

double gradual_rise(const PlumeRiseInput& in, const PlumeRise& r, double x) {
  const GradualRise law = gradual_rise_law(in, r);
  if (x <= 0 || law.final_rise <= 0) return 0;
  return std::min(law.coef * std::pow(x, law.power), law.final_rise);
}

double final_rise_distance(const PlumeRiseInput& in, const PlumeRise& r) {
  const GradualRise law = gradual_rise_law(in, r);
  if (law.final_rise <= 0) return 0;
  return std::pow(law.final_rise / law.coef, 1 / law.power);
}

}  // namespace airshed
