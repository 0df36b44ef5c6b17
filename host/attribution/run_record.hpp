// What `airshed cuts` needs from a run's OUTDIR/run.json besides the
// contributions: that the run completed, its thresholds ("threshold_areas":
// species, label, averaging, threshold, written with %.17g, so the values
// are the run's to the last bit: the standards tables' rows included) and
// the cell size for threshold areas.
#pragma once

#include <string>
#include <vector>

#include "host/core/run_observer.hpp"

namespace airshed::attribution {

struct RunRecord {
  std::string status;  // "complete", "failed", "interrupted at ...", "running"
  std::vector<Threshold> thresholds;
  double dx = 0, dy = 0;  // m
};

// Throws ContributionsError (contributions.hpp) naming the file and what is
// wrong: missing, not JSON, no "threshold_areas" array or "grid", an entry
// without species/label/averaging/threshold.
RunRecord read_run_record(const std::string& path);

}  // namespace airshed::attribution
