// The run's statistics: for each species, SeriesStatistics over every
// ground cell (lowest layer) and over every receptor, plus the accidental-
// release products derived from them (footprint, arrival time, area above
// each threshold). Fed one snapshot at a time; read after finish().
#pragma once

#include <string>
#include <vector>

#include "host/core/field_names.hpp"
#include "host/core/run_observer.hpp"
#include "host/output/iso_time.hpp"
#include "host/output/receptor_sampling.hpp"
#include "host/output/series_statistics.hpp"

namespace airshed::output {

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

class RunStatistics {
 public:
  // `thresholds` (species output units) add to nothing else: pass the
  // run's and the standards' together. Throws std::invalid_argument when
  // the output interval does not divide an hour or an averaging is unknown.
  RunStatistics(const RunInfo& info, const std::vector<Threshold>& thresholds);

  void add(const Snapshot& s);
  void finish();

  // Checkpoints: the accumulators of every species (see SeriesStatistics).
  void save(StateWriter& w) const;
  void load(StateReader& r);

  std::vector<GroundField> ground_fields() const;
  std::vector<ReceptorStatistic> receptor_statistics() const;
  std::vector<ThresholdArea> threshold_areas() const;
  const std::vector<Threshold>& thresholds() const { return thresholds_; }

  // Percentiles reported, by the HJ 663 rule unless named "_us".
  static constexpr int daily_percentiles[3] = {90, 95, 98};

 private:
  struct PerSpecies {
    std::vector<std::size_t> threshold_index;  // into thresholds_
    SeriesStatistics ground, receptors;
  };

  RunInfo info_;
  StartTime start_;
  std::vector<Threshold> thresholds_;
  std::vector<Stencil> stencils_;
  std::vector<PerSpecies> species_;
};

}  // namespace airshed::output
