#include "transport_solver.hpp"

#include <cmath>
#include <stdexcept>

namespace airshed {

std::unique_ptr<TransportSolver> make_omp_solver(const TransportConfig& cfg);
std::unique_ptr<TransportSolver> make_serial_solver(const TransportConfig& cfg);
std::unique_ptr<TransportSolver> make_cuda_solver(const TransportConfig& cfg);
int cuda_device_count(std::string& why);

int TransportSolver::advance(double duration) {
  if (!(duration > 0)) return 0;
  // Equal steps that land exactly on the end time: n = ceil(T / dt_max).
  const double dt_max = stable_dt();
  const double n = std::isfinite(dt_max) ? std::ceil(duration / dt_max * (1 - 1e-12)) : 1.0;
  const long steps = std::max(1L, long(n));
  const double dt = duration / double(steps);
  for (long s = 0; s < steps; ++s) step(dt);
  return int(steps);
}

BackendChoice parse_backend(const std::string& name) {
  if (name == "auto") return BackendChoice::automatic;
  if (name == "cpu") return BackendChoice::cpu;
  if (name == "cuda") return BackendChoice::cuda;
  if (name == "serial") return BackendChoice::serial;
  throw std::invalid_argument("unknown backend '" + name + "'; allowed: auto, cpu, cuda, serial");
}

std::string describe_backend_choice(BackendChoice choice) {
  std::string why;
  const int gpus = cuda_device_count(why);
  switch (choice) {
    case BackendChoice::cpu: return "backend: cpu (requested)";
    case BackendChoice::serial: return "backend: serial reference (requested)";
    case BackendChoice::cuda:
      return gpus > 0 ? "backend: cuda (requested)" : "backend: cuda requested but unusable: " + why;
    case BackendChoice::automatic:
      return gpus > 0 ? "backend: cuda (" + std::to_string(gpus) + " GPU(s) found)"
                      : "backend: cpu (no GPU: " + why + ")";
  }
  return "";
}

std::unique_ptr<TransportSolver> make_solver(BackendChoice choice, const TransportConfig& cfg) {
  apply_cpu_threads(cfg);  // TransportConfig::threads: the one place the count is set
  std::string why;
  switch (choice) {
    case BackendChoice::cpu: return make_omp_solver(cfg);
    case BackendChoice::serial: return make_serial_solver(cfg);
    case BackendChoice::cuda:
      if (cuda_device_count(why) == 0) throw std::runtime_error("--backend cuda: " + why);
      return make_cuda_solver(cfg);
    case BackendChoice::automatic:
      return cuda_device_count(why) > 0 ? make_cuda_solver(cfg) : make_omp_solver(cfg);
  }
  throw std::logic_error("unreachable backend choice");
}

}  // namespace airshed
