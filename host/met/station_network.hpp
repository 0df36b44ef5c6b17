// A network of surface stations ([met] kind = "stations"): several hourly
// CSVs in the station format, each with its position, anemometer height and
// roughness. The provider does what a diagnostic wind model does with
// surface observations before its divergence adjustment (CALMET's Step 2
// objective analysis, Scire et al. 2000, "A User's Guide for the CALMET
// Meteorological Model", Version 5, Earth Tech, section 2.2.2, with the
// observations alone: no Step 1 gridded field to blend them with):
//   - each station's hour gives its similarity profile (surface_state(),
//     then the Businger-Dyer log wind at each level centre, the direction
//     of its record at every height: CALMET's similarity extrapolation of
//     surface winds aloft);
//   - at each u (v) face of a level the first-guess u (v) is the 1/r^2
//     weighted mean of the stations' u (v) at that level, r the horizontal
//     distance from the station to the face centre (host/met/idw.hpp); w = 0;
//   - each column's surface state is the 1/r^2 weighted mean of the
//     stations' states at its centre (u*, 1/L, mixing height, temperature,
//     precipitation, z0, anemometer height, wind speed; the direction of the
//     weighted mean wind vector; the Pasquill class of the heaviest-weighted
//     station), and its Kz and Kh come from that state through the profile
//     functions of surface_profiles.hpp.
// The interpolated wind is not divergence-free: first_guess() is true, it
// is to be made mass-consistent (Sherman 1978) before the solver uses it.
// A network of one station gives exactly the fields of kind "station".
#pragma once

#include <memory>

#include "host/core/grid.hpp"
#include "host/met/met_provider.hpp"
#include "host/scenario/scenario.hpp"

namespace airshed {

// Reads and checks every station's file for [start, start + duration_s)
// as kind "station" does (the same coverage and row errors, each naming
// that station's file, its `file` key and its `anemometer_height` key).
std::unique_ptr<MetProvider> make_station_network_provider(const MetSpec& spec, const Grid& grid,
                                                           const Instant& start, double duration_s);

}  // namespace airshed
