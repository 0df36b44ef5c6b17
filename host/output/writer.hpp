// One file format of a run's outputs: a OutputRecorder that also tells run.json
// which files it stands behind and writes the run's statistics in its own
// format. OutputSet (output_writers.cpp) keeps a list of them and feeds each
// the same snapshot, converted to output units once.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "host/core/field_names.hpp"
#include "host/core/run_observer.hpp"
#include "host/statistics/run_statistics.hpp"

namespace airshed::output {

class Writer : public OutputRecorder {
 public:
  // The files it writes, relative to OUTDIR, as run.json lists them; known
  // after begin() or resume().
  virtual std::vector<std::string> files() const = 0;
  // The run's statistics, after the last record() and before end(); returns
  // the files this added.
  virtual std::vector<std::string> write_statistics(const statistics::Results&) { return {}; }
  // After failed(): files it had to withdraw, each with the name it was set
  // aside under (empty when it was removed).
  virtual std::vector<std::pair<std::string, std::string>> set_aside() const { return {}; }
};

// The ground statistics as the fields every writer names alike:
// SPECIES_STATISTIC, with the threshold's label made safe for a dataset
// name appended ("PM2.5_max_instant", "PM2.5_exceedances_AEGL-2").
std::vector<GroundField> ground_fields(const std::vector<statistics::GroundStatistic>& ground);

}  // namespace airshed::output
