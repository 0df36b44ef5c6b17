#include "host/met/surface_profiles.hpp"

#include <algorithm>
#include <cmath>

#include "host/met/similarity.hpp"

namespace airshed {

SurfaceState surface_state(const MetRecord& r, double z0, double anemometer_height) {
  SurfaceState s;
  s.z0 = z0;
  s.ref_height = anemometer_height;
  s.wind_speed = std::max(r.wind_speed, calm_wind_speed);
  s.wind_direction = r.wind_direction;
  s.mixing_height = r.mixing_height;
  s.temperature = r.temperature;
  s.precipitation = r.precipitation;
  s.relative_humidity = r.relative_humidity;
  s.cloud_cover = r.cloud_cover;
  s.pressure = r.pressure;
  if (r.stability_class != 0) {
    s.pasquill_class = r.stability_class;
    s.inverse_L = similarity::inverse_obukhov_golder(r.stability_class, z0);
  } else {
    // |L| beyond 1e5 m is neutral for every height in the model.
    s.inverse_L = std::abs(r.obukhov_length) >= 1e5 ? 0.0 : 1.0 / r.obukhov_length;
    s.pasquill_class = similarity::pasquill_class_from_inverse_obukhov(s.inverse_L, z0);
  }
  s.ustar = r.ustar >= 0
                ? r.ustar
                : similarity::friction_velocity(s.wind_speed, anemometer_height, z0, s.inverse_L);
  return s;
}

double wind_speed_at(const SurfaceState& s, double z) {
  return similarity::wind_speed(z, s.wind_speed, s.ref_height, s.z0, s.inverse_L, s.mixing_height);
}

MetFields profile_fields(const Grid& g, const SurfaceState& s) {
  const std::size_t nx = g.nx, ny = g.ny, nz = g.nz;
  MetFields m;
  m.u.resize((nx + 1) * ny * nz);
  m.v.resize(nx * (ny + 1) * nz);
  m.w.assign(nx * ny * (nz + 1), 0.0f);
  m.kh.resize(nx * ny * nz);
  m.kz.resize(nx * ny * (nz + 1));
  // Meteorological direction is where the wind comes from, clockwise from
  // north: the wind blows towards direction + 180, so u = -S sin(d), v = -S cos(d).
  const double d = s.wind_direction * std::acos(-1.0) / 180.0;
  for (std::size_t k = 0; k < nz; ++k) {
    const double zc = g.z_centre(int(k));
    const double speed = wind_speed_at(s, zc);
    const float u = float(-speed * std::sin(d)), v = float(-speed * std::cos(d));
    const float kh =
        float(similarity::horizontal_diffusivity(zc, s.ustar, s.inverse_L, s.mixing_height));
    std::fill_n(m.u.begin() + k * (nx + 1) * ny, (nx + 1) * ny, u);
    std::fill_n(m.v.begin() + k * nx * (ny + 1), nx * (ny + 1), v);
    std::fill_n(m.kh.begin() + k * nx * ny, nx * ny, kh);
  }
  for (std::size_t k = 0; k <= nz; ++k) {
    const float kz = float(
        similarity::vertical_diffusivity(g.z_faces[k], s.ustar, s.inverse_L, s.mixing_height));
    std::fill_n(m.kz.begin() + k * nx * ny, nx * ny, kz);
  }
  // The one surface state in every column (resistance deposition).
  m.ustar.assign(nx * ny, float(s.ustar));
  m.inverse_L.assign(nx * ny, float(s.inverse_L));
  m.z0.assign(nx * ny, float(s.z0));
  m.mixing_height.assign(nx * ny, float(s.mixing_height));
  return m;
}

}  // namespace airshed
