// The diagnostics are wrf-python's (NCAR/wrf-python, src/wrf: getvar "z",
// "theta", "tk", "ua"/"va"/"wa", "uvmet"), with its constants
// (wrf/constants.py): g = 9.81 m/s^2, T_BASE = 300 K, RD = 287 J/(kg K),
// CP = 1004.5 J/(kg K) (= 7/2 RD, WRF's own cp), P1000MB = 1e5 Pa. They
// reproduce wrf-python's reference file of the Katrina wrfout to float
// rounding (tests/met/wrf/test_wrf_file.cpp).
#include "host/met/wrf/wrf_diagnose.hpp"

#include <cmath>
#include <string>

#include "host/core/instant.hpp"

namespace airshed {

namespace {

constexpr double kG = 9.81;
constexpr double kThetaBase = 300.0;
constexpr double kRd = 287.0;
constexpr double kCp = 1004.5;
constexpr double kP0 = 1.0e5;

struct Reader {
  const NcFile& nc;
  const WrfLayout& l;
  std::size_t t;
  std::vector<float> v3(const WrfVar& var, int nx, int ny, int nz) const {
    std::vector<std::size_t> start, count;
    wrf_slice(var, t, {std::size_t(nz), std::size_t(ny), std::size_t(nx)}, start, count);
    return nc.read_floats(var.id, start, count);
  }
  std::vector<float> v2(const WrfVar& var) const {
    if (!var.present()) return {};
    std::vector<std::size_t> start, count;
    wrf_slice(var, t, {std::size_t(l.ny), std::size_t(l.nx)}, start, count);
    return nc.read_floats(var.id, start, count);
  }
};

void check_finite(const NcFile& nc, long long epoch, const char* name,
                  const std::vector<float>& f) {
  for (std::size_t i = 0; i < f.size(); ++i)
    if (!std::isfinite(f[i]))
      nc.fail("at " + format_utc(Instant{epoch, 0}) + " variable " + name +
                  " has a non-finite value (point " + std::to_string(i) + ")",
              "finite values");
}

}  // namespace

WrfFields diagnose_wrf_time(const NcFile& nc, const WrfLayout& l, const WrfGridInfo& g,
                            const std::vector<float>& cosa, const std::vector<float>& sina,
                            std::size_t t, long long utc_epoch_s) {
  const Reader r{nc, l, t};
  const int nx = g.nx, ny = g.ny, nz = g.nz;
  const std::size_t n2 = g.columns(), n3 = g.points();
  WrfFields f;
  f.utc_epoch_s = utc_epoch_s;
  f.terrain = r.v2(l.hgt);
  check_finite(nc, utc_epoch_s, "HGT", f.terrain);

  // Heights: geopotential PH + PHB on the w levels, averaged to mass levels.
  {
    const std::vector<float> ph = r.v3(l.ph, nx, ny, nz + 1);
    const std::vector<float> phb = r.v3(l.phb, nx, ny, nz + 1);
    f.z_agl.resize(n3);
    for (std::size_t k = 0; k < std::size_t(nz); ++k)
      for (std::size_t c = 0; c < n2; ++c) {
        const std::size_t lo = k * n2 + c, hi = lo + n2;
        const double geo = 0.5 * ((double(ph[lo]) + phb[lo]) + (double(ph[hi]) + phb[hi]));
        f.z_agl[lo] = float(geo / kG - f.terrain[c]);
      }
  }
  // Potential temperature, pressure, temperature.
  {
    const std::vector<float> tp = r.v3(l.t, nx, ny, nz);
    const std::vector<float> p = r.v3(l.p, nx, ny, nz);
    const std::vector<float> pb = r.v3(l.pb, nx, ny, nz);
    f.theta.resize(n3);
    f.pressure.resize(n3);
    f.temperature.resize(n3);
    for (std::size_t i = 0; i < n3; ++i) {
      const double theta = double(tp[i]) + kThetaBase;
      const double pres = double(p[i]) + pb[i];
      f.theta[i] = float(theta);
      f.pressure[i] = float(pres);
      f.temperature[i] = float(theta * std::pow(pres / kP0, kRd / kCp));
    }
  }
  // Winds: the mean of the two faces of each mass cell (Arakawa C grid),
  // then WRF's rotation to east/north.
  {
    const std::vector<float> u = r.v3(l.u, nx + 1, ny, nz);
    const std::vector<float> v = r.v3(l.v, nx, ny + 1, nz);
    f.u_east.resize(n3);
    f.v_north.resize(n3);
    for (std::size_t k = 0; k < std::size_t(nz); ++k)
      for (std::size_t j = 0; j < std::size_t(ny); ++j)
        for (std::size_t i = 0; i < std::size_t(nx); ++i) {
          const std::size_t iu = (k * ny + j) * (nx + 1) + i;
          const std::size_t iv = (k * (ny + 1) + j) * nx + i;
          const double ug = 0.5 * (double(u[iu]) + u[iu + 1]);
          const double vg = 0.5 * (double(v[iv]) + v[iv + nx]);
          const std::size_t c = j * nx + i, m = k * n2 + c;
          f.u_east[m] = float(ug * cosa[c] - vg * sina[c]);
          f.v_north[m] = float(vg * cosa[c] + ug * sina[c]);
        }
    const std::vector<float> w = r.v3(l.w, nx, ny, nz + 1);
    f.w.resize(n3);
    for (std::size_t i = 0; i < n3; ++i) f.w[i] = float(0.5 * (double(w[i]) + w[i + n2]));
  }
  if (l.qvapor.present()) f.qvapor = r.v3(l.qvapor, nx, ny, nz);

  f.t2 = r.v2(l.t2);
  f.psfc = r.v2(l.psfc);
  if (l.u10.present() && l.v10.present()) {  // one without the other is no wind
    const std::vector<float> u10 = r.v2(l.u10), v10 = r.v2(l.v10);
    f.u10.resize(n2);
    f.v10.resize(n2);
    for (std::size_t c = 0; c < n2; ++c) {
      f.u10[c] = float(double(u10[c]) * cosa[c] - double(v10[c]) * sina[c]);
      f.v10[c] = float(double(v10[c]) * cosa[c] + double(u10[c]) * sina[c]);
    }
  }
  f.pblh = r.v2(l.pblh);
  f.ust = r.v2(l.ust);
  f.hfx = r.v2(l.hfx);
  f.rmol = r.v2(l.rmol);
  f.znt = r.v2(l.znt);
  f.lu_index = r.v2(l.lu_index);
  f.swdown = r.v2(l.swdown);
  // Accumulated rain, convective + grid-scale; a run without a cumulus
  // scheme may write RAINNC alone.
  if (l.rainc.present() || l.rainnc.present()) {
    f.rain.assign(n2, 0.0f);
    for (const WrfVar* var : {&l.rainc, &l.rainnc})
      if (var->present()) {
        const std::vector<float> part = r.v2(*var);
        for (std::size_t c = 0; c < n2; ++c) f.rain[c] += part[c];
      }
  }
  const std::pair<const char*, const std::vector<float>*> checked[] = {
      {"PH/PHB", &f.z_agl},     {"U/V", &f.u_east},    {"U/V", &f.v_north},   {"W", &f.w},
      {"T", &f.theta},          {"P/PB", &f.pressure}, {"QVAPOR", &f.qvapor}, {"T2", &f.t2},
      {"PSFC", &f.psfc},        {"U10/V10", &f.u10},   {"PBLH", &f.pblh},     {"UST", &f.ust},
      {"HFX", &f.hfx},          {"RMOL", &f.rmol},     {"ZNT", &f.znt},       {"SWDOWN", &f.swdown},
      {"RAINC/RAINNC", &f.rain}};
  for (const auto& [name, field] : checked) check_finite(nc, utc_epoch_s, name, *field);
  return f;
}

}  // namespace airshed
