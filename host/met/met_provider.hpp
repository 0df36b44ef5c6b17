// Meteorology behind one interface: for a time since the scenario start,
// the surface state and the solver-grid fields (C-staggered u, v, w; Kh at
// cells; Kz at z faces). Met is piecewise constant over clock hours.
#pragma once

#include <functional>
#include <memory>
#include <vector>

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

  // Gridded met (issue 13). The defaults are the horizontally uniform world.
  // The surface state of the column that holds local (x, y) (m from the
  // domain's south-west corner): what plume rise at a stack uses.
  virtual SurfaceState surface_at(double t_s, double x, double y) const {
    (void)x, (void)y;
    return surface(t_s);
  }
  // Terrain height above sea level of each column (nx * ny, x fastest, m);
  // empty: flat ground. The levels are heights above this ground
  // (terrain-following, w in fields() is the contravariant velocity).
  virtual std::vector<float> terrain() const { return {}; }
  // True when fields() is a first guess that the run makes mass-consistent
  // (Sherman 1978 projection on the solver's backend) before the solver
  // uses it; false when it is divergence-free by construction.
  virtual bool first_guess() const { return false; }
  // Where a provider can apply the run's projection itself, at its own
  // times, it takes it here and returns true; first_guess() is then false.
  // The WRF provider projects each WRF time once, as it reads it (on its
  // read-ahead thread), and interpolates the projected winds in time: the
  // discrete divergence is linear, so the interpolation stays
  // divergence-free, and the run projects per WRF time, not per refresh.
  // `project` may be called from another thread than the run's, and until
  // it is taken back: project_at_source({}) (which waits for a read ahead)
  // before anything `project` refers to goes away.
  using WindProjection = std::function<void(MetFields&)>;
  virtual bool project_at_source(WindProjection project) {
    (void)project;
    return false;
  }
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
