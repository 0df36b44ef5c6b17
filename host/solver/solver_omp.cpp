// The optimised CPU backend: OpenMP loops and Thrust's OMP system.
#include "backend_solver.hpp"
#include "host/solver/cpu_threads.hpp"
#include "wind_projector.hpp"

namespace airshed {
std::unique_ptr<TransportSolver> make_omp_solver(const TransportConfig& cfg) {
  // make_solver() has applied cfg.threads (apply_cpu_threads): the team size
  // of this thread's parallel regions from now on.
  return std::make_unique<omp_backend::BackendSolver>(cfg, cpu_threads(cfg));
}
std::unique_ptr<WindProjector> make_omp_wind_projector(const Grid& g, const Boundaries& b,
                                                       const WindProjectionOptions& o) {
  return std::make_unique<omp_backend::BackendWindProjector>(g, b, o);
}
}  // namespace airshed
