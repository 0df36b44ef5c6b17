// Mixing-ratio consistency for the split solver. A dimension-split
// flux-form scheme conserves mass exactly, but each directional sweep sees
// only its part of the wind's divergence, so even a discretely
// divergence-free wind turns a uniform field non-uniform (by tens of per
// cent for rough winds; docs/numerics.md, "Mass-consistent winds"). The
// remedy of Easter (1993, Mon. Wea. Rev. 121, 297-304) and of CMAQ (Byun
// 1999, J. Atmos. Sci. 56, 3808-3820): transport the air itself with the
// same operators and report each species per unit of that air. Every
// operator the air goes through (limited advection, diffusion, open
// inflow at its background 1) is homogeneous of degree one in the field,
// so a species c = q a with q uniform stays q a: q = c / a is kept uniform
// to rounding, mass (the sum of c V) stays exact, and the air's departure
// from 1 measures how far the split steps stray from the wind's continuity.
//
// Wraps a backend solver that holds one more species, "air" (background 1,
// no loss, no emission), after the scenario's. Concentrations in and out
// are per unit air (c / a); budgets are the species' mass, unchanged.
#pragma once

#include <memory>
#include <vector>

#include "host/solver/forwarding_solver.hpp"

namespace airshed {

class MixingRatioSolver final : public ForwardingSolver {
 public:
  // `inner` was made from with_air(cfg); `cfg` is what callers see.
  MixingRatioSolver(std::unique_ptr<TransportSolver> inner, const TransportConfig& cfg);

  const TransportConfig& config() const override { return cfg_; }
  void set_concentration(int species, const std::vector<float>& c) override;
  std::vector<float> concentration(int species) const override;

  // The transported air density (1 where the split steps keep continuity).
  std::vector<float> air() const;

 private:
  TransportConfig cfg_;
  int air_;  // the air's species index in the inner solver
};

// The backend's config for a carry_air config: the air appended as the last
// species, carry_air off.
TransportConfig with_air(const TransportConfig& cfg);

}  // namespace airshed
