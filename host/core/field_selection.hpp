// Which fields NAME.h5, its XDMF sidecar and the VTK files write, and at
// which snapshots ([output] species, levels, fields_interval,
// ground_interval; docs/output-format.md "Output selection"). Only the
// field files follow it: the statistics, receptors and tables see every
// species at every snapshot from the solver state, whatever is written.
#pragma once

#include <cmath>
#include <string>
#include <vector>

namespace airshed {

struct FieldSelection {
  std::vector<std::string> species;  // names written; empty: every species
  // The 3-D fields' layers: `levels` consecutive layers from `first_level`
  // (0 = the lowest); levels = 0: every layer from first_level up.
  int first_level = 0, levels = 0;
  // The 3-D fields (and the VTK files) at every fields_every-th snapshot,
  // the ground fields at every ground_every-th, counted from t = 0; 0: never.
  int fields_every = 1, ground_every = 1;
  // The CF view's ground series NAME.nc (host/output/cf_files.hpp) repeats
  // the ground fields: on (1), off (0), or auto (-1): written for runs of
  // at most cf_series_auto_times ground times after t = 0 (a month of
  // hourly maps), so that a year's output is not doubled
  // (docs/output-format.md "Output selection and size").
  int cf_series = -1;
  static constexpr long cf_series_auto_times = 744;

  bool writes_species(const std::string& name) const {
    if (species.empty()) return true;
    for (const auto& s : species)
      if (s == name) return true;
    return false;
  }
  // Layers of the 3-D fields on a grid of nz layers.
  int level_count(int nz) const { return levels > 0 ? levels : nz - first_level; }
};

// The snapshot's index: t / output interval (snapshots fall on its multiples).
inline long snapshot_index(double time_s, double output_interval_s) {
  return output_interval_s > 0 ? std::lround(time_s / output_interval_s) : 0;
}

// Whether a schedule of every n-th snapshot writes snapshot `index`.
inline bool due(int every, long index) { return every > 0 && index % every == 0; }

// How many of the snapshots 0..last_index a schedule writes.
inline long due_count(int every, long last_index) {
  return every > 0 && last_index >= 0 ? last_index / every + 1 : 0;
}

}  // namespace airshed
