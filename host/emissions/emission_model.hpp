// All sources of a scenario as per-cell solver emissions for one met hour:
//   rate(cell, species) = Σ_sources  q_s · extent_s · f_s(local time) · w_s(cell) · unit_s
// with q_s the stated rate, extent_s the polygon area / road length (1 for
// point and volume), f_s the temporal profile factor, w_s the footprint
// weight (summing to 1) and unit_s the species' g -> solver-mass factor.
#pragma once

#include <functional>
#include <vector>

#include "host/core/forcing.hpp"
#include "host/emissions/footprint.hpp"
#include "host/emissions/plume_rise.hpp"
#include "host/met/met_provider.hpp"
#include "host/met/surface_state.hpp"
#include "host/scenario/scenario.hpp"

namespace airshed {

// Factor of `profile` (nullptr = constant 1) at a local calendar time.
double profile_factor(const TemporalProfile* profile, const LocalCalendar& at);

// The tag (index into TaggingSpec::names()) of the emission of `species`
// by `src` into `cell` (Grid::index): the first declared tag whose
// selectors all match (a region holds the cell's centre), else "other"
// (docs/tagging.md).
int emission_tag(const Scenario& s, const Source& src, std::size_t species, std::size_t cell);

class EmissionModel {
 public:
  // Keeps a reference to `s`, which must outlive the model.
  explicit EmissionModel(const Scenario& s);

  // Emissions for the hour holding t_s (s since start) under `met`: one
  // entry per source, species and cell (a cell hit by several sources
  // appears once for each; TransportSolver::set_emissions merges them).
  std::vector<CellEmission> at(double t_s, const SurfaceState& met) const;
  // The same with each stack's plume rise under its own column's surface
  // state (MetProvider::surface_at: gridded met varies across the domain).
  std::vector<CellEmission> at(double t_s, const MetProvider& met) const;

  // Plume rise of point source `source` (index into Scenario::sources) under `met`.
  PlumeRise plume_rise(std::size_t source, const SurfaceState& met) const;

  // Σ of the stated rates times extent, M/s per species, profile factor 1:
  // what at() must add up to in every hour with all factors 1.
  std::vector<double> nominal_totals() const;

 private:
  // at() with the surface state of a point source's column from `met_at`.
  std::vector<CellEmission> emissions_at(
      double t_s, const std::function<SurfaceState(const Vec2&)>& met_at) const;

  const Scenario& s_;
  std::vector<std::vector<CellWeight>> footprints_;  // empty for point sources
};

}  // namespace airshed
