// The plain serial backend (compiled with AIRSHED_SERIAL): the same kernel
// bodies in plain loops, used to check the threaded path does not depend on
// thread count or ordering.
#include "backend_solver.hpp"

namespace airshed {
std::unique_ptr<TransportSolver> make_serial_solver(const TransportConfig& cfg) {
  return std::make_unique<serial_backend::BackendSolver>(cfg, 1);  // one thread, always
}
}  // namespace airshed
