#include "host/met/wrf/wrf_chemistry_met.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "host/met/chemistry_met.hpp"
#include "kernels/solar_geometry.hpp"

namespace airshed {

double saturation_vapour_pressure(double temperature) {
  const double t = temperature - 273.15;
  return 611.2 * std::exp(17.67 * t / (t + 243.5));
}

double relative_humidity(double pressure, double temperature, double mixing_ratio) {
  const double w = std::max(mixing_ratio, 0.0);
  const double e = pressure * w / (0.622 + w);  // 0.622 = M_w / M_d
  return std::clamp(e / saturation_vapour_pressure(temperature), 0.0, 1.0);
}

double clear_sky_shortwave(double cos_zenith) { return 910 * cos_zenith - 30; }

void add_wrf_chemistry_met(WrfOnGrid& out, const WrfFields& f, const WrfGridInfo& wrf,
                           const WrfPointMaps& maps, const Grid& g, const LocalProjection& proj) {
  MetFields& m = out.met;
  size_chemistry_met(m, g);
  const std::size_t ncw = wrf.columns(), nx = std::size_t(g.nx), ncol = nx * std::size_t(g.ny);
  const int nzw = wrf.nz;
  const double sin5 = std::sin(5 * std::acos(-1.0) / 180);  // the sun 5 degrees up
  const std::size_t levels = std::size_t(nzw);
  std::vector<double> z(levels), t(levels), p(levels), q(levels);
  for (std::size_t c = 0; c < ncol; ++c) {
    const Bilinear b = bilinear_at(wrf, maps.centres.fi[c], maps.centres.fj[c]);
    sample_column(f.z_agl, b, ncw, nzw, z.data());
    sample_column(f.temperature, b, ncw, nzw, t.data());
    sample_column(f.pressure, b, ncw, nzw, p.data());
    if (!f.qvapor.empty()) sample_column(f.qvapor, b, ncw, nzw, q.data());
    for (int k = 0; k < g.nz; ++k) {
      const LevelWeight lw = locate(z.data(), z.size(), g.z_centre(k));
      const std::size_t cell = std::size_t(k) * ncol + c;
      const double tk = at(t.data(), lw), pk = at(p.data(), lw);
      m.temperature[cell] = float(tk);
      m.pressure[cell] = float(pk);
      m.relative_humidity[cell] =
          float(f.qvapor.empty() ? 0.7 : relative_humidity(pk, tk, at(q.data(), lw)));
    }
    double factor = 1;
    if (!f.swdown.empty()) {
      double lon = 0, lat = 0;
      proj.to_lonlat(g.x_centre(int(c % nx)), (double(c / nx) + 0.5) * g.dy, lon, lat);
      const double mu = kernels::cos_solar_zenith(double(f.utc_epoch_s), lon, lat);
      if (mu > sin5) factor = std::clamp(sample(f.swdown, b) / clear_sky_shortwave(mu), 0.0, 1.0);
    }
    m.radiation_factor[c] = float(factor);
  }
}

}  // namespace airshed
