// The CUDA backend: the same solver source, compiled by nvcc.
#include "host/solver/backend_solver.hpp"

namespace airshed {
std::unique_ptr<TransportSolver> make_cuda_solver(const TransportConfig& cfg) {
  // One host thread drives the device (TransportSolver::threads()).
  return std::make_unique<cuda_backend::BackendSolver>(cfg, 1);
}
}  // namespace airshed
