// Synthetic WRF for the gridded-met tests: a small WRF mass grid whose
// lon/lat map to fractional indices affinely (so a field linear in
// airshed's local x, y is linear in WRF index space too), fields that are
// linear in x, y, z and t, and an in-memory WrfSource that counts its reads.
#pragma once

#include <atomic>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "host/core/grid.hpp"
#include "host/input/input_error.hpp"
#include "host/met/wrf/wrf_source.hpp"
#include "host/scenario/projection.hpp"

namespace airshed::test {

// airshed's origin (south-west corner) and the WRF grid around it: mass
// point (0, 0) at (lon0 - 0.1, lat0 - 0.1), 0.01 degree apart.
struct SyntheticWrf {
  LocalProjection proj{10.0, 45.0};
  double lon_sw = 9.9, lat_sw = 44.9, dlon = 0.01, dlat = 0.01;
  WrfGridInfo grid;
  // f = a + bx x + by y + bz z + bt (t - t0), x, y local m, z m above ground, t s.
  struct Linear {
    double a, bx, by, bz, bt;
    double at(double x, double y, double z, double t) const {
      return a + bx * x + by * y + bz * z + bt * t;
    }
  };
  Linear u{3, 1e-4, -5e-5, 2e-3, 1e-4}, v{-2, -4e-5, 8e-5, 1e-3, -2e-4}, w{0.01, 0, 0, 0, 0};
  Linear theta{290, 0, 0, 0.004, 0};
  Linear terrain{0, 0, 0, 0, 0};  // z, t ignored
  long long t0 = 1125144000;      // 2005-08-27T12:00:00Z
  // A moving nest: the grid moves this far east every hour (its centre
  // with it), the fields stay where they are on the earth.
  double drift_deg_per_h = 0;
  double rain_mm_per_h = 0;  // > 0: RAINC + RAINNC accumulating at this rate
  long long nan_at = -1;     // a time with a NaN (a fill value) in u

  SyntheticWrf() {
    grid.projection = WrfProjectionKind::mercator;
    grid.nx = 20, grid.ny = 16, grid.nz = 8;
    grid.dx = grid.dy = 1000;
    grid.cen_lon = lon_sw + 0.5 * (grid.nx - 1) * dlon;
    grid.cen_lat = lat_sw + 0.5 * (grid.ny - 1) * dlat;
  }
  double drift(long long utc) const { return drift_deg_per_h * double(utc - t0) / 3600; }
  WrfGridInfo grid_at(long long utc) const {
    WrfGridInfo g = grid;
    g.cen_lon += drift(utc);
    return g;
  }

  WrfIndexMap index_map() const {
    const SyntheticWrf s = *this;
    return [s](double lon, double lat, double& fi, double& fj) {
      fi = (lon - s.lon_sw) / s.dlon;
      fj = (lat - s.lat_sw) / s.dlat;
    };
  }
  // The map of a grid wherever it has moved (its centre says where).
  WrfIndexMapFactory index_map_factory() const {
    const SyntheticWrf s = *this;
    return [s](const WrfGridInfo& g) -> WrfIndexMap {
      const double west = s.lon_sw + (g.cen_lon - s.grid.cen_lon);
      return [s, west](double lon, double lat, double& fi, double& fj) {
        fi = (lon - west) / s.dlon;
        fj = (lat - s.lat_sw) / s.dlat;
      };
    };
  }
  // Local x, y of WRF mass point (i, j) at time utc.
  void local(int i, int j, double& x, double& y, long long utc = 0) const {
    const double d = utc ? drift(utc) : 0.0;
    proj.to_local(lon_sw + d + i * dlon, lat_sw + j * dlat, x, y);
  }
  // Height above ground of level k at (i, j): increasing, varying across the grid.
  double z_agl(int i, int j, int k) const {
    return (20.0 + 300.0 * k + 40.0 * k * k) * (1 + 0.01 * i + 0.005 * j);
  }

  WrfFields fields(long long utc) const {
    const std::size_t nc = grid.columns(), np = grid.points();
    WrfFields f;
    f.utc_epoch_s = utc;
    for (auto* p : {&f.z_agl, &f.u_east, &f.v_north, &f.w, &f.theta, &f.temperature, &f.pressure})
      p->resize(np);
    f.terrain.resize(nc);
    f.t2.resize(nc);
    f.psfc.resize(nc);
    if (rain_mm_per_h > 0) f.rain.resize(nc);
    const double t = double(utc - t0);
    for (int k = 0; k < grid.nz; ++k)
      for (int j = 0; j < grid.ny; ++j)
        for (int i = 0; i < grid.nx; ++i) {
          double x = 0, y = 0;
          local(i, j, x, y, utc);
          const std::size_t c = std::size_t(j) * grid.nx + i, p = c + std::size_t(k) * nc;
          const double z = z_agl(i, j, k);
          f.z_agl[p] = float(z);
          f.u_east[p] = float(u.at(x, y, z, t));
          f.v_north[p] = float(v.at(x, y, z, t));
          f.w[p] = float(w.at(x, y, z, t));
          f.theta[p] = float(theta.at(x, y, z, t));
          f.pressure[p] = float(1e5 * std::exp(-z / 8000));
          f.temperature[p] = float(f.theta[p] * std::pow(f.pressure[p] / 1e5, 287.04 / 1004.67));
          if (k == 0) {
            f.terrain[c] = float(terrain.at(x, y, 0, 0));
            f.t2[c] = float(theta.at(x, y, 2, t));
            f.psfc[c] = 1e5f;
            if (rain_mm_per_h > 0) f.rain[c] = float(2 + rain_mm_per_h * t / 3600);
          }
        }
    if (utc == nan_at) f.u_east[f.u_east.size() / 3] = std::nanf("");
    return f;
  }
};

// The reads of every synthetic file, by time (thread-safe: the provider
// reads ahead on a second thread).
struct ReadLog {
  std::mutex m;
  std::map<long long, int> reads;  // utc -> times read
  int opens = 0;
  long long corrupt = -1;  // a time whose read throws, as a damaged file would
  void read(long long utc) {
    std::lock_guard<std::mutex> l(m);
    ++reads[utc];
  }
  void open() {
    std::lock_guard<std::mutex> l(m);
    ++opens;
  }
  long long latest_read() {
    std::lock_guard<std::mutex> l(m);
    return reads.empty() ? 0 : reads.rbegin()->first;
  }
};

class SyntheticSource final : public WrfSource {
 public:
  SyntheticSource(const SyntheticWrf& w, std::vector<long long> times, ReadLog* log)
      : wrf_(w), times_(std::move(times)), log_(log) {}
  const WrfGridInfo& grid(std::size_t i) const override {
    grid_ = wrf_.grid_at(times_.at(i));
    return grid_;
  }
  const std::vector<long long>& times() const override { return times_; }
  WrfFields read(std::size_t i) const override {
    if (log_) log_->read(times_.at(i));
    if (log_ && log_->corrupt == times_.at(i))
      throw ScenarioError("wrfout_bad: variable 'T': NetCDF: HDF error");
    return wrf_.fields(times_.at(i));
  }

 private:
  SyntheticWrf wrf_;
  mutable WrfGridInfo grid_;
  std::vector<long long> times_;
  ReadLog* log_;
};

// An opener of synthetic files by name: "name" -> its times.
inline WrfSourceOpener synthetic_opener(const SyntheticWrf& w,
                                        std::map<std::string, std::vector<long long>> files,
                                        ReadLog* log) {
  return [w, files, log](const std::string& path) -> std::unique_ptr<WrfSource> {
    const auto it = files.find(path);
    if (it == files.end()) throw std::runtime_error("no synthetic file " + path);
    if (log) log->open();
    return std::make_unique<SyntheticSource>(w, it->second, log);
  };
}

// airshed's grid: 6 x 5 cells of 1 km, 5 levels of 200 m (inside the WRF
// grid above, every level centre above the lowest WRF level).
inline Grid synthetic_airshed_grid() {
  Grid g;
  g.nx = 6, g.ny = 5, g.nz = 5;
  g.dx = g.dy = 1000;
  g.z_faces = uniform_levels(5, 1000);
  return g;
}

}  // namespace airshed::test
