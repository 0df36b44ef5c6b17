// Benchmark of the gridded met path (issue 13, docs/performance.md "Gridded
// met path"): per met hour of a run on the real Katrina wrfout
// (scenarios/met/wrf), the seconds of reading + regridding (the provider's
// fields(), including any wait for its read-ahead), of the time
// interpolation, of the wind projection (as the run does it: once per WRF
// time, by the provider as it reads the time, MetProvider::project_at_source;
// and what projecting at every refresh would cost, at the default and at
// --tolerance), and of the solver (the scenario's species + the carried
// air) for the same hour, stepped as the run loop steps it: fields(t),
// set_met, advance to the provider's next refresh.
//
//   bench_met [--file PATH] [--cells 200x200x30] [--size-km 270] [--hours 1]
//             [--threads N] [--tolerance 1e-6] [--species 4]
//
// The domain (south-west corner 91.55 W, 23.0 N, --size-km square) lies
// inside the moving nest at all four of its times (1.35 degrees west, 0.98
// north in 9 h; the nests' intersection is ~290 km wide, so 300 km does not
// fit); levels 20 m at the ground, stretched to a ~3.3 km top. Also timed
// apart: the read-ahead's own work, WrfFile::read and regrid_time of one
// WRF time, and interpolate_in_time; and whether the mean of two projected
// WRF times is still divergence-free (to project WRF times, not refreshes).
// The met path counts the read-ahead's work in full, though it runs beside
// the solver. On a shared machine run it with OMP_WAIT_POLICY=passive. The
// last line:
//   met path = X % of the run
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "host/met/wrf/wrf_file.hpp"
#include "host/met/wrf/wrf_file_source.hpp"
#include "host/met/wrf/wrf_met_provider.hpp"
#include "host/met/wrf/wrf_on_grid.hpp"
#include "host/solver/cpu_threads.hpp"
#include "host/solver/transport_solver.hpp"
#include "host/solver/wind_projection.hpp"

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

int usage(const char* why) {
  std::fprintf(stderr,
               "bench_met: %s\nusage: bench_met [--file PATH] [--cells NXxNYxNZ] [--size-km KM] "
               "[--hours H] [--threads N] [--tolerance T] [--species S]\n",
               why);
  return 2;
}

// First layer 20 m; the stretch that puts the top at ~3.3 km (20 m, 1.1 for 30 levels).
std::vector<double> levels(int nz) {
  double lo = 1.0, hi = 3.0;
  for (int it = 0; it < 100; ++it) {
    const double s = 0.5 * (lo + hi);
    (airshed::stretched_levels(nz, 20.0, s).back() > 3300.0 ? hi : lo) = s;
  }
  return airshed::stretched_levels(nz, 20.0, nz > 1 ? lo : 1.0);
}

}  // namespace

int main(int argc, char** argv) {
  airshed::prefer_passive_omp_wait(argv);  // before OpenMP starts a thread
  using namespace airshed;
  std::string file = "scenarios/met/wrf/wrfout_katrina_d02_mercator.nc";
  int nx = 200, ny = 200, nz = 30, threads = 0, n_species = 4;
  double size_km = 270, hours = 1, tolerance = 1e-6;
  for (int a = 1; a < argc; a += 2) {
    if (a + 1 >= argc) return usage("every option takes a value");
    const std::string k = argv[a], v = argv[a + 1];
    if (k == "--file")
      file = v;
    else if (k == "--cells") {
      if (std::sscanf(v.c_str(), "%dx%dx%d", &nx, &ny, &nz) != 3 || nx < 1 || ny < 1 || nz < 1)
        return usage("bad --cells (want NXxNYxNZ)");
    } else if (k == "--size-km")
      size_km = std::atof(v.c_str());
    else if (k == "--hours")
      hours = std::atof(v.c_str());
    else if (k == "--threads")
      threads = std::atoi(v.c_str());
    else if (k == "--tolerance")
      tolerance = std::atof(v.c_str());
    else if (k == "--species")
      n_species = std::atoi(v.c_str());
    else
      return usage(("unknown option " + k).c_str());
  }
  if (!(size_km > 0) || !(hours > 0) || hours > 9 || threads < 0 || !(tolerance > 0) ||
      n_species < 1)
    return usage("bad --size-km, --hours (0..9], --threads, --tolerance or --species");

  TransportConfig cfg;
  cfg.grid.nx = nx, cfg.grid.ny = ny, cfg.grid.nz = nz;
  cfg.grid.dx = size_km * 1000 / nx, cfg.grid.dy = size_km * 1000 / ny;
  cfg.grid.z_faces = levels(nz);
  for (int s = 0; s < n_species; ++s)
    cfg.species.push_back({"s" + std::to_string(s), 0.0, 0.0, s % 2 ? 0.002 : 0.0});
  cfg.boundaries = {LateralBoundary::open, LateralBoundary::open, TopBoundary::open};
  cfg.threads = threads;
  cfg.carry_air = true;  // as transport_config() for gridded met
  const LocalProjection proj{-91.55, 23.0};
  const Instant start{1125230400, 0};  // 2005-08-28T12:00:00Z, the file's first time
  const double duration = hours * 3600, update = 900;  // katrina_platform.toml's interval

  // The solver first: make_solver sets the OpenMP threads the projection also uses.
  const auto solver = make_solver(BackendChoice::cpu, cfg);
  WindProjectionOptions loose;
  loose.tolerance = tolerance;
  const auto projector = make_wind_projector(BackendChoice::cpu, cfg.grid, cfg.boundaries, {});
  const auto projector_loose =
      make_wind_projector(BackendChoice::cpu, cfg.grid, cfg.boundaries, loose);

  // The read-ahead's own work on one WRF time, and one time interpolation.
  double read_s = 0, map_s = 0, regrid_s = 0, interp_s = 0;
  {
    const WrfFile f(file);
    auto t0 = Clock::now();
    const WrfFields a = f.read(0), b = f.read(1);
    read_s = seconds_since(t0) / 2;
    t0 = Clock::now();
    const WrfPointMaps ma = map_airshed_points(cfg.grid, proj, wrf_index_map(f.grid(0)));
    const WrfPointMaps mb = map_airshed_points(cfg.grid, proj, wrf_index_map(f.grid(1)));
    map_s = seconds_since(t0) / 2;
    t0 = Clock::now();
    const WrfOnGrid ga = regrid_time(a, f.grid(0), ma, cfg.grid);
    const WrfOnGrid gb = regrid_time(b, f.grid(1), mb, cfg.grid);
    regrid_s = seconds_since(t0) / 2;
    WrfOnGrid mid;
    interp_s = 1e30;
    for (int r = 0; r < 3; ++r) {  // the fastest of 3: the first pays the page faults
      t0 = Clock::now();
      mid = interpolate_in_time(ga, gb, 0.5);
      interp_s = std::min(interp_s, seconds_since(t0));
    }
    if (mid.met.u.empty()) return 1;
    // Projecting the WRF times and interpolating the projected winds: the
    // divergence of the mix (its projection's "before") against a projection's.
    MetFields pa = ga.met, pb = gb.met;
    const double own =
        std::max(projector->project(pa).divergence_after, projector->project(pb).divergence_after);
    MetFields mix = pa;
    for (auto [m, x, y] : {std::tuple{&mix.u, &pa.u, &pb.u}, std::tuple{&mix.v, &pa.v, &pb.v},
                           std::tuple{&mix.w, &pa.w, &pb.w}})
      for (std::size_t n = 0; n < m->size(); ++n) (*m)[n] = 0.5f * (*x)[n] + 0.5f * (*y)[n];
    std::printf(
        "WRF times 0 and 1 projected (max divergence after %.1e of |u|/dx), their mean "
        "has %.1e\n",
        own, projector->project(mix).divergence_before);
  }

  // One projection of a first guess, at both tolerances: what projecting at
  // every refresh would cost (the station-network path).
  double one_default_s = 0, one_loose_s = 0;
  {
    const WrfFile f(file);
    const WrfOnGrid g0 =
        regrid_time(f.read(0), f.grid(0),
                    map_airshed_points(cfg.grid, proj, wrf_index_map(f.grid(0))), cfg.grid);
    MetFields a = g0.met, b = g0.met;
    auto t1 = Clock::now();
    projector->project(a);
    one_default_s = seconds_since(t1);
    t1 = Clock::now();
    projector_loose->project(b);
    one_loose_s = seconds_since(t1);
  }

  auto t0 = Clock::now();
  WrfMetProvider met({file}, {InputSite{file, 0, "met.files"}}, cfg.grid, proj, start, duration,
                     update, open_wrf_file, wrf_index_map);
  const double open_s = seconds_since(t0);
  // As the run does (host/run/run_loop.cpp): the provider projects each WRF
  // time as it reads it, on its read-ahead thread, and interpolates the
  // projected winds; the projection's time is counted in full.
  std::mutex mu;
  double proj_s = 0, div_default = 0;
  int projections = 0, it_default = 0;
  met.project_at_source([&](MetFields& f) {
    const auto p0 = Clock::now();
    const WindProjectionReport r = projector->project(f);
    const double dt = seconds_since(p0);
    std::lock_guard<std::mutex> lock(mu);
    proj_s += dt, it_default += r.iterations, ++projections;
    div_default = std::max(div_default, r.divergence_after);
  });

  double fields_s = 0, first_fields_s = 0, solver_s = 0;
  int refreshes = 0;
  for (double t = 0; t < duration - 1e-6;) {
    const double before[2] = {fields_s, solver_s};
    t0 = Clock::now();
    MetFields f = met.fields(t);
    // The first call reads and projects the first two WRF times on the
    // caller (start-up, once per run); later ones find them read ahead.
    (refreshes == 0 ? first_fields_s : fields_s) += seconds_since(t0);
    const double next = std::min(met.next_change(t), duration);
    t0 = Clock::now();
    solver->set_met(f);
    solver->advance(next - t);
    solver_s += seconds_since(t0);
    ++refreshes;
    std::printf("t = %5.0f s: fields %.3f s, solver %.2f s\n", t,
                refreshes == 1 ? first_fields_s : fields_s - before[0], solver_s - before[1]);
    std::fflush(stdout);
    t = next;
  }
  met.project_at_source({});  // waits for a read ahead: every projection is counted

  const double per = 1 / hours;               // per met hour
  const double wrf_times_per_hour = 1.0 / 3;  // the file's 3-hourly output
  std::printf(
      "\ngrid %dx%dx%d, %.2f km cells, top %.0f m, %d species + air, cpu threads %d, "
      "%.1f met hours, %d refreshes (every %.0f s)\n",
      nx, ny, nz, cfg.grid.dx / 1000, cfg.grid.top(), n_species, solver->threads(), hours,
      refreshes, update);
  std::printf("provider construction (index, check, read 2 times): %.3f s (once per run)\n",
              open_s);
  std::printf(
      "read-ahead work per WRF time: WrfFile::read %.3f s, point maps %.3f s (a moving "
      "nest: every time), regrid_time %.3f s; per met hour (1 WRF time / 3 h) %.3f s\n",
      read_s, map_s, regrid_s, (read_s + map_s + regrid_s) * wrf_times_per_hour);
  std::printf("%-46s %12s\n", "per met hour", "seconds");
  const double interp_h = interp_s * refreshes * per;
  const double read_h = (read_s + map_s + regrid_s) * wrf_times_per_hour;
  std::printf("%-46s %12.3f\n", "read + regrid (the read-ahead's work)", read_h);
  // Steady state: the later refreshes' fields(), per refresh, times the
  // refreshes of a met hour; the projections per WRF time times the WRF
  // times of a met hour (the start-up's reads and projections are once per run).
  const double refreshes_per_hour = 3600 / update;
  const double fields_h = refreshes > 1 ? fields_s / (refreshes - 1) * refreshes_per_hour : 0;
  const double proj_h = projections ? proj_s / projections * wrf_times_per_hour : 0;
  std::printf("start-up: first fields() (reads and projects 2 WRF times) %.3f s, once per run\n",
              first_fields_s);
  std::printf("%-46s %12.3f\n", "fields() on the caller (wait + interp + copy)", fields_h);
  std::printf("%-46s %12.3f\n", "  of which time interpolation (apart)", interp_h);
  std::printf("%-46s %12.3f\n", "projection, once per WRF time (as the run does)", proj_h);
  std::printf("%-46s %12.3f\n", "  (at every refresh instead: default tolerance)",
              one_default_s * refreshes_per_hour);
  char label[64];
  std::snprintf(label, sizeof label, "  (at every refresh instead: tolerance %.0e)", tolerance);
  std::printf("%-46s %12.3f\n", label, one_loose_s * refreshes_per_hour);
  std::printf("%-46s %12.3f\n", "solver (advance)", solver_s * per);
  std::printf(
      "%d projections (WRF times read), %.1f iterations each, max divergence after %.1e of "
      "|u|/dx\n",
      projections, projections ? double(it_default) / projections : 0.0, div_default);
  // The read-ahead's work runs beside the solver, on the same cores: it is
  // counted in full, next to what the caller spends in fields().
  const double met_s = read_h + fields_h + proj_h;
  const double met_refresh_s = read_h + fields_h + one_default_s * refreshes_per_hour;
  solver_s *= per;
  std::printf("projecting at every refresh instead: met path = %.1f %% of the run\n",
              100 * met_refresh_s / (met_refresh_s + solver_s));
  std::printf("met path = %.1f %% of the run\n", 100 * met_s / (met_s + solver_s));
  return 0;
}
