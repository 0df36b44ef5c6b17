// The host's list of plume-in-grid puffs (docs/numerics.md, "Plume-in-grid"):
// releases, moves and grows them with the kernels of kernels/puff.hpp and
// hands each to the grid with kernels/puff_handoff.hpp once it is wide or
// old enough, keeping the mass account emitted = in puffs + handed + out to
// float64 rounding. Backend-independent, compiled once; the caller owns
// the grid field the puffs are handed to and the met they see.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "kernels/puff.hpp"
#include "kernels/puff_handoff.hpp"

namespace airshed {

// The met a puff sees at its centre: wind and turbulence, and the mixing
// height that reflects it.
struct PuffMet {
  double u = 0, v = 0;  // m/s
  kernels::PuffTurbulence turbulence;
  double mixing_height = 0;  // m, positive
};

class PuffSet {
 public:
  // species: the number of mass entries per puff; handoff_width and max_age
  // as in kernels::puff_ready_for_grid.
  PuffSet(int species, double handoff_width, double max_age_s);

  // A new puff at (x, y) with the given rise, carrying mass[s] (M) of each
  // species; counted as emitted.
  void release(double x, double y, const kernels::PuffRise& rise, const std::vector<double>& mass);

  // One step dt: every puff moved and grown in the met at its centre, then
  // each one that left the grid's horizontal extent counted as outflow and
  // each one ready for the grid handed to c (species s at c + s * stride,
  // as kernels::handoff_puff). Removed puffs leave the list.
  void step(double dt, const std::function<PuffMet(const kernels::Puff&)>& met_at,
            const kernels::PuffGridView& grid, double* c, std::size_t stride);

  const std::vector<kernels::Puff>& puffs() const { return puffs_; }
  // Per species, M.
  std::vector<double> mass_in_puffs() const;
  const std::vector<double>& emitted() const { return emitted_; }
  const std::vector<double>& handed_off() const { return handed_; }
  const std::vector<double>& outflow() const { return out_; }

 private:
  int species_;
  double width_, max_age_;
  std::vector<kernels::Puff> puffs_;
  std::vector<double> mass_;  // species_ per puff, puff-major
  std::vector<double> emitted_, handed_, out_;
};

}  // namespace airshed
