// Linked instead of host/solver/cuda/ when the build has no CUDA backend, so the
// backend choice stays a run-time question with one answer here.
#include <memory>
#include <stdexcept>
#include <string>

#include "host/solver/transport_solver.hpp"
#include "host/solver/wind_projection.hpp"

namespace airshed {
int cuda_device_count(std::string& why) {
  why = "this airshed was built without the CUDA backend (no nvcc at configure time)";
  return 0;
}
bool cuda_backend_built() { return false; }
std::unique_ptr<TransportSolver> make_cuda_solver(const TransportConfig&) {
  throw std::runtime_error("this airshed was built without the CUDA backend");
}
std::unique_ptr<WindProjector> make_cuda_wind_projector(const Grid&, const Boundaries&,
                                                        const WindProjectionOptions&) {
  throw std::runtime_error("this airshed was built without the CUDA backend");
}
}  // namespace airshed
