// The scalar state of the surface layer for one met hour: what the profiles
// are built from and what plume rise and progress reports need.
#pragma once

namespace airshed {

struct SurfaceState {
  double ustar = 0;                // m/s, friction velocity
  double inverse_L = 0;            // 1/m, inverse Monin-Obukhov length (0 = neutral)
  char pasquill_class = 'D';       // A..F, given or derived from L (Golder 1972)
  double mixing_height = 0;        // m
  double wind_speed = 0;           // m/s at ref_height (after the calm floor)
  double wind_direction = 0;       // degrees, meteorological (from)
  double ref_height = 10;          // m, anemometer height
  double z0 = 0.1;                 // m
  double temperature = 288.15;     // K, near-surface air
  double precipitation = 0;        // mm/h
  double relative_humidity = 0.7;  // 0..1, near-surface air
  double cloud_cover = 0;          // oktas, 0..8
  double pressure = 101325;        // Pa, at the ground
};

}  // namespace airshed
