// The backend-neutral face of the wind projection: the backend choice.
#include "host/solver/wind_projection.hpp"

#include <stdexcept>
#include <string>

namespace airshed {

// Compiled per backend with the solver: solver_omp.cpp, solver_serial.cpp,
// cuda/solver_cuda.cu (cuda_unavailable.cpp without the CUDA backend).
std::unique_ptr<WindProjector> make_omp_wind_projector(const Grid&, const Boundaries&,
                                                       const WindProjectionOptions&);
std::unique_ptr<WindProjector> make_serial_wind_projector(const Grid&, const Boundaries&,
                                                          const WindProjectionOptions&);
std::unique_ptr<WindProjector> make_cuda_wind_projector(const Grid&, const Boundaries&,
                                                        const WindProjectionOptions&);
int cuda_device_count(std::string& why);

// The same choice as make_solver() (transport_solver.cpp).
std::unique_ptr<WindProjector> make_wind_projector(BackendChoice backend, const Grid& grid,
                                                   const Boundaries& boundaries,
                                                   const WindProjectionOptions& options) {
  std::string why;
  switch (backend) {
    case BackendChoice::cpu:
      return make_omp_wind_projector(grid, boundaries, options);
    case BackendChoice::serial:
      return make_serial_wind_projector(grid, boundaries, options);
    case BackendChoice::cuda:
      if (cuda_device_count(why) == 0) throw std::runtime_error("--backend cuda: " + why);
      return make_cuda_wind_projector(grid, boundaries, options);
    case BackendChoice::automatic:
      return cuda_device_count(why) > 0 ? make_cuda_wind_projector(grid, boundaries, options)
                                        : make_omp_wind_projector(grid, boundaries, options);
  }
  throw std::logic_error("unreachable backend choice");
}

}  // namespace airshed
