// Readers of the Project Prairie Grass files in tests/data/prairie_grass/
// (formats in that directory's README.md) and the merge of their
// meteorology: PG.DAT's for its 44 runs, modelParamList.txt's for the rest.
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

namespace airshed::validation {

constexpr std::array<double, 5> arc_distances = {50, 100, 200, 400, 800};  // m

// Inputs of one run. Missing values are <= 0 (mixing height) or NaN.
struct RunMet {
  int exp = 0;
  double wind_speed = 0;           // m/s at anemometer_height
  double anemometer_height = 2.0;  // m (both files give the 2 m wind)
  double ustar = 0;                // m/s
  double obukhov_length = 0;       // m
  double mixing_height = -1;       // m, <= 0 when not given
  std::string source;              // "PG.DAT" or "modelParamList"
};

// Observed crosswind integral and arc maximum, both divided by Q; <= 0 = missing.
struct ArcObservation {
  int exp = 0;
  double distance = 0;      // m
  double cy_over_q = -1;    // s/m^2
  double cmax_over_q = -1;  // s/m^3
};

struct EpaFile {
  std::vector<RunMet> met;
  std::vector<ArcObservation> observations;  // 5 per run
};

// Each throws std::runtime_error naming the file and line on a malformed row.
EpaFile read_pg_dat(const std::string& path);
std::vector<RunMet> read_model_param_list(const std::string& path);
// PGrassOBSAnalysis.txt: arc maximum = OMAX / Q (the sampler maximum).
std::vector<ArcObservation> read_obs_analysis(const std::string& path);

// PG.DAT's meteorology where it has the run, else modelParamList's. When a
// PG.DAT run lacks the mixing height, modelParamList's is used if it has one.
std::map<int, RunMet> merge_met(const std::vector<RunMet>& epa, const std::vector<RunMet>& params);

}  // namespace airshed::validation
