// Benchmark of the mass-consistent wind adjustment (host/solver/wind_projection.hpp)
// on the grid the issue names for the met path: seconds per projection and
// CG iterations, and next to it the transport solver's seconds for one met
// hour of one species on the same grid and wind (docs/performance.md).
//
//   bench_wind_projection [--backend cpu|serial|cuda|auto] [--grid 200x200x30]
//                         [--dx 1000] [--reps 3] [--solver-hours 1] [--tolerance 1e-10]
//                         [--multigrid 1|0]
//
// The first guess is smooth, as interpolated met is: a mean wind of 8 m/s
// plus horizontal waves of 10..40 cells and a vertical shear, w = 0; levels
// 20 m at the ground stretched 1.12 (30 levels reach ~4.8 km). The last line:
//   projection_s=<median> iterations=<n> solver_hour_s=<s> ratio=<projection/solver hour>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "host/solver/cpu_threads.hpp"
#include "host/solver/transport_solver.hpp"
#include "host/solver/wind_projection.hpp"

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

airshed::MetFields first_guess(const airshed::Grid& g) {
  airshed::MetFields m = airshed::uniform_met(g, 0, 0, 0, 50.0, 1.0);
  const double pi = 3.14159265358979323846;
  const double lx = g.nx * g.dx, ly = g.ny * g.dy;
  for (int k = 0; k < g.nz; ++k) {
    const double shear = std::log1p(g.z_centre(k) / 0.5) / std::log1p(100.0 / 0.5);
    for (int j = 0; j < g.ny; ++j)
      for (int f = 0; f <= g.nx; ++f) {
        const double x = f * g.dx, y = g.y_centre(j);
        m.u[(std::size_t(k) * g.ny + j) * (g.nx + 1) + f] = float(
            shear * (8.0 + 2.0 * std::sin(2 * pi * 5 * x / lx) * std::cos(2 * pi * 3 * y / ly)));
      }
    for (int f = 0; f <= g.ny; ++f)
      for (int i = 0; i < g.nx; ++i) {
        const double x = g.x_centre(i), y = f * g.dy;
        m.v[(std::size_t(k) * (g.ny + 1) + f) * g.nx + i] = float(
            shear * (3.0 + 1.5 * std::cos(2 * pi * 2 * x / lx) * std::sin(2 * pi * 7 * y / ly)));
      }
  }
  return m;
}

int usage(const char* why) {
  std::fprintf(stderr,
               "bench_wind_projection: %s\nusage: bench_wind_projection [--backend "
               "cpu|serial|cuda|auto] [--grid NXxNYxNZ] [--dx M] [--reps R] [--solver-hours H] "
               "[--tolerance T] [--multigrid 1|0]\n",
               why);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  airshed::prefer_passive_omp_wait(argv);  // before OpenMP starts a thread
  using namespace airshed;
  std::string backend_name = "cpu";
  int nx = 200, ny = 200, nz = 30, reps = 3;
  double dx = 1000, solver_hours = 1, tolerance = 1e-10;
  bool multigrid = true;
  for (int a = 1; a < argc; a += 2) {
    if (a + 1 >= argc) return usage("every option takes a value");
    const std::string k = argv[a], v = argv[a + 1];
    if (k == "--backend")
      backend_name = v;
    else if (k == "--grid") {
      if (std::sscanf(v.c_str(), "%dx%dx%d", &nx, &ny, &nz) != 3 || nx < 1 || ny < 1 || nz < 1)
        return usage("bad --grid (want NXxNYxNZ)");
    } else if (k == "--dx")
      dx = std::atof(v.c_str());
    else if (k == "--reps")
      reps = std::atoi(v.c_str());
    else if (k == "--solver-hours")
      solver_hours = std::atof(v.c_str());
    else if (k == "--tolerance")
      tolerance = std::atof(v.c_str());
    else
      return usage(("unknown option " + k).c_str());
  }
  if (!(dx > 0) || reps < 1 || solver_hours < 0) return usage("bad --dx, --reps or --solver-hours");
  const BackendChoice backend = parse_backend(backend_name);

  TransportConfig cfg;
  cfg.grid.nx = nx, cfg.grid.ny = ny, cfg.grid.nz = nz, cfg.grid.dx = dx, cfg.grid.dy = dx;
  cfg.grid.z_faces = stretched_levels(nz, 20.0, 1.12);
  cfg.species = {{"tracer", 1.0, 0.0, 0.0}};
  cfg.boundaries = {LateralBoundary::open, LateralBoundary::open, TopBoundary::closed};
  WindProjectionOptions opt;
  opt.tolerance = tolerance;
  opt.multigrid = multigrid;
  const auto projector = make_wind_projector(backend, cfg.grid, cfg.boundaries, opt);

  std::vector<double> times;
  WindProjectionReport rep;
  MetFields met;
  for (int r = 0; r < reps; ++r) {
    met = first_guess(cfg.grid);
    const auto t0 = Clock::now();
    rep = projector->project(met);
    times.push_back(seconds_since(t0));
    std::printf("projection %d: %.3f s, %d iterations, residual %.2e, divergence %.2e -> %.2e%s\n",
                r, times.back(), rep.iterations, rep.residual, rep.divergence_before,
                rep.divergence_after, rep.converged ? "" : " (NOT converged)");
  }
  std::sort(times.begin(), times.end());
  const double projection_s = times[times.size() / 2];

  double solver_hour_s = 0;
  if (solver_hours > 0) {
    const auto solver = make_solver(backend, cfg);
    solver->set_met(met);
    const auto t0 = Clock::now();
    const int steps = solver->advance(3600.0 * solver_hours);
    solver_hour_s = seconds_since(t0) / solver_hours;
    std::printf("transport, 1 species: %.3f s per met hour (%d steps of %.1f s)\n", solver_hour_s,
                int(steps / solver_hours), 3600.0 * solver_hours / steps);
  }
  std::printf("grid %dx%dx%d dx %.0f m, backend %s, %s, tolerance %.0e\n", nx, ny, nz, dx,
              backend_name.c_str(), multigrid ? "multigrid" : "line Jacobi", tolerance);
  std::printf("projection_s=%.4f iterations=%d solver_hour_s=%.4f ratio=%.3f\n", projection_s,
              rep.iterations, solver_hour_s,
              solver_hour_s > 0 ? projection_s / solver_hour_s : 0.0);
  return 0;
}
