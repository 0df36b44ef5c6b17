// Where the sun is: the cosine of the solar zenith angle at a place and a
// UTC time, by the low-precision solar coordinates of Meeus (1998),
// "Astronomical Algorithms", 2nd ed., ch. 25 (eq. 25.2-25.9, ~0.01 degree)
// and the equation of time of ch. 28 (eq. 28.3), the algorithm of NOAA's
// solar calculator (NOAA Global Monitoring Laboratory, "Solar
// Calculation Details"). Time as seconds since 1970-01-01 00:00 UTC, so no
// calendar is needed: the Julian day is 2440587.5 + t / 86400.
#pragma once

#include <cmath>

#include "backend.hpp"

namespace airshed::kernels {

constexpr double solar_pi = 3.14159265358979323846;
constexpr double solar_rad = solar_pi / 180.0;

struct SolarPosition {
  double declination;       // radians
  double equation_of_time;  // minutes (apparent minus mean solar time)
};

AIRSHED_HD inline SolarPosition solar_position(double utc_epoch_s) {
  const double jd = 2440587.5 + utc_epoch_s / 86400.0;
  const double T = (jd - 2451545.0) / 36525.0;  // Julian centuries from J2000.0 (eq. 25.1)
  const double L0 = ::fmod(280.46646 + T * (36000.76983 + 0.0003032 * T), 360.0);  // eq. 25.2
  const double M = 357.52911 + T * (35999.05029 - 0.0001537 * T);                  // eq. 25.3
  const double e = 0.016708634 - T * (0.000042037 + 0.0000001267 * T);             // eq. 25.4
  const double Mr = M * solar_rad;
  const double C = ::sin(Mr) * (1.914602 - T * (0.004817 + 0.000014 * T)) +
                   ::sin(2 * Mr) * (0.019993 - 0.000101 * T) + ::sin(3 * Mr) * 0.000289;
  const double omega = (125.04 - 1934.136 * T) * solar_rad;
  const double lambda = (L0 + C - 0.00569 - 0.00478 * ::sin(omega)) * solar_rad;  // apparent
  const double eps0 =
      23.0 +
      (26.0 + (21.448 - T * (46.8150 + T * (0.00059 - 0.001813 * T))) / 60.0) / 60.0;  // eq. 22.2
  const double eps = (eps0 + 0.00256 * ::cos(omega)) * solar_rad;                      // eq. 25.8
  const double y = ::tan(eps / 2) * ::tan(eps / 2);
  const double L0r = L0 * solar_rad;
  const double E = y * ::sin(2 * L0r) - 2 * e * ::sin(Mr) + 4 * e * y * ::sin(Mr) * ::cos(2 * L0r) -
                   0.5 * y * y * ::sin(4 * L0r) - 1.25 * e * e * ::sin(2 * Mr);  // eq. 28.3, rad
  return {::asin(::sin(eps) * ::sin(lambda)), 4.0 * E / solar_rad};              // eq. 25.7
}

// cos(zenith) = sin(lat) sin(decl) + cos(lat) cos(decl) cos(hour angle)
// (Meeus 1998, eq. 13.6), the hour angle from the true solar time:
// 15 degrees per hour from local solar noon, longitude east positive.
AIRSHED_HD inline double cos_solar_zenith(double utc_epoch_s, double lon_deg, double lat_deg) {
  const SolarPosition sun = solar_position(utc_epoch_s);
  const double day_s = utc_epoch_s - 86400.0 * ::floor(utc_epoch_s / 86400.0);
  const double true_solar_min = day_s / 60.0 + sun.equation_of_time + 4.0 * lon_deg;
  const double hour_angle = (true_solar_min / 4.0 - 180.0) * solar_rad;
  const double lat = lat_deg * solar_rad;
  return ::sin(lat) * ::sin(sun.declination) +
         ::cos(lat) * ::cos(sun.declination) * ::cos(hour_angle);
}

}  // namespace airshed::kernels
