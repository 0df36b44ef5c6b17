#include "host/met/wrf/wrf_on_grid.hpp"

#include <algorithm>
#include <cmath>

#include "host/met/similarity.hpp"
#include "host/met/surface_profiles.hpp"
#include "host/met/urban_boundary_layer.hpp"
#include "host/met/wrf/wrf_turbulence.hpp"

namespace airshed {

namespace {

namespace wt = wrf_turbulence;

// One WRF column at an airshed point: heights and the fields on every WRF
// level, and the surface layer there.
struct Column {
  std::vector<double> z, u, v, w, thv;
  double z0 = 0.1, inverse_L = 0;

  explicit Column(int nz) : z(nz), u(nz), v(nz), w(nz), thv(nz) {}

  LevelWeight where(double zt) const { return locate(z.data(), z.size(), zt); }
  double wind(const std::vector<double>& f, double zt) const {
    const LevelWeight lw = where(zt);
    return lw.below ? wind_below_lowest_level(f[0], z[0], zt, z0, inverse_L) : at(f.data(), lw);
  }
  // w goes to 0 at the ground, linearly below the lowest level.
  double vertical(double zt) const {
    const LevelWeight lw = where(zt);
    return lw.below ? w[0] * std::max(zt, 0.0) / z[0] : at(w.data(), lw);
  }
  double scalar(const std::vector<double>& f, double zt) const { return at(f.data(), where(zt)); }
};

}  // namespace

WrfOnGrid regrid_time(const WrfFields& f, const WrfGridInfo& wrf, const WrfPointMaps& maps,
                      const Grid& g, const UrbanSpec& urban_spec) {
  const wt::WrfSurfaceLayer sl = wt::surface_layer(f, wrf);
  const std::vector<double> thv = wt::virtual_theta(f);
  const std::size_t ncw = wrf.columns(), nx = std::size_t(g.nx), ny = std::size_t(g.ny);
  const std::size_t nz = std::size_t(g.nz), ncol = nx * ny;
  const int nzw = wrf.nz;

  WrfOnGrid out;
  out.utc_epoch_s = f.utc_epoch_s;
  MetFields& m = out.met;
  m.u.resize((nx + 1) * ny * nz), m.v.resize(nx * (ny + 1) * nz);
  m.w.assign(ncol * (nz + 1), 0.0f), m.kh.resize(ncol * nz), m.kz.resize(ncol * (nz + 1));
  for (auto* v : {&out.ustar, &out.inverse_L, &out.pblh, &out.z0, &out.temperature, &out.u10,
                  &out.v10, &out.terrain})
    v->resize(ncol);
  if (!f.rain.empty()) out.rain.resize(ncol);

  Column col(nzw);
  auto load = [&](const Bilinear& b, bool u, bool v, bool full) {
    sample_column(f.z_agl, b, ncw, nzw, col.z.data());
    if (u) sample_column(f.u_east, b, ncw, nzw, col.u.data());
    if (v) sample_column(f.v_north, b, ncw, nzw, col.v.data());
    if (full) {
      sample_column(f.w, b, ncw, nzw, col.w.data());
      sample_column(thv, b, ncw, nzw, col.thv.data());
    }
    col.z0 = sample(sl.z0, b);
    col.inverse_L = sample(sl.inverse_L, b);
  };

  // u on x faces and v on y faces, with the terrain there for the slopes.
  std::vector<double> h_xf(maps.x_faces.fi.size()), h_yf(maps.y_faces.fi.size());
  for (std::size_t p = 0; p < h_xf.size(); ++p) {
    const Bilinear b = bilinear_at(wrf, maps.x_faces.fi[p], maps.x_faces.fj[p]);
    load(b, true, false, false);
    h_xf[p] = sample(f.terrain, b);
    for (std::size_t k = 0; k < nz; ++k)
      m.u[k * (nx + 1) * ny + p] = float(col.wind(col.u, g.z_centre(int(k))));
  }
  for (std::size_t p = 0; p < h_yf.size(); ++p) {
    const Bilinear b = bilinear_at(wrf, maps.y_faces.fi[p], maps.y_faces.fj[p]);
    load(b, false, true, false);
    h_yf[p] = sample(f.terrain, b);
    for (std::size_t k = 0; k < nz; ++k)
      m.v[k * nx * (ny + 1) + p] = float(col.wind(col.v, g.z_centre(int(k))));
  }

  // Columns: surface state, w* and Kz.
  for (std::size_t c = 0; c < ncol; ++c) {
    const std::size_t i = c % nx, j = c / nx;
    const Bilinear b = bilinear_at(wrf, maps.centres.fi[c], maps.centres.fj[c]);
    load(b, true, true, true);
    double ustar = sample(sl.ustar, b), pblh = sample(sl.pblh, b);
    const double urban = sample(sl.urban, b);
    if (urban_spec.enabled && urban >= 0.5 && col.inverse_L > 0) {
      SurfaceState rural;
      rural.ustar = ustar, rural.inverse_L = col.inverse_L, rural.mixing_height = pblh;
      rural.z0 = col.z0, rural.temperature = sample(sl.temperature, b);
      rural.wind_speed =
          std::max(std::hypot(col.wind(col.u, 10), col.wind(col.v, 10)), double(calm_wind_speed));
      rural.ref_height = 10;
      const SurfaceState s = urban_state(rural, urban_spec);
      ustar = s.ustar, col.inverse_L = s.inverse_L, pblh = s.mixing_height, col.z0 = s.z0;
    }
    out.ustar[c] = float(ustar), out.inverse_L[c] = float(col.inverse_L);
    out.pblh[c] = float(pblh), out.z0[c] = float(col.z0);
    out.temperature[c] = float(sample(sl.temperature, b));
    out.terrain[c] = float(sample(f.terrain, b));
    if (!f.rain.empty()) out.rain[c] = float(sample(f.rain, b));
    const bool has10 = !f.u10.empty() && !f.v10.empty();
    out.u10[c] = float(has10 ? sample(f.u10, b) : col.wind(col.u, 10));
    out.v10[c] = float(has10 ? sample(f.v10, b) : col.wind(col.v, 10));

    const double dh_dx = (h_xf[j * (nx + 1) + i + 1] - h_xf[j * (nx + 1) + i]) / g.dx;
    const double dh_dy = (h_yf[(j + 1) * nx + i] - h_yf[j * nx + i]) / g.dy;
    m.kz[c] = float(wt::kz_min(0, urban));
    for (std::size_t k = 1; k <= nz; ++k) {
      const double zf = g.z_faces[k];
      m.w[k * ncol + c] = float(contravariant_w(col.vertical(zf), col.wind(col.u, zf),
                                                col.wind(col.v, zf), dh_dx, dh_dy));
      // The local Ri of the layer between the cell centres around the face
      // (above the top face: a layer as thick as the top cell).
      const double zl = g.z_centre(int(k) - 1);
      const double zu = k < nz ? g.z_centre(int(k)) : zf + 0.5 * g.dz(int(nz) - 1);
      const double ws2 = wt::layer_shear2(col.wind(col.u, zu) - col.wind(col.u, zl),
                                          col.wind(col.v, zu) - col.wind(col.v, zl), zu - zl);
      const double ri =
          wt::layer_richardson(col.scalar(col.thv, zl), col.scalar(col.thv, zu), zu - zl, ws2);
      m.kz[k * ncol + c] =
          float(wt::acm2_kz(zf, ustar, col.inverse_L, pblh, ws2, ri, wt::kz_min(zf, urban)));
    }
  }

  // Kh from the deformation of airshed's own winds.
  for (std::size_t k = 0; k < nz; ++k) {
    const std::vector<double> d = deformation(g, m.u, m.v, int(k));
    const double zc = g.z_centre(int(k));
    for (std::size_t c = 0; c < ncol; ++c) {
      const double floor =
          similarity::horizontal_diffusivity(zc, out.ustar[c], out.inverse_L[c], out.pblh[c]);
      m.kh[k * ncol + c] = float(wt::smagorinsky_kh(d[c], g.dx, g.dy, floor));
    }
  }
  return out;
}

namespace {
void lerp(std::vector<float>& out, const std::vector<float>& a, const std::vector<float>& b,
          double w) {
  if (a.size() != b.size()) {
    out.clear();
    return;
  }
  out.resize(a.size());
  for (std::size_t p = 0; p < a.size(); ++p) out[p] = float((1 - w) * a[p] + w * b[p]);
}
}  // namespace

WrfOnGrid interpolate_in_time(const WrfOnGrid& a, const WrfOnGrid& b, double w) {
  WrfOnGrid o;
  o.utc_epoch_s =
      a.utc_epoch_s + (long long)std::llround(w * double(b.utc_epoch_s - a.utc_epoch_s));
  lerp(o.met.u, a.met.u, b.met.u, w), lerp(o.met.v, a.met.v, b.met.v, w);
  lerp(o.met.w, a.met.w, b.met.w, w), lerp(o.met.kh, a.met.kh, b.met.kh, w);
  lerp(o.met.kz, a.met.kz, b.met.kz, w);
  // The chemistry's air state (empty without [chemistry]: stays empty).
  lerp(o.met.temperature, a.met.temperature, b.met.temperature, w);
  lerp(o.met.pressure, a.met.pressure, b.met.pressure, w);
  lerp(o.met.relative_humidity, a.met.relative_humidity, b.met.relative_humidity, w);
  lerp(o.met.radiation_factor, a.met.radiation_factor, b.met.radiation_factor, w);
  lerp(o.ustar, a.ustar, b.ustar, w), lerp(o.inverse_L, a.inverse_L, b.inverse_L, w);
  lerp(o.pblh, a.pblh, b.pblh, w), lerp(o.z0, a.z0, b.z0, w);
  lerp(o.temperature, a.temperature, b.temperature, w);
  lerp(o.u10, a.u10, b.u10, w), lerp(o.v10, a.v10, b.v10, w);
  lerp(o.rain, a.rain, b.rain, w), lerp(o.terrain, a.terrain, b.terrain, w);
  return o;
}

SurfaceState column_surface(const WrfOnGrid& m, std::size_t c, double precipitation_mm_h) {
  SurfaceState s;
  s.ustar = m.ustar[c];
  s.inverse_L = m.inverse_L[c];
  s.mixing_height = m.pblh[c];
  s.z0 = m.z0[c];
  s.temperature = m.temperature[c];
  s.ref_height = 10;
  const double u = m.u10[c], v = m.v10[c];
  s.wind_speed = std::max(std::hypot(u, v), calm_wind_speed);
  // Meteorological direction: where the wind comes from, clockwise from north.
  double dir = std::atan2(-u, -v) * 180 / std::acos(-1.0);
  if (dir < 0) dir += 360;
  s.wind_direction = dir;
  s.pasquill_class = similarity::pasquill_class_from_inverse_obukhov(s.inverse_L, s.z0);
  s.precipitation = precipitation_mm_h;
  return s;
}

}  // namespace airshed
