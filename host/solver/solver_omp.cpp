// The optimised CPU backend: OpenMP loops and Thrust's OMP system.
#include "backend_solver.hpp"

namespace airshed {
std::unique_ptr<TransportSolver> make_omp_solver(const TransportConfig& cfg) {
  return std::make_unique<omp_backend::BackendSolver>(cfg);
}
}  // namespace airshed
