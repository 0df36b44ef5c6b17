// Cost of the chemistry operator (kernels/chemistry.hpp, issue 16) per
// cell-step against the 4-species transport step, both on the CPU backend
// with the same threads (docs/performance.md, "Chemistry operator").
//
//   bench_chemistry [--cells 200x200x30] [--threads N] [--reps 5]
//
// Chemistry: chemistry_step over every cell through for_each_cell of
// kernels/backend.hpp (OpenMP rows, simd along x), reading and writing the
// nine species as float fields (species-major, as the solver keeps
// concentrations) and per-cell temperature, pressure and humidity, per-column
// sun and cloud, in four met regimes (clear noon, cloudy morning, night dry,
// night humid: the aqueous Kp branch). Transport: TransportSolver::step of a
// 4-species case like bench_transport's (power-law wind veering with height,
// open boundaries, decay and deposition), dt = stable_dt(). Medians of --reps
// timed repetitions after one warm-up. Also timed apart: chemistry_rates
// alone (the met-dependent part) and chemistry_step from rates kept in
// five float fields (what a caller holding the rates while the met holds
// still would pay per step). The last line:
//   chemistry = X % of a 4-species transport step
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "host/solver/cpu_threads.hpp"
#include "host/solver/transport_solver.hpp"
#include "kernels/chemistry.hpp"

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

namespace be = airshed::omp_backend;
namespace k = airshed::kernels;

// The fields one chemistry call reads and writes: 9 species, 3 per-cell
// met fields, 2 per-column ones (float, as the solver stores them).
struct ChemistryFields {
  int nx, ny, nz;
  be::device_vector<float> species[9];
  be::device_vector<float> temperature, pressure, humidity, cos_zenith, radiation;
};

void fill(ChemistryFields& f, double cos_zenith, double radiation, double rh) {
  const std::size_t cells = std::size_t(f.nx) * f.ny * f.nz, columns = std::size_t(f.nx) * f.ny;
  const float start[9] = {40, 10, 30, 8, 1, 0.5f, 2, 12, 3};  // no .. nh4, ppb
  for (int s = 0; s < 9; ++s) {
    std::vector<float> h(cells);
    for (std::size_t n = 0; n < cells; ++n)
      h[n] = start[s] * float(1.0 + 0.5 * std::sin(0.001 * double(n) + s));
    f.species[s] = h;
  }
  std::vector<float> t(cells), p(cells), q(cells);
  for (std::size_t n = 0; n < cells; ++n) {
    const int kz = int(n / columns);
    t[n] = float(268.0 - 0.0065 * 20.0 * kz + 2.0 * std::sin(0.0003 * double(n)));
    p[n] = float(101325.0 * std::exp(-20.0 * kz / 8000.0));
    q[n] = float(std::min(0.99, rh + 0.05 * std::sin(0.0002 * double(n))));
  }
  f.temperature = t, f.pressure = p, f.humidity = q;
  std::vector<float> cz(columns), r(columns);
  for (std::size_t n = 0; n < columns; ++n) {
    cz[n] = float(cos_zenith + 0.02 * std::sin(0.01 * double(n)));
    r[n] = float(radiation);
  }
  f.cos_zenith = cz, f.radiation = r;
}

// The operator as the solver would run it: one thread per cell (GPU), rows
// with a simd loop along x (OpenMP).
void chemistry_pass(ChemistryFields& f, double dt) {
  float* c[9];
  for (int s = 0; s < 9; ++s) c[s] = be::raw(f.species[s]);
  const float *t = be::raw(f.temperature), *p = be::raw(f.pressure), *q = be::raw(f.humidity);
  const float *cz = be::raw(f.cos_zenith), *rad = be::raw(f.radiation);
  const int nx = f.nx, ny = f.ny;
  const k::ChemistryOptions opt;
  be::for_each_cell(f.nx, f.ny, f.nz, [=](int i, int j, int kz) {
    const std::size_t col = std::size_t(j) * nx + i, n = std::size_t(kz) * nx * ny + col;
    k::ChemistryCell cell{c[0][n], c[1][n], c[2][n], c[3][n], c[4][n],
                          c[5][n], c[6][n], c[7][n], c[8][n]};
    const k::ChemistryEnvironment env{t[n], p[n], q[n], cz[col], rad[col]};
    k::chemistry_step(cell, env, opt, dt);
    c[0][n] = float(cell.no), c[1][n] = float(cell.no2), c[2][n] = float(cell.o3);
    c[3][n] = float(cell.so2), c[4][n] = float(cell.so4), c[5][n] = float(cell.hno3);
    c[6][n] = float(cell.no3), c[7][n] = float(cell.nh3), c[8][n] = float(cell.nh4);
  });
}

// The met-dependent part alone, into five float fields.
struct RateFields {
  be::device_vector<float> r[5];
};

void rates_pass(ChemistryFields& f, RateFields& out) {
  const float *t = be::raw(f.temperature), *p = be::raw(f.pressure), *q = be::raw(f.humidity);
  const float *cz = be::raw(f.cos_zenith), *rad = be::raw(f.radiation);
  float* r[5];
  for (int s = 0; s < 5; ++s) r[s] = be::raw(out.r[s]);
  const int nx = f.nx, ny = f.ny;
  be::for_each_cell(f.nx, f.ny, f.nz, [=](int i, int j, int kz) {
    const std::size_t col = std::size_t(j) * nx + i, n = std::size_t(kz) * nx * ny + col;
    const k::ChemistryRates x = k::chemistry_rates({t[n], p[n], q[n], cz[col], rad[col]});
    r[0][n] = float(x.k_no_o3), r[1][n] = float(x.j_no2), r[2][n] = float(x.so2_oxidation);
    r[3][n] = float(x.no2_oxidation), r[4][n] = float(x.kp);
  });
}

// chemistry_step from kept rates.
void step_pass(ChemistryFields& f, RateFields& rates, double dt) {
  float* c[9];
  for (int s = 0; s < 9; ++s) c[s] = be::raw(f.species[s]);
  const float* r[5];
  for (int s = 0; s < 5; ++s) r[s] = be::raw(rates.r[s]);
  const int nx = f.nx, ny = f.ny;
  const k::ChemistryOptions opt;
  be::for_each_cell(f.nx, f.ny, f.nz, [=](int i, int j, int kz) {
    const std::size_t n = (std::size_t(kz) * ny + j) * nx + i;
    k::ChemistryCell cell{c[0][n], c[1][n], c[2][n], c[3][n], c[4][n],
                          c[5][n], c[6][n], c[7][n], c[8][n]};
    k::chemistry_step(cell, k::ChemistryRates{r[0][n], r[1][n], r[2][n], r[3][n], r[4][n]}, opt,
                      dt);
    c[0][n] = float(cell.no), c[1][n] = float(cell.no2), c[2][n] = float(cell.o3);
    c[3][n] = float(cell.so2), c[4][n] = float(cell.so4), c[5][n] = float(cell.hno3);
    c[6][n] = float(cell.no3), c[7][n] = float(cell.nh3), c[8][n] = float(cell.nh4);
  });
}

// The 4-species transport case (bench_transport's make_case, condensed).
std::unique_ptr<airshed::TransportSolver> transport_case(int nx, int ny, int nz) {
  using namespace airshed;
  TransportConfig cfg;
  Grid& g = cfg.grid;
  g.nx = nx, g.ny = ny, g.nz = nz, g.dx = 100, g.dy = 100;
  g.z_faces = uniform_levels(nz, 10.0 * nz);
  for (int s = 0; s < 4; ++s)
    cfg.species.push_back({"s" + std::to_string(s), 0.1, 1e-5, s % 2 ? 0.002 : 0.0});
  cfg.boundaries = {LateralBoundary::open, LateralBoundary::open, TopBoundary::open};
  MetFields m = uniform_met(g, 0, 0, 0, 0, 0);
  for (int kz = 0; kz < nz; ++kz) {
    const double speed = 5.0 * std::pow(g.z_centre(kz) / 100.0, 0.2);
    const double turn = 0.3 * g.z_centre(kz) / g.top();
    for (int j = 0; j <= ny; ++j)
      for (int i = 0; i <= nx; ++i) {
        const double wave = 1.0 + 0.1 * std::sin(0.05 * i) * std::cos(0.05 * j);
        if (j < ny)
          m.u[(std::size_t(kz) * ny + j) * (nx + 1) + i] = float(speed * std::cos(turn) * wave);
        if (i < nx)
          m.v[(std::size_t(kz) * (ny + 1) + j) * nx + i] = float(speed * std::sin(turn) * wave);
      }
  }
  for (std::size_t n = 0; n < m.w.size(); ++n) m.w[n] = float(0.02 * std::sin(0.001 * double(n)));
  for (std::size_t n = 0; n < m.kh.size(); ++n)
    m.kh[n] = float(20.0 + 5.0 * std::sin(0.0007 * double(n)));
  for (int fz = 0; fz <= nz; ++fz) {
    const double z = g.z_faces[fz] / g.top();
    for (std::size_t c = 0; c < g.columns(); ++c)
      m.kz[fz * g.columns() + c] = float(0.5 + 40.0 * z * (1 - z));
  }
  std::vector<float> c0(g.cells());
  for (std::size_t n = 0; n < c0.size(); ++n) c0[n] = float(1.0 + std::sin(0.0001 * double(n)));
  auto solver = make_solver(BackendChoice::cpu, cfg);
  solver->set_met(m);
  solver->set_emissions(
      {{g.index(nx / 4, ny / 2, 2), 0, 1e6}, {g.index(nx / 2, ny / 3, 3), 1, 1e6}});
  for (int s = 0; s < 4; ++s) solver->set_concentration(s, c0);
  return solver;
}

template <class F>
double timed_median(int reps, F f) {
  f();  // warm-up
  std::vector<double> t;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = Clock::now();
    f();
    t.push_back(seconds_since(t0));
  }
  return median(t);
}

}  // namespace

int main(int argc, char** argv) {
  airshed::prefer_passive_omp_wait(argv);  // before OpenMP starts a thread
  int nx = 200, ny = 200, nz = 30, threads = 0, reps = 5;
  for (int a = 1; a + 1 < argc; a += 2) {
    const std::string key = argv[a], v = argv[a + 1];
    if (key == "--cells" && std::sscanf(v.c_str(), "%dx%dx%d", &nx, &ny, &nz) == 3) continue;
    if (key == "--threads")
      threads = std::atoi(v.c_str());
    else if (key == "--reps")
      reps = std::max(1, std::atoi(v.c_str()));
    else {
      std::fprintf(stderr, "usage: bench_chemistry [--cells NXxNYxNZ] [--threads N] [--reps R]\n");
      return 2;
    }
  }
  if (threads > 0) omp_set_num_threads(threads);
  const double cells = double(nx) * ny * nz;
  std::printf("grid %dx%dx%d (%.3g cells), %d threads, median of %d\n", nx, ny, nz, cells,
              omp_get_max_threads(), reps);

  auto solver = transport_case(nx, ny, nz);
  const double dt = solver->stable_dt();
  const double transport = timed_median(reps, [&] { solver->step(dt); });
  std::printf("transport step, 4 species (dt %.1f s): %.1f ms, %.1f ns per cell-step\n", dt,
              1e3 * transport, 1e9 * transport / cells);

  struct Regime {
    const char* name;
    double cos_zenith, radiation, rh;
  } regimes[] = {{"clear noon", 0.6, 1.0, 0.4},
                 {"cloudy morning", 0.25, 0.4, 0.5},
                 {"night, dry", -0.4, 1.0, 0.5},
                 {"night, humid (aqueous Kp)", -0.4, 1.0, 0.9}};
  ChemistryFields f{nx, ny, nz, {}, {}, {}, {}, {}, {}};
  double worst = 0;
  for (const Regime& r : regimes) {
    fill(f, r.cos_zenith, r.radiation, r.rh);
    const double t = timed_median(reps, [&] { chemistry_pass(f, dt); });
    RateFields kept;
    for (auto& v : kept.r) v.resize(std::size_t(cells));
    const double t_rates = timed_median(reps, [&] { rates_pass(f, kept); });
    const double t_step = timed_median(reps, [&] { step_pass(f, kept, dt); });
    std::printf(
        "chemistry, %-26s %.1f ms, %.1f ns per cell-step, %.3g cell-steps/s, %.1f %% of "
        "transport; rates alone %.1f ns, step from kept rates %.1f ns (%.1f %%)\n",
        (std::string(r.name) + ":").c_str(), 1e3 * t, 1e9 * t / cells, cells / t,
        100 * t / transport, 1e9 * t_rates / cells, 1e9 * t_step / cells, 100 * t_step / transport);
    worst = std::max(worst, t);
  }
  std::printf("chemistry = %.1f %% of a 4-species transport step (the slowest regime)\n",
              100 * worst / transport);
  return 0;
}
