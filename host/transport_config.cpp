#include "transport_config.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace airshed {

int default_cpu_threads() {
  // First use is before any apply_cpu_threads(): the ICV is still OpenMP's own.
  static const int n = omp_get_max_threads();
  return n;
}

int hardware_threads() { return omp_get_num_procs(); }

int cpu_threads(const TransportConfig& cfg) {
  return cfg.threads > 0 ? cfg.threads : omp_get_max_threads();
}

void apply_cpu_threads(const TransportConfig& cfg) {
  if (cfg.threads < 0 || cfg.threads > max_cpu_threads)
    throw std::invalid_argument("transport: threads " + std::to_string(cfg.threads) +
                                " is outside 0.." + std::to_string(max_cpu_threads));
  // 0 leaves OpenMP's setting as it is (its default, or a caller's own
  // omp_set_num_threads, as tools/bench_transport --threads does).
  if (cfg.threads > 0) omp_set_num_threads(cfg.threads);
}

std::string describe_default_threads() {
  const char* env = std::getenv("OMP_NUM_THREADS");
  if (env && *env) return std::to_string(default_cpu_threads()) + " from OMP_NUM_THREADS=" + env;
  return "all " + std::to_string(hardware_threads()) + " hardware threads";
}

MetFields uniform_met(const Grid& g, double u, double v, double w, double kh, double kz) {
  const std::size_t nx = g.nx, ny = g.ny, nz = g.nz;
  MetFields m;
  m.u.assign((nx + 1) * ny * nz, float(u));
  m.v.assign(nx * (ny + 1) * nz, float(v));
  m.w.assign(nx * ny * (nz + 1), float(w));
  m.kh.assign(nx * ny * nz, float(kh));
  m.kz.assign(nx * ny * (nz + 1), float(kz));
  return m;
}

double MassBudget::relative_residual() const {
  const double scale =
      std::max({std::abs(initial) + std::abs(emitted), std::abs(in_domain), 1e-300});
  return residual() / scale;
}

void validate(const TransportConfig& cfg) {
  validate(cfg.grid);
  if (cfg.species.empty()) throw std::invalid_argument("transport: at least one species is needed");
  for (const auto& s : cfg.species) {
    if (!(s.background >= 0) || !(s.decay_rate >= 0) || !(s.deposition_velocity >= 0))
      throw std::invalid_argument("transport: species '" + s.name +
                                  "' needs background, decay_rate, deposition_velocity >= 0");
  }
  if (!(cfg.courant > 0 && cfg.courant <= 0.5))
    throw std::invalid_argument("transport: courant must be in (0, 0.5]");
  if (!(cfg.max_step_s > 0) || !std::isfinite(cfg.max_step_s))
    throw std::invalid_argument("transport: max_step_s must be a finite number > 0");
  if (!(cfg.max_loss_per_step > 0) || !std::isfinite(cfg.max_loss_per_step))
    throw std::invalid_argument("transport: max_loss_per_step must be a finite number > 0");
  if (cfg.threads < 0 || cfg.threads > max_cpu_threads)
    throw std::invalid_argument("transport: threads must be in 0.." +
                                std::to_string(max_cpu_threads));
  if (cfg.grid.nz > 256)
    throw std::invalid_argument(
        "transport: at most 256 vertical levels (kernels/column_physics.hpp)");
}

namespace {
void check_field(const std::vector<float>& f, std::size_t n, const char* name, bool non_negative) {
  if (f.size() != n)
    throw std::invalid_argument(std::string("met: field ") + name + " has " +
                                std::to_string(f.size()) + " values, expected " +
                                std::to_string(n));
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(f[i]))
      throw std::invalid_argument(std::string("met: field ") + name + " is not finite at index " +
                                  std::to_string(i));
    if (non_negative && f[i] < 0)
      throw std::invalid_argument(std::string("met: field ") + name + " is negative at index " +
                                  std::to_string(i));
  }
}
}  // namespace

void validate(const TransportConfig& cfg, const MetFields& met) {
  const std::size_t nx = cfg.grid.nx, ny = cfg.grid.ny, nz = cfg.grid.nz;
  check_field(met.u, (nx + 1) * ny * nz, "u", false);
  check_field(met.v, nx * (ny + 1) * nz, "v", false);
  check_field(met.w, nx * ny * (nz + 1), "w", false);
  check_field(met.kh, nx * ny * nz, "kh", true);
  check_field(met.kz, nx * ny * (nz + 1), "kz", true);
}

}  // namespace airshed
