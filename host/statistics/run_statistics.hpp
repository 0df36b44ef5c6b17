// The run's statistics, one recorder among the writers: for each species,
// SeriesStatistics over every ground cell (lowest layer) and over every
// receptor, plus the accidental-release products derived from them
// (footprint, arrival time, area above each threshold). Fed one snapshot
// at a time in output units; at end() the results go to `report`, before
// the writers that write them end (host/output/output_writers.cpp).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "host/core/run_observer.hpp"
#include "host/statistics/receptor_sampling.hpp"
#include "host/statistics/series_statistics.hpp"

namespace airshed::statistics {

// One ground-level (ny * nx, x fastest) statistic of one species. Files
// name it SPECIES_STATISTIC, with _LABEL for a threshold's (the writers
// make the label safe for a file or dataset name).
struct GroundStatistic {
  std::string species, statistic, label;  // label: of the threshold, empty for the others
  std::string units, long_name;           // units e.g. "ug/m3", "s", "1"
  std::vector<float> values;
};

struct ReceptorStatistic {
  std::string receptor, species, statistic;
  double value;
  std::string units, when;  // `when`: ISO time or date the value refers to, if any
};

struct ThresholdArea {
  std::string species, label, averaging, units;
  double threshold, area_m2;
  long cells;
};

struct Results {
  std::vector<GroundStatistic> ground;
  std::vector<ReceptorStatistic> receptors;
  std::vector<ThresholdArea> areas;
};

struct StatisticsOptions {
  // data/standards/*.csv tables whose limits become exceedance thresholds
  // (in addition to RunInfo::thresholds).
  std::vector<std::string> standard_tables;
  bool include_uncertain_standards = false;  // rows not marked "cited"
};

class RunStatistics : public OutputRecorder {
 public:
  RunStatistics(StatisticsOptions options, std::function<void(const Results&)> report)
      : options_(std::move(options)), report_(std::move(report)) {}

  // Throws std::invalid_argument when the output interval does not divide
  // an hour or an averaging is unknown, std::runtime_error for a malformed
  // standards table: before any file of the run is touched.
  void begin(const RunInfo& info) override;
  void record(const OutputSnapshot& s) override;
  // Closes the last hour and day and hands the results to `report`.
  void end(const RunSummary&) override;

  // Checkpoints: the accumulators of every species (see SeriesStatistics).
  void save(StateWriter& w) const override;
  void resume(const RunInfo& info, StateReader& r) override;

  // The run's thresholds and the standards' (after begin()).
  const std::vector<Threshold>& thresholds() const { return thresholds_; }

  // Percentiles reported, by the HJ 663 rule unless named "_us".
  static constexpr int daily_percentiles[3] = {90, 95, 98};

 private:
  struct PerSpecies {
    std::vector<std::size_t> threshold_index;  // into thresholds_
    SeriesStatistics ground, receptors;
  };
  std::vector<GroundStatistic> ground_statistics() const;
  std::vector<ReceptorStatistic> receptor_statistics() const;
  std::vector<ThresholdArea> threshold_areas() const;

  StatisticsOptions options_;
  std::function<void(const Results&)> report_;
  RunInfo info_;
  std::vector<Threshold> thresholds_;
  std::vector<Stencil> stencils_;
  std::vector<PerSpecies> species_;
};

}  // namespace airshed::statistics
