// One hour of surface meteorology as observed (a station CSV row, read by
// host/met) or as stated (a uniform [met] table, the scenario's spec),
// before any profile is derived from it. Plain data: it lives with the
// scenario so the spec can hold one without including the met library.
#pragma once

namespace airshed {

struct MetRecord {
  long long utc_epoch_s = 0;    // start of the hour this record holds for
  long line = 0;                // source line (CSV or scenario) for messages
  double wind_speed = 0;        // m/s at MetSpec::anemometer_height
  double wind_direction = 0;    // degrees, meteorological (where the wind comes from)
  char stability_class = 0;     // 'A'..'F', or 0 when obukhov_length is given
  double obukhov_length = 0;    // m, used when stability_class == 0 (|L| >= 1e5: neutral)
  double mixing_height = 0;     // m
  double ustar = -1;            // m/s, < 0 when not observed
  double temperature = 288.15;  // K
  double precipitation = 0;     // mm/h
  // What chemistry reads (host/met/chemistry_met.hpp); the defaults where a
  // station or the [met] table does not state them.
  double relative_humidity = 0.7;  // 0..1
  double cloud_cover = 0;          // oktas, 0..8
  double pressure = 101325;        // Pa, at the ground
};

}  // namespace airshed
