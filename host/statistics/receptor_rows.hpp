// The receptor statistics of one series as receptor_summary.csv lists them,
// and the configuration a run's statistics use for one species: shared by
// the run's recorder (run_statistics.cpp) and by whoever recomputes the
// statistics from a series of its own (`airshed cuts` recombining tagged
// contributions, host/attribution), so both name and compute them alike.
#pragma once

#include <string>
#include <vector>

#include "host/core/run_observer.hpp"
#include "host/statistics/run_statistics.hpp"
#include "host/statistics/series_statistics.hpp"

namespace airshed::statistics {

// The configuration of a run's statistics for one species whose thresholds
// are `thresholds` (in that order), snapshots every `output_interval_s`
// from `start` for `duration_s`. Throws std::invalid_argument for an
// unknown averaging.
SeriesStatisticsConfig species_config(double output_interval_s, const Instant& start,
                                      double duration_s, const std::vector<Threshold>& thresholds);

// Appends the statistics of series `i` of `r` (finished, built with
// species_config(..., thresholds)), named `receptor`, species `sp`: the
// rows and order of receptor_summary.csv (docs/output-format.md).
void append_receptor_rows(const SeriesStatistics& r, std::size_t i, const std::string& receptor,
                          const SpeciesInfo& sp, const std::vector<Threshold>& thresholds,
                          const Instant& start, std::vector<ReceptorStatistic>& out);

}  // namespace airshed::statistics
