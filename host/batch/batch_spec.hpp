// A batch file (docs/batch.md): a base scenario and variants of it, each
// run as one member. parse_batch() is the only reader; on the first problem
// it throws ScenarioError "FILE:LINE: key 'a.b': ...".
#pragma once

#include <map>
#include <string>
#include <vector>

#include "host/scenario/scenario.hpp"

namespace airshed::batch {

// Emission factor for sources whose centre (mean of vertices) lies inside
// `polygon` (local metres, as in the scenario).
struct RegionScale {
  std::vector<Vec2> polygon;
  double factor = 1;
};

// One member: overrides applied to the base scenario. Empty strings keep
// the base value.
struct MemberSpec {
  std::string name;     // directory name under the batch output directory
  std::string variant;  // "baseline" or the [[variant]] name
  std::string episode;  // "" or the [[episode]] name
  std::map<std::string, double> scale_group, scale_species, scale_source;
  std::vector<RegionScale> regions;
  std::string met_file;  // absolute or relative to the working directory
  std::string start, duration;
  // Non-empty only for the one tagged run of `airshed batch --via-tags`
  // (tagged_batch.hpp): the base scenario's tagging becomes these tags,
  // carried by every species.
  std::vector<TagSpec> tags;
};

struct BatchSpec {
  std::string file;                 // batch file as given
  std::string name;                 // batch name (default: file stem)
  std::string base;                 // base scenario path (resolved against the batch file)
  std::string output_dir;           // default output directory (relative to the working directory)
  std::vector<MemberSpec> members;  // members[0] is "baseline"
};

// Reads and checks the batch file, including that every named group,
// species and source exists in the base scenario.
BatchSpec parse_batch(const std::string& path);
BatchSpec parse_batch_text(const std::string& text, const std::string& label,
                           const std::string& base_dir);

// The member's scenario: base with met/time overrides (validated as a
// scenario, so a bad override throws ScenarioError), then emission factors.
Scenario member_scenario(const BatchSpec& batch, const MemberSpec& member);

// The product of all factors that apply to source `src`, species index `sp`.
double emission_factor(const MemberSpec& m, const Source& src, const std::string& species);

bool inside(const std::vector<Vec2>& polygon, Vec2 p);

}  // namespace airshed::batch
