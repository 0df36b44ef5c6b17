// Benchmark of the full transport step (emissions, x and y advection-
// diffusion, vertical advection, decay and implicit vertical diffusion)
// against the machine's memory bandwidth, measured here by a STREAM-triad
// loop with the same threads. See docs/performance.md for the byte count.
//
//   bench_transport [--backend cpu|cuda] [--threads N] [--reps R]
//                   [--cases 128x128x128:1,256x256x256:4,...] [--peer N]
//   bench_transport --steps N --cases 64x64x64:4
//   bench_transport --triad 1       the bandwidth line only
//
// Over 250 lines: option parsing, the triad, the cases and the report are
// one program whose figures docs/performance.md quotes; kept in one file.
//       no triad, no timing: set-up plus N steps of the first case, for
//       instruction counts (valgrind --tool=callgrind, perf stat).
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "host/solver/cpu_threads.hpp"
#include "host/solver/transport_solver.hpp"

double device_triad_gbs(std::size_t n, int reps);  // bench_triad_cuda.cu or the stub below
#ifndef AIRSHED_BENCH_HAVE_CUDA
double device_triad_gbs(std::size_t, int) { return -1; }
#endif

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

// Bytes the design moves per species-cell-step, counting every field read
// and written once per pass (no write-allocate, as STREAM counts):
//   x sweep   read c, u, kh, write c'        16 B
//   y sweep   read c', v, kh, write c        16 B
//   columns   read c, w, kz, write c         16 B
// The met fields (u, v, w, kh twice, kz: 20 B) are re-read for every
// species. Emissions and boundary-flux reductions touch O(1/n) of the
// cells and are not counted.
double design_bytes_per_species_cell_step() { return 48.0; }

// The one-pass roofline: the least a step can move if every pass were
// fused into one sweep over the fields, each byte once. Per cell each
// species' c is read and written once (8 B), and the met a step reads
// (u, v, w, Kh, Kz: 20 B per cell, float32, the staggered faces' extra row
// O(1/n)) is read once and shared by all species: 8 + 20 / species B per
// species-cell-step (13 B at 4 species, 28 at 1; the design's 48 adds the
// two intermediate c round trips and Kh's second read, and re-reads the met
// for every species).
double one_pass_bytes_per_species_cell_step(int species) { return 8.0 + 20.0 / species; }

// a = b + s c over three arrays of doubles, 24 B per element.
struct Triad {
  double best_gbs, median_gbs;
};
Triad host_triad(std::size_t n, int reps) {
  std::vector<double> a(n), b(n), c(n);  // first touch below, in parallel
#pragma omp parallel for schedule(static)
  for (std::ptrdiff_t i = 0; i < std::ptrdiff_t(n); ++i) a[i] = 0, b[i] = 1, c[i] = 2;
  std::vector<double> rates;
  for (int r = 0; r < reps + 1; ++r) {
    const auto t0 = Clock::now();
    const double s = 3.0 + r;
    double* pa = a.data();
    const double *pb = b.data(), *pc = c.data();
#pragma omp parallel for schedule(static)
    for (std::ptrdiff_t i = 0; i < std::ptrdiff_t(n); ++i) pa[i] = pb[i] + s * pc[i];
    const double t = seconds_since(t0);
    if (r > 0) rates.push_back(24.0 * double(n) / t / 1e9);  // first pass is warm-up
  }
  if (a[n / 2] != 1.0 + (3.0 + reps) * 2.0) std::fprintf(stderr, "triad: wrong result\n");
  return {*std::max_element(rates.begin(), rates.end()), median(rates)};
}

struct Case {
  int nx, ny, nz, species;
};

// A stable boundary layer over 100 m cells: power-law wind veering with
// height and varying along x and y, a small vertical wind, Kz peaking at
// mid-depth, open lateral faces and top, decay and deposition, and a
// smooth initial plume so the limiter takes all of its branches.
std::unique_ptr<airshed::TransportSolver> make_case(const Case& cs,
                                                    airshed::BackendChoice backend) {
  using namespace airshed;
  TransportConfig cfg;
  Grid& g = cfg.grid;
  g.nx = cs.nx, g.ny = cs.ny, g.nz = cs.nz, g.dx = 100, g.dy = 100;
  g.z_faces = uniform_levels(cs.nz, 10.0 * cs.nz);
  for (int s = 0; s < cs.species; ++s)
    cfg.species.push_back({"s" + std::to_string(s), 0.1, 1e-5, s % 2 ? 0.002 : 0.0});
  cfg.boundaries = {LateralBoundary::open, LateralBoundary::open, TopBoundary::open};
  MetFields m = uniform_met(g, 0, 0, 0, 0, 0);
  const double pi = 3.14159265358979;
  for (int k = 0; k < g.nz; ++k) {
    const double speed = 5.0 * std::pow(g.z_centre(k) / 100.0, 0.2);
    const double turn = 0.3 * g.z_centre(k) / g.top();
    for (int j = 0; j <= g.ny; ++j)
      for (int i = 0; i <= g.nx; ++i) {
        const double wave = 1.0 + 0.1 * std::sin(2 * pi * i / g.nx) * std::cos(2 * pi * j / g.ny);
        if (j < g.ny)
          m.u[(std::size_t(k) * g.ny + j) * (g.nx + 1) + i] = float(speed * std::cos(turn) * wave);
        if (i < g.nx)
          m.v[(std::size_t(k) * (g.ny + 1) + j) * g.nx + i] = float(speed * std::sin(turn) * wave);
      }
  }
  for (std::size_t n = 0; n < m.w.size(); ++n) m.w[n] = float(0.02 * std::sin(0.001 * double(n)));
  for (std::size_t n = 0; n < m.kh.size(); ++n)
    m.kh[n] = float(20.0 + 5.0 * std::sin(0.0007 * double(n)));
  for (int f = 0; f <= g.nz; ++f) {
    const double z = g.z_faces[f] / g.top();
    for (std::size_t c = 0; c < g.columns(); ++c)
      m.kz[f * g.columns() + c] = float(0.5 + 40.0 * z * (1 - z));
  }
  std::vector<float> c0(g.cells());
  for (int k = 0; k < g.nz; ++k)
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) {
        const double r2 = std::pow((i - 0.3 * g.nx) / (0.1 * g.nx), 2) +
                          std::pow((j - 0.5 * g.ny) / (0.1 * g.ny), 2);
        c0[g.index(i, j, k)] = float(0.1 + 50.0 * std::exp(-r2) * std::exp(-g.z_centre(k) / 300.0));
      }
  std::vector<CellEmission> em;
  for (int s = 0; s < cs.species; ++s)
    for (int q = 0; q < 4; ++q)
      em.push_back(
          {g.index(g.nx * (q + 1) / 6, g.ny * (s % 3 + 1) / 4, std::min(g.nz - 1, 2 + q)), s, 1e6});
  auto solver = make_solver(backend, cfg);
  solver->set_met(m);
  solver->set_emissions(em);
  for (int s = 0; s < cs.species; ++s) solver->set_concentration(s, c0);
  return solver;
}

// The case tools/peer_openfoam.sh gives scalarTransportFoam: an n^3 box of
// 100 m cells, uniform 5 m/s wind along x, K = 20 m^2/s, one point source.
std::unique_ptr<airshed::TransportSolver> make_peer_case(int n, airshed::BackendChoice backend) {
  using namespace airshed;
  TransportConfig cfg;
  Grid& g = cfg.grid;
  g.nx = g.ny = g.nz = n, g.dx = g.dy = 100;
  g.z_faces = uniform_levels(n, 100.0 * n);
  cfg.species = {{"T", 0.0, 0.0, 0.0}};
  cfg.boundaries = {LateralBoundary::open, LateralBoundary::open, TopBoundary::closed};
  auto solver = make_solver(backend, cfg);
  solver->set_met(uniform_met(g, 5.0, 0.0, 0.0, 20.0, 20.0));
  solver->set_emissions({{g.index(n / 4, n / 2, n / 8), 0, 1e6}});
  return solver;
}

double available_bytes() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  double kb = 0;
  while (in >> key >> kb) {
    if (key == "MemAvailable:") return kb * 1024;
    in.ignore(256, '\n');
  }
  return 8e9;
}

std::vector<Case> parse_cases(const std::string& list) {
  std::vector<Case> out;
  std::stringstream ss(list);
  std::string item;
  while (std::getline(ss, item, ',')) {
    Case c{};
    if (std::sscanf(item.c_str(), "%dx%dx%d:%d", &c.nx, &c.ny, &c.nz, &c.species) != 4) {
      std::fprintf(stderr, "bench_transport: bad case '%s' (want NXxNYxNZ:SPECIES)\n",
                   item.c_str());
      std::exit(2);
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  airshed::prefer_passive_omp_wait(argv);  // before OpenMP starts a thread
  std::string backend = "cpu", always,
              cases =
                  "128x128x128:1,128x128x128:4,128x128x128:16,"
                  "256x256x256:1,256x256x256:4,256x256x256:16,"
                  "512x512x64:1,512x512x64:4,512x512x64:16";
  int threads = 0, reps = 5, peer = 0, steps = 0;
  bool triad_only = false;  // --triad 1: the bandwidth line only (tools/bench --annual)
  double max_case_seconds = 30;
  for (int a = 1; a + 1 < argc; a += 2) {
    const std::string k = argv[a], v = argv[a + 1];
    if (k == "--backend")
      backend = v;
    else if (k == "--threads")
      threads = std::atoi(v.c_str());
    else if (k == "--reps")
      reps = std::max(1, std::atoi(v.c_str()));
    else if (k == "--cases")
      cases = v;
    else if (k == "--always")
      always = v;
    else if (k == "--peer")
      peer = std::atoi(v.c_str());
    else if (k == "--steps")
      steps = std::atoi(v.c_str());
    else if (k == "--triad")
      triad_only = std::atoi(v.c_str()) != 0;
    else if (k == "--max-case-seconds")
      max_case_seconds = std::atof(v.c_str());
    else {
      std::fprintf(stderr, "bench_transport: unknown option %s\n", k.c_str());
      return 2;
    }
  }
  if (threads > 0) omp_set_num_threads(threads);
  if (peer > 0) {  // airshed on the peer's case: median of 5 x 10 steps after 2 warm-up steps
    auto solver = make_peer_case(peer, airshed::parse_backend(backend));
    const double dt = solver->stable_dt();
    for (int s = 0; s < 2; ++s) solver->step(dt);
    std::vector<double> t;
    for (int r = 0; r < 5; ++r) {
      const auto t0 = Clock::now();
      for (int s = 0; s < 10; ++s) solver->step(dt);
      t.push_back(seconds_since(t0) / 10);
    }
    std::printf("peer_airshed cells=%d seconds_per_step=%.5f cell_updates_per_s=%.6g dt=%.2f\n",
                peer * peer * peer, median(t), double(peer) * peer * peer / median(t), dt);
    return 0;
  }
  if (steps > 0) {  // instruction counting: no triad, no timing
    const Case cs = parse_cases(cases).front();
    auto solver = make_case(cs, airshed::parse_backend(backend));
    const double dt = solver->stable_dt();
    for (int s = 0; s < steps; ++s) solver->step(dt);
    const auto b = solver->budget(0);
    const char* policy = std::getenv("OMP_WAIT_POLICY");
    std::printf("steps=%d relative_residual=%.3e omp_wait_policy=%s\n", steps,
                b.relative_residual(), policy ? policy : "unset");
    return 0;
  }
  const bool cuda = backend == "cuda";
  const auto choice = airshed::parse_backend(backend);

  // Machine bandwidth: the host triad with the solver's threads, or the device triad.
  const std::size_t triad_n = std::size_t(1) << 25;  // 3 x 256 MB, far beyond any cache
  Triad bw{};
  if (cuda) {
    bw.best_gbs = bw.median_gbs = device_triad_gbs(std::size_t(1) << 27, 20);
  } else {
    bw = host_triad(triad_n, 10);
  }
  const char* policy = std::getenv("OMP_WAIT_POLICY");
  std::printf(
      "bandwidth backend=%s threads=%d triad_best_GBs=%.2f triad_median_GBs=%.2f "
      "omp_wait_policy=%s\n",
      backend.c_str(), cuda ? 0 : omp_get_max_threads(), bw.best_gbs, bw.median_gbs,
      policy ? policy : "unset");
  if (triad_only) return 0;

  const double bytes = design_bytes_per_species_cell_step();
  std::printf("%-13s %3s %9s %12s %8s %8s %9s %9s\n", "grid", "ns", "ms/step", "spc-upd/s", "B/upd",
              "GB/s", "roofline", "1-pass");
  const double mem = available_bytes();
  double slowest = 0;  // species-cell-updates/s
  for (const Case& cs : parse_cases(cases)) {
    const double cells = double(cs.nx) * cs.ny * cs.nz;
    char grid[32];
    std::snprintf(grid, sizeof grid, "%dx%dx%d", cs.nx, cs.ny, cs.nz);
    // Fields (28 B/cell + 4 per extra species) plus the host copies set-up makes.
    const double need = cells * (28.0 + 4.0 * (cs.species - 1)) + cells * 4.0 * 7;
    if (need > 0.6 * mem) {
      std::printf("%-13s %3d skipped: needs %.1f GB, %.1f GB available\n", grid, cs.species,
                  need / 1e9, mem / 1e9);
      continue;
    }
    if (cs.nz > 256) {
      std::printf("%-13s %3d skipped: at most 256 levels\n", grid, cs.species);
      continue;
    }
    // Predicted from the slowest throughput so far: skip what cannot fit the time budget.
    const double predicted = cells * cs.species / std::max(slowest, 1.0);
    if (slowest > 0 && 3 * predicted > max_case_seconds &&
        always != grid + (":" + std::to_string(cs.species))) {
      std::printf("%-13s %3d skipped: ~%.1f s per step, 3 steps exceed --max-case-seconds %.0f\n",
                  grid, cs.species, predicted, max_case_seconds);
      continue;
    }
    auto solver = make_case(cs, choice);
    const double dt = solver->stable_dt();
    auto t0 = Clock::now();
    solver->step(dt);  // warm-up: page faults, caches, CUDA module load
    const double t_first = seconds_since(t0);
    // Steps per repetition so a repetition lasts ~0.3 s; fewer reps if a case would be too slow.
    const int per_rep = std::max(1, int(0.3 / std::max(t_first, 1e-6)));
    const int r_here = std::max(2, std::min(reps, int(max_case_seconds / (t_first * per_rep))));
    std::vector<double> per_step;
    for (int r = 0; r < r_here; ++r) {
      t0 = Clock::now();
      for (int s = 0; s < per_rep; ++s) solver->step(dt);
      per_step.push_back(seconds_since(t0) / per_rep);
    }
    const double t = median(per_step);
    const double updates = cells * cs.species / t;
    slowest = slowest > 0 ? std::min(slowest, updates) : updates;
    const double gbs = updates * bytes / 1e9;
    const double one_pass = one_pass_bytes_per_species_cell_step(cs.species);
    const double one_pass_fraction = updates * one_pass / 1e9 / bw.best_gbs;
    std::printf("%-13s %3d %9.2f %12.4g %8.0f %8.2f %9.3f %9.3f\n", grid, cs.species, 1e3 * t,
                updates, bytes, gbs, gbs / bw.best_gbs, one_pass_fraction);
    std::printf(
        "row grid=%s species=%d ms_per_step=%.3f species_cell_updates_per_s=%.6g "
        "bytes_per_update=%.0f "
        "GBs=%.3f roofline_fraction=%.4f one_pass_bytes_per_update=%.2f "
        "one_pass_fraction=%.4f reps=%d steps_per_rep=%d\n",
        grid, cs.species, 1e3 * t, updates, bytes, gbs, gbs / bw.best_gbs, one_pass,
        one_pass_fraction, r_here, per_rep);
    const auto b = solver->budget(0);
    if (!(std::abs(b.relative_residual()) < 1e-4))
      std::printf("warning: %s budget residual %.2e\n", grid, b.relative_residual());
    std::fflush(stdout);
  }
  return 0;
}
