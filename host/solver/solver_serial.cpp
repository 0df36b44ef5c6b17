// The plain serial backend (compiled with AIRSHED_SERIAL): the same kernel
// bodies in plain loops, used to check the threaded path does not depend on
// thread count or ordering.
#include "backend_solver.hpp"
#include "wind_projector.hpp"

namespace airshed {
std::unique_ptr<TransportSolver> make_serial_solver(const TransportConfig& cfg) {
  return std::make_unique<serial_backend::BackendSolver>(cfg, 1);  // one thread, always
}
std::unique_ptr<WindProjector> make_serial_wind_projector(const Grid& g, const Boundaries& b,
                                                          const WindProjectionOptions& o) {
  return std::make_unique<serial_backend::BackendWindProjector>(g, b, o);
}
}  // namespace airshed
