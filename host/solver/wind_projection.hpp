// Mass-consistent winds: Sherman's (1978) variational adjustment of a
// first-guess C-grid wind to zero discrete divergence on airshed's grid,
// run on the solver's backend (docs/numerics.md, "Mass-consistent winds").
// The met providers call it on their first guess (interpolated WRF winds,
// a station analysis) before handing MetFields to the solver.
#pragma once

#include <memory>

#include "host/core/forcing.hpp"
#include "host/core/grid.hpp"
#include "host/core/solver_config.hpp"
#include "host/solver/transport_solver.hpp"

namespace airshed {

struct WindProjectionOptions {
  // (alpha_h / alpha_v)^2, Sherman's weight ratio: w = w0 + r dphi/dz. 1 is
  // the isotropic (potential-flow) adjustment; larger lets w take more of it.
  double vertical_weight = 1;
  double tolerance = 1e-10;  // on the relative residual ||b - L phi|| / ||b|| of the Poisson solve
  int max_iterations = 5000;
  // Precondition CG with a multigrid V-cycle (horizontal coarsening, the
  // vertical-line smoother); false: the vertical-line (Jacobi) preconditioner
  // alone, whose iterations grow with the domain's width in cells.
  bool multigrid = true;
};

struct WindProjectionReport {
  int iterations = 0;
  double divergence_before = 0;  // max |div| * dx / max(|u|, |v|) of the first guess
  double divergence_after = 0;   // the same of the adjusted wind
  double residual = 0;           // relative residual of the Poisson solve (recomputed at the end)
  bool converged = false;        // residual <= tolerance within max_iterations
};

class WindProjector {
 public:
  virtual ~WindProjector() = default;
  // Adjusts met.u, met.v, met.w in place: closed boundary faces and the
  // ground (and a closed top) are set to 0, periodic face 0 to face n as
  // the solver reads them, then the rest is corrected. Without convergence
  // the best iterate's correction is still applied and the report says so.
  // Throws std::invalid_argument when a wind array has the wrong size or a
  // face the solver reads is NaN or infinite (met then has only its
  // boundary faces set).
  virtual WindProjectionReport project(MetFields& met) = 0;
};

// Throws std::runtime_error when `cuda` is requested and no GPU is usable,
// std::invalid_argument for a bad grid or options.
std::unique_ptr<WindProjector> make_wind_projector(BackendChoice backend, const Grid& grid,
                                                   const Boundaries& boundaries,
                                                   const WindProjectionOptions& options);

}  // namespace airshed
