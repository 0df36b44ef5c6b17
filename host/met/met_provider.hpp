// Meteorology behind one interface: for a time since the scenario start,
// the surface state and the solver-grid fields (C-staggered u, v, w; Kh at
// cells; Kz at z faces). Met is piecewise constant over clock hours.
#pragma once

#include <memory>

#include "host/core/forcing.hpp"
#include "host/core/grid.hpp"
#include "host/met/surface_state.hpp"
#include "host/scenario/scenario.hpp"

namespace airshed {

class MetProvider {
 public:
  virtual ~MetProvider() = default;
  virtual SurfaceState surface(double t_s) const = 0;
  virtual MetFields fields(double t_s) const = 0;
  // The next time after t_s at which the met may change (s since start).
  virtual double next_change(double t_s) const = 0;
};

// The met of a run over [start, start + duration_s), built from its [met]
// spec. Everything the provider will use is read and checked here, before
// the run writes anything: a station file's rows for those hours (rows
// outside them are not checked, rows after them not read), that every
// instant of the run has an hour, and that every hour's log wind profile is
// usable. A problem throws the one-line ScenarioError at the CSV row or at
// the spec's key in the scenario (MetSpec::file_site, anemometer_site).
std::unique_ptr<MetProvider> make_met_provider(const MetSpec& spec, const Grid& grid,
                                               const Instant& start, double duration_s);

// The same for a scenario's [met] over its run.
std::unique_ptr<MetProvider> make_met_provider(const Scenario& s);

}  // namespace airshed
