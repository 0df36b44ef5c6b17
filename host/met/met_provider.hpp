// Meteorology behind one interface: for a time since the scenario start,
// the surface state and the solver-grid fields (C-staggered u, v, w; Kh at
// cells; Kz at z faces). Met is piecewise constant over clock hours.
#pragma once

#include <memory>

#include "host/core/forcing.hpp"
#include "host/met/surface_state.hpp"

namespace airshed {

struct Scenario;

class MetProvider {
 public:
  virtual ~MetProvider() = default;
  virtual SurfaceState surface(double t_s) const = 0;
  virtual MetFields fields(double t_s) const = 0;
  // The next time after t_s at which the met may change (s since start).
  virtual double next_change(double t_s) const = 0;
};

// Uniform or station met as the scenario's [met] table says.
std::unique_ptr<MetProvider> make_met_provider(const Scenario& s);

}  // namespace airshed
