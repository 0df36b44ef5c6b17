#include "host/met/chemistry_met.hpp"

#include <algorithm>
#include <cmath>

namespace airshed {

namespace {
constexpr double kGravity = 9.80665;  // m/s^2, standard gravity (CGPM 1901)
constexpr double kDryAirR = 287.05;   // J/(kg K), R / M_d (ICAO 1993 standard atmosphere)
}  // namespace

double cloud_radiation_factor(double oktas) {
  const double n = std::clamp(oktas / 8.0, 0.0, 1.0);
  return 1.0 - 0.75 * std::pow(n, 3.4);
}

void size_chemistry_met(MetFields& m, const Grid& g) {
  const std::size_t cols = std::size_t(g.nx) * g.ny, cells = cols * g.nz;
  m.temperature.resize(cells);
  m.pressure.resize(cells);
  m.relative_humidity.resize(cells);
  m.radiation_factor.resize(cols);
}

void fill_chemistry_column(MetFields& m, const Grid& g, std::size_t col, const SurfaceState& s) {
  const std::size_t cols = std::size_t(g.nx) * g.ny;
  const double scale_height = kDryAirR * s.temperature / kGravity;  // m
  for (int k = 0; k < g.nz; ++k) {
    const std::size_t c = std::size_t(k) * cols + col;
    m.temperature[c] = float(s.temperature);
    m.pressure[c] = float(s.pressure * std::exp(-g.z_centre(k) / scale_height));
    m.relative_humidity[c] = float(std::clamp(s.relative_humidity, 0.0, 1.0));
  }
  m.radiation_factor[col] = float(cloud_radiation_factor(s.cloud_cover));
}

}  // namespace airshed
