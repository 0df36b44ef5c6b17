// From model arcs and the two observation sets to the tables the
// validation reports: pairs, Chang & Hanna statistics by set, quantity and
// stability, the CSV files and the pass/fail bar.
#pragma once

#include <string>
#include <vector>

#include "tools/validation/model_statistics.hpp"
#include "tools/validation/plume_run.hpp"
#include "tools/validation/prairie_grass_data.hpp"

namespace airshed::validation {

// The surface layer of one run: L, u* and the 2 m wind from the data, the
// site's z0 = 0.006 m, and the mixing height from the data or, where the
// data give none (all stable runs), Venkatram's mechanical estimate.
BoundaryLayer boundary_layer(const RunMet& m);

struct ModelArc {
  int exp = 0;
  bool unstable = false;
  ArcResult result;
};

struct StatRow {
  std::string set;       // "EPA" or "HARMO"
  std::string quantity;  // "CY/Q" or "Cmax/Q"
  std::string subset;    // "all", "stable", "unstable"
  PairedStatistics stats;
};

std::vector<StatRow> evaluate(const std::vector<ModelArc>& model,
                              const std::vector<ArcObservation>& epa,
                              const std::vector<ArcObservation>& harmo);

// OUT/prairie_grass_results.csv: exp,distance_m,cy_over_q_model,cmax_over_q_model
void write_results(const std::string& dir, const std::vector<ModelArc>& model);
// OUT/prairie_grass_pairs.csv: one row per (set, run, arc) with both values.
void write_pairs(const std::string& dir, const std::vector<ModelArc>& model,
                 const std::vector<ArcObservation>& epa, const std::vector<ArcObservation>& harmo);
void write_statistics(const std::string& dir, const std::vector<StatRow>& table);
void print_statistics(const std::vector<StatRow>& table);

// The acceptance bar on the EPA set, CY/Q, all runs: |FB| <= 0.2,
// NMSE <= 0.4, FAC2 >= 0.85. Prints the verdict; true when met.
bool check_bar(const std::vector<StatRow>& table);

}  // namespace airshed::validation
