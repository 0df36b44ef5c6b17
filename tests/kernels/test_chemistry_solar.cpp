// Solar geometry (kernels/solar_geometry.hpp) against the worked examples
// of Meeus (1998), "Astronomical Algorithms", 2nd ed.: Example 25.a (the
// sun's declination on 1992 October 13.0, -7.78507 degrees) and Example
// 28.b (the equation of time the same day, +13 min 42.7 s); the zenith
// follows from them by spherical trigonometry.
#include <doctest/doctest.h>

#include <cmath>

#include "kernels/chemistry.hpp"

using namespace airshed::kernels;

namespace {
// 1992-10-13 00:00 UTC: JD 2448908.5, 8321 days after 1970-01-01. (Meeus
// works in dynamical time, 59 s ahead of UTC in 1992: the declination moves
// 0.0003 degree in that time.)
constexpr double oct13_1992 = 8321.0 * 86400.0;
constexpr double deg = 3.14159265358979323846 / 180.0;
}  // namespace

TEST_CASE("declination and equation of time: Meeus Examples 25.a and 28.b") {
  const SolarPosition sun = solar_position(oct13_1992);
  CHECK(std::fabs(sun.declination / deg - -7.78507) < 0.001);
  CHECK(std::fabs(sun.equation_of_time - (13.0 + 42.7 / 60.0)) < 0.05);  // minutes
}

TEST_CASE("cos(zenith) on 1992-10-13 at three places and times") {
  const double dec = -7.78507 * deg, eot = 13.0 + 42.7 / 60.0;
  // Equator, Greenwich, 12:00 UTC: hour angle (720 + E) / 4 - 180 degrees.
  const double ha = ((720.0 + eot) / 4.0 - 180.0) * deg;
  CHECK(std::fabs(cos_solar_zenith(oct13_1992 + 43200.0, 0.0, 0.0) - std::cos(dec) * std::cos(ha)) <
        0.001);
  // Beijing (116.4 E, 39.9 N) at its true solar noon, 12:00 - E - 4 x 116.4 min UTC:
  // cos(lat - dec) = cos(47.69 degrees) = 0.6733.
  const double noon_bj = oct13_1992 + 60.0 * (720.0 - eot - 4 * 116.4);
  CHECK(std::fabs(cos_solar_zenith(noon_bj, 116.4, 39.9) - std::cos((39.9 + 7.78507) * deg)) <
        0.001);
  CHECK(cos_solar_zenith(noon_bj, 116.4, 39.9) == doctest::Approx(0.6733).epsilon(1e-3));
  // Twelve hours later it is local midnight, -cos(lat + dec) < 0, and six
  // hours from noon the hour angle is 90 degrees, sin(lat) sin(dec), with
  // the declination of that time (it falls 0.39 degree a day in October).
  const double dec12 = solar_position(noon_bj + 43200.0).declination;
  CHECK(std::fabs(cos_solar_zenith(noon_bj + 43200.0, 116.4, 39.9) +
                  std::cos((39.9 * deg + dec12))) < 0.001);
  const double dec6 = solar_position(noon_bj + 21600.0).declination;
  CHECK(std::fabs(cos_solar_zenith(noon_bj + 21600.0, 116.4, 39.9) -
                  std::sin(39.9 * deg) * std::sin(dec6)) < 0.001);
}

TEST_CASE("solstice and equinox declinations: +-23.44 degrees, 0") {
  // 2024-06-20 20:51 UTC (the June solstice): 19894 days + 75060 s.
  const double solstice = 19894.0 * 86400.0 + 75060.0;
  CHECK(std::fabs(solar_position(solstice).declination / deg - 23.44) < 0.01);
  // 2024-03-20 03:06 UTC (the March equinox): 19802 days + 11160 s.
  const double equinox = 19802.0 * 86400.0 + 11160.0;
  CHECK(std::fabs(solar_position(equinox).declination / deg) < 0.01);
  // At the equinox the sun stands over the equator at the true solar noon.
  const double eot = solar_position(equinox).equation_of_time;
  const double lon = (720.0 - eot - 11160.0 / 60.0) / 4.0;  // the meridian at noon then
  CHECK(cos_solar_zenith(equinox, lon, 0.0) == doctest::Approx(1.0).epsilon(1e-4));
}

TEST_CASE("j(NO2) and OH follow the sun; zero photolysis at night") {
  CHECK(j_no2(0.0, 1.0) == 0);
  CHECK(j_no2(-0.3, 1.0) == 0);
  // Overhead sun, clear sky: 1.165e-2 exp(-0.267) = 8.92e-3 s-1 (Saunders et al. 2003).
  CHECK(j_no2(1.0, 1.0) == doctest::Approx(8.920e-3).epsilon(1e-3));
  CHECK(j_no2(1.0, 0.5) == doctest::Approx(0.5 * j_no2(1.0, 1.0)).epsilon(1e-15));
  CHECK(j_no2(0.5, 1.0) < j_no2(0.9, 1.0));
  // OH: the night floor 1.3e5 cm-3 (Rohrer & Berresheim 2006), millions at noon.
  CHECK(oh_number_density(-0.2, 1.0) == doctest::Approx(1.3e5).epsilon(1e-12));
  CHECK(oh_number_density(0.9, 1.0) > 3e6);
  CHECK(oh_number_density(0.9, 1.0) < 1e7);
}
