// The CUDA backend: the same solver source, compiled by nvcc.
#include "host/solver/backend_solver.hpp"
#include "host/solver/wind_projector.hpp"

namespace airshed {
std::unique_ptr<TransportSolver> make_cuda_solver(const TransportConfig& cfg) {
  // One host thread drives the device (TransportSolver::threads()).
  return std::make_unique<cuda_backend::BackendSolver>(cfg, 1);
}
std::unique_ptr<WindProjector> make_cuda_wind_projector(const Grid& g, const Boundaries& b,
                                                        const WindProjectionOptions& o) {
  return std::make_unique<cuda_backend::BackendWindProjector>(g, b, o);
}
}  // namespace airshed
