// Emission-cut scenarios evaluated from a tagged run without a rerun: for
// linear processes (advection, diffusion, deposition, first-order decay)
// the concentration of a scenario is exactly sum_k f_k c_k over the tags'
// contributions c_k. Each scenario's hourly receptor series (and, on
// request, its ground maps) is recombined first, and every statistic is
// then computed from the recombined series by the run's own code
// (host/statistics: SeriesStatistics, append_receptor_rows), never from
// recombined statistics: a maximum, a percentile or an exceedance count of
// a sum is not the sum of theirs.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "host/attribution/contributions.hpp"
#include "host/attribution/factor_sets.hpp"

namespace airshed::attribution {

// The receptor statistics of one species for every scenario and receptor,
// named as receptor_summary.csv names them ("daily_mean" rows carry their
// date in `when`).
struct SpeciesResults {
  SpeciesInfo info;
  std::vector<Threshold> thresholds;  // this species', in the run's order
  std::vector<std::string> statistic, when, units;
  // values[(scenario * nr + receptor) * statistic.size() + s]; NaN = no valid value.
  std::vector<double> values;
  // Ground (with `ground`): per scenario, the largest period mean and
  // maximum hourly mean over the ground cells, and the cells above each
  // threshold (as run.json's threshold_areas count them).
  std::vector<double> ground_max_period_mean, ground_max_hourly_mean;
  std::vector<std::vector<long>> ground_cells_above;  // [scenario][threshold]
};

struct CutResults {
  std::vector<FactorSet> scenarios;  // [0]: "baseline", every factor 1
  std::vector<std::string> receptors;
  std::vector<SpeciesResults> species;
  bool linear = true;  // false: the run had a non-linear process, results are estimates
  bool ground = false;
  double cell_area_m2 = 0;

  std::size_t value_index(std::size_t scenario, std::size_t receptor, std::size_t species_stat,
                          std::size_t n_stat) const {
    return (scenario * receptors.size() + receptor) * n_stat + species_stat;
  }
};

// The label results carry when a non-linear process ran.
inline constexpr char kEstimateLabel[] = "estimate (non-linear processes present)";

// Evaluates the uncut baseline and `sets` (names must not repeat
// "baseline"). With `ground`, also the ground statistics, from the file's
// ground maps (ContributionsError without them); scenarios are then done
// in blocks whose ground accumulators fit in `ground_memory_bytes`.
CutResults evaluate_cuts(const Contributions& c, const std::vector<FactorSet>& sets, bool ground,
                         std::size_t ground_memory_bytes = std::size_t(1) << 30);

}  // namespace airshed::attribution
