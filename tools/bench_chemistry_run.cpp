// Cost of the chemistry process in the run (host/solver/chemistry_process.hpp:
// the unit conversions, kernels::chemistry_step per cell, the budget sums)
// per cell-step, against the whole transport step of 4 species on the same
// grid and threads (docs/performance.md, "Chemistry operator in the run").
// The chemistry's own operator is timed from the solver's pipeline alone;
// its met is a winter noon (photolysis and OH on: every branch runs).
//   bench_chemistry_run [--cells 128x128x32] [--threads N] [--reps 5]
// Last line: chemistry_fraction=<chemistry operator / 4-species transport step>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "host/solver/backend_solver.hpp"
#include "host/solver/cpu_threads.hpp"

using namespace airshed;

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

template <class F>
double seconds(F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

TransportConfig base(int nx, int ny, int nz, int threads) {
  TransportConfig cfg;
  cfg.grid.nx = nx, cfg.grid.ny = ny, cfg.grid.nz = nz, cfg.grid.dx = 100, cfg.grid.dy = 100;
  cfg.grid.z_faces = uniform_levels(nz, 10.0 * nz);
  cfg.boundaries = {LateralBoundary::open, LateralBoundary::open, TopBoundary::open};
  cfg.threads = threads;
  return cfg;
}

MetFields met(const Grid& g) {
  MetFields m = uniform_met(g, 4.0, 1.5, 0.0, 20.0, 5.0);
  m.temperature.assign(g.cells(), 272.0f);
  m.pressure.assign(g.cells(), 101000.0f);
  m.relative_humidity.assign(g.cells(), 0.8f);
  m.radiation_factor.assign(g.columns(), 0.7f);
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  airshed::prefer_passive_omp_wait(argv);  // before OpenMP starts a thread
  int nx = 128, ny = 128, nz = 32, threads = 0, reps = 5;
  for (int a = 1; a + 1 < argc; a += 2) {
    const std::string k = argv[a], v = argv[a + 1];
    if (k == "--cells" && std::sscanf(v.c_str(), "%dx%dx%d", &nx, &ny, &nz) == 3) continue;
    if (k == "--threads")
      threads = std::atoi(v.c_str());
    else if (k == "--reps")
      reps = std::max(1, std::atoi(v.c_str()));
    else {
      std::fprintf(stderr,
                   "usage: bench_chemistry_run [--cells NXxNYxNZ] [--threads N] [--reps N]\n");
      return 2;
    }
  }
  // The 4-species transport step.
  TransportConfig tcfg = base(nx, ny, nz, threads);
  for (int s = 0; s < 4; ++s) tcfg.species.push_back({"s" + std::to_string(s), 1.0, 1e-5, 0.001});
  apply_cpu_threads(tcfg);
  omp_backend::BackendSolver transport(tcfg, threads);
  const MetFields m = met(tcfg.grid);
  transport.set_met(m);
  const double dt = std::min(transport.stable_dt(), 30.0);
  transport.step(dt);  // warm-up
  std::vector<double> t_transport;
  for (int r = 0; r < reps; ++r) t_transport.push_back(seconds([&] { transport.step(dt); }));

  // The chemistry operator of a 9-species mechanism, timed alone.
  TransportConfig ccfg = base(nx, ny, nz, threads);
  const char* names[chem_roles] = {"NO", "NO2", "O3", "SO2", "SO4", "HNO3", "NO3", "NH3", "NH4"};
  const double mw[chem_roles] = {30.006, 46.0055, 47.997, 64.066, 96.06,
                                 63.01,  62.0,    17.031, 18.04};
  const double bg[chem_roles] = {20, 40, 60, 30, 10, 2, 6, 8, 4};  // ug/m3
  ChemistryConfig& c = ccfg.chemistry;
  c.enabled = true;
  for (int r = 0; r < chem_roles; ++r) {
    ccfg.species.push_back({names[r], bg[r], 0.0, 0.0});
    c.species[std::size_t(r)] = r;
    c.molar_mass[std::size_t(r)] = mw[r];
    c.grams_per_unit[std::size_t(r)] = 1e-6;
  }
  c.start_utc_epoch_s = 1768449600.0;  // 2026-01-15 04:00 UTC: noon at 117.5 E
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) c.lon.push_back(117.5 + 1e-3 * i), c.lat.push_back(39 + 1e-3 * j);
  omp_backend::BackendSolver chem(ccfg, threads);
  chem.set_met(m);
  const ProcessPipeline::Operator* op = nullptr;
  for (const auto& o : chem.pipeline().operators())
    if (o.name == "chemistry") op = &o;
  if (!op) {
    std::fprintf(stderr, "bench_chemistry_run: no chemistry operator in the pipeline\n");
    return 1;
  }
  // One Strang pair: the even step's launch does the pair's chemistry
  // (2 dt), the odd step's nothing (chemistry_process.hpp); per step, half.
  auto pair = [&] {
    op->launch(dt, true);
    op->launch(dt, false);
  };
  pair();  // warm-up
  std::vector<double> t_chem;
  for (int r = 0; r < reps; ++r) t_chem.push_back(0.5 * seconds(pair));

  const double cells = double(nx) * ny * nz, tt = median(t_transport), tc = median(t_chem);
  std::printf("grid %dx%dx%d, %d threads, median of %d\n", nx, ny, nz, transport.threads(), reps);
  std::printf("transport step, 4 species:  %8.3f ms  %6.2f ns/cell-step\n", 1e3 * tt,
              1e9 * tt / cells);
  std::printf("chemistry operator, 9 sp.:  %8.3f ms  %6.2f ns/cell-step (per step)\n", 1e3 * tc,
              1e9 * tc / cells);
  std::printf("chemistry_fraction=%.3f\n", tc / tt);
  return 0;
}
