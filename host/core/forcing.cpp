#include "host/core/forcing.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace airshed {

MetFields uniform_met(const Grid& g, double u, double v, double w, double kh, double kz) {
  const std::size_t nx = g.nx, ny = g.ny, nz = g.nz;
  MetFields m;
  m.u.assign((nx + 1) * ny * nz, float(u));
  m.v.assign(nx * (ny + 1) * nz, float(v));
  m.w.assign(nx * ny * (nz + 1), float(w));
  m.kh.assign(nx * ny * nz, float(kh));
  m.kz.assign(nx * ny * (nz + 1), float(kz));
  return m;
}

namespace {
void check_field(const std::vector<float>& f, std::size_t n, const char* name, bool non_negative) {
  if (f.size() != n)
    throw std::invalid_argument(std::string("met: field ") + name + " has " +
                                std::to_string(f.size()) + " values, expected " +
                                std::to_string(n));
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(f[i]))
      throw std::invalid_argument(std::string("met: field ") + name + " is not finite at index " +
                                  std::to_string(i));
    if (non_negative && f[i] < 0)
      throw std::invalid_argument(std::string("met: field ") + name + " is negative at index " +
                                  std::to_string(i));
  }
}
}  // namespace

void validate(const TransportConfig& cfg, const MetFields& met) {
  const std::size_t nx = cfg.grid.nx, ny = cfg.grid.ny, nz = cfg.grid.nz;
  check_field(met.u, (nx + 1) * ny * nz, "u", false);
  check_field(met.v, nx * (ny + 1) * nz, "v", false);
  check_field(met.w, nx * ny * (nz + 1), "w", false);
  check_field(met.kh, nx * ny * nz, "kh", true);
  check_field(met.kz, nx * ny * (nz + 1), "kz", true);
  if (!met.temperature.empty() || !met.pressure.empty() || !met.relative_humidity.empty() ||
      !met.radiation_factor.empty())
    validate_chemistry_met(cfg, met);
  if (!met.mixing_height.empty()) check_field(met.mixing_height, nx * ny, "mixing_height", true);
  if (met.ustar.empty() && met.inverse_L.empty() && met.z0.empty()) return;
  check_field(met.ustar, nx * ny, "ustar", true);
  check_field(met.inverse_L, nx * ny, "inverse_L", false);
  check_field(met.z0, nx * ny, "z0", true);
  for (std::size_t i = 0; i < met.z0.size(); ++i)
    if (!(met.z0[i] > 0))
      throw std::invalid_argument("met: field z0 is not > 0 at index " + std::to_string(i));
}

void validate_chemistry_met(const TransportConfig& cfg, const MetFields& met) {
  const std::size_t cols = std::size_t(cfg.grid.nx) * cfg.grid.ny, cells = cols * cfg.grid.nz;
  check_field(met.temperature, cells, "temperature", true);
  check_field(met.pressure, cells, "pressure", true);
  check_field(met.relative_humidity, cells, "relative_humidity", true);
  check_field(met.radiation_factor, cols, "radiation_factor", true);
  auto at_most = [](const std::vector<float>& f, float hi, const char* name) {
    for (std::size_t i = 0; i < f.size(); ++i)
      if (!(f[i] <= hi))
        throw std::invalid_argument(std::string("met: field ") + name + " is above " +
                                    std::to_string(hi) + " at index " + std::to_string(i));
  };
  at_most(met.relative_humidity, 1.0f, "relative_humidity");
  at_most(met.radiation_factor, 1.0f, "radiation_factor");
  for (std::size_t i = 0; i < cells; ++i)
    if (!(met.temperature[i] > 0 && met.pressure[i] > 0))
      throw std::invalid_argument("met: temperature or pressure is not > 0 at index " +
                                  std::to_string(i));
}

}  // namespace airshed
