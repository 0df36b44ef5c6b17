// The chemistry's air state from one WRF time on airshed's grid (MetFields
// temperature, pressure, relative humidity, radiation factor), added to a
// regridded time (wrf_on_grid.hpp) when the scenario has [chemistry].
#pragma once

#include "host/core/grid.hpp"
#include "host/met/wrf/wrf_fields.hpp"
#include "host/met/wrf/wrf_on_grid.hpp"
#include "host/met/wrf/wrf_regrid.hpp"
#include "host/scenario/projection.hpp"

namespace airshed {

// Saturation vapour pressure over water (Pa) at T (K): Bolton (1980, Mon.
// Wea. Rev. 108, 1046-1053, eq. 10), 611.2 exp(17.67 t / (t + 243.5)),
// t in degC; within 0.1 % of the Wexler formulation from -30 to 35 degC.
double saturation_vapour_pressure(double temperature);

// Relative humidity (0..1, capped at 1) of air at pressure p (Pa) and
// temperature T (K) holding the water-vapour mixing ratio w (kg/kg):
// e = p w / (0.622 + w), over e_s(T).
double relative_humidity(double pressure, double temperature, double mixing_ratio);

// Clear-sky global radiation (W/m^2) at a solar elevation with sine
// `cos_zenith`: 910 cos Z - 30 (Kasten & Czeplak 1980, Solar Energy 24,
// 177-189, eq. 2); the radiation factor is SWDOWN over it, in [0, 1].
double clear_sky_shortwave(double cos_zenith);

// Fills out.met's chemistry fields: T and p (P + PB) at every cell centre
// (bilinear, then linear in height above ground; held below the lowest
// and above the top WRF level, as the other scalars); RH from QVAPOR (the
// MetRecord default 0.7 where the file has none); the radiation factor
// SWDOWN / clear sky at the WRF time and the column's place (1 at night,
// when the sun is below 5 degrees, or without SWDOWN: then j(NO2) follows
// the solar zenith angle alone).
void add_wrf_chemistry_met(WrfOnGrid& out, const WrfFields& f, const WrfGridInfo& wrf,
                           const WrfPointMaps& maps, const Grid& g, const LocalProjection& proj);

}  // namespace airshed
