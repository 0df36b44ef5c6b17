// A small synthetic run for the output tests and the sample writer: a
// stretched 6 x 5 x 4 grid, two species and analytic fields whose every
// value a test can recompute exactly.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "host/core/run_observer.hpp"

namespace airshed::test {

inline RunInfo synthetic_info(const std::string& dir, bool stretched = true) {
  RunInfo info;
  info.scenario_name = "synthetic";
  info.scenario_file = "";
  info.start = *parse_iso8601("2026-01-15T00:00:00+08:00");
  info.origin_lon = 116.3;
  info.origin_lat = 39.9;
  info.grid.nx = 6;
  info.grid.ny = 5;
  info.grid.nz = 4;
  info.grid.dx = 100;
  info.grid.dy = 200;
  info.grid.z_faces = stretched ? stretched_levels(4, 20, 2.0) : uniform_levels(4, 300);
  info.species = {{"PM2.5", "ug/m3", 1e6, "PM2.5 mass concentration",
                   "mass_concentration_of_pm2p5_ambient_aerosol_particles_in_air"},
                  {"SO2", "ug/m3", 1e6, "sulfur dioxide mass concentration",
                   "mass_concentration_of_sulfur_dioxide_in_air"}};
  info.receptors = {{"school", 250, 450, 1.5}, {"corner", 0, 0, 0}, {"mid", 310, 500, 40}};
  info.sources = {{"stack", "industry", "point", {120}, {260}}};
  info.thresholds = {{"PM2.5", "alert", "instant", 40}};
  info.duration_s = 3 * 3600;
  info.output_interval_s = 1800;
  info.output_dir = dir;
  info.backend = "synthetic";
  return info;
}

// A Gaussian hill for runs over terrain: 500 m high at (310, 520) m,
// e-folding half-widths 180 m (x) and 300 m (y), placed off the cell centres
// so that no two columns are equal: they range from 8.74 m (south-west
// corner) to 473.8 m, mean 137.06 m.
inline std::vector<float> synthetic_terrain(const Grid& g) {
  std::vector<float> h(g.columns());
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const double ax = (g.x_centre(i) - 310) / 180, ay = (g.y_centre(j) - 520) / 300;
      h[std::size_t(j) * g.nx + i] = float(500 * std::exp(-(ax * ax + ay * ay)));
    }
  return h;
}

inline RunInfo synthetic_terrain_info(const std::string& dir) {
  RunInfo info = synthetic_info(dir, true);
  info.terrain = synthetic_terrain(info.grid);
  return info;
}

// Solver-unit value (g/m3) of species n at cell (i, j, k), time t: linear
// in x, y and z so trilinear interpolation reproduces it exactly.
inline double synthetic_value(const RunInfo& info, int n, int i, int j, int k, double t) {
  const Grid& g = info.grid;
  return 1e-6 * ((n + 1) * (1.0 + t / 3600.0) + 0.01 * g.x_centre(i) + 0.002 * g.y_centre(j) +
                 0.05 * g.z_centre(k));
}

inline Snapshot synthetic_snapshot(const RunInfo& info, double t) {
  const Grid& g = info.grid;
  Snapshot s;
  s.time_s = t;
  for (std::size_t n = 0; n < info.species.size(); ++n) {
    std::vector<float> f(g.cells());
    for (int k = 0; k < g.nz; ++k)
      for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i)
          f[g.index(i, j, k)] = float(synthetic_value(info, int(n), i, j, k, t));
    s.fields.push_back(std::move(f));
  }
  return s;
}

}  // namespace airshed::test
