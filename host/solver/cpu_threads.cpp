#include "host/solver/cpu_threads.hpp"

#include <omp.h>
#include <unistd.h>

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

void prefer_passive_omp_wait(char** argv) {
  if (std::getenv("OMP_WAIT_POLICY")) return;
  if (setenv("OMP_WAIT_POLICY", "passive", 1) != 0) return;
  execv("/proc/self/exe", argv);
  unsetenv("OMP_WAIT_POLICY");  // no re-exec (no /proc): the library default, reported as unset
}

}  // namespace airshed
