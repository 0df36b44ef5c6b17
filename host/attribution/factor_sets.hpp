// Emission-cut scenarios as factors on the tags of a contributions file
// (docs/tagging.md, "airshed cuts"): a cut c on tag k keeps f_k = 1 - c of
// its emissions. From the command line (--cut TAG=FRACTION), a factor-set
// CSV (one scenario per row) or an emergency list (per-enterprise cuts at
// the warning levels yellow/orange/red). Every bad input is one line
// naming the file and line (or the argument) and what was expected.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "host/attribution/contributions.hpp"

namespace airshed::attribution {

class CutsError : public std::runtime_error {
 public:
  explicit CutsError(const std::string& message);  // made one line (printable_line)
};

struct FactorSet {
  std::string name;
  std::vector<double> factor;  // per tag of the file, 1 = unchanged
};

// The tag that `key` names: a tag name ("steel"), or a prefixed one,
// "group:NAME", "source:NAME", "region:NAME", which must be a tag that
// selects by that kind (its selector in the file), named NAME or selecting
// exactly that one group or source. nullopt with `why` set otherwise.
std::optional<std::size_t> find_tag(const std::vector<TagInfo>& tags, const std::string& key,
                                    std::string& why);

// "0.3" as a cut: finite, at most 1 (all of it), at least 1 - 1e6 (a factor
// of at most 1e6, the batch's limit on factors). nullopt otherwise.
std::optional<double> parse_cut(const std::string& text);

// The one scenario the --cut TAG=FRACTION arguments give; `name` is the
// scenario's name. Throws CutsError "--cut 'TEXT': ..." on a bad argument.
FactorSet factors_from_arguments(const std::vector<TagInfo>& tags,
                                 const std::vector<std::string>& cuts, const std::string& name);

// A factor-set CSV (docs/tagging.md): a header `scenario,TAG,TAG,...` then
// one row per scenario `NAME,CUT,CUT,...`; an empty cell is no cut, '#'
// starts a comment line, blank lines are skipped. Throws ScenarioError
// "FILE:LINE: column 'TAG': ...".
std::vector<FactorSet> read_factor_sets(const std::vector<TagInfo>& tags, const std::string& path);
std::vector<FactorSet> parse_factor_sets(const std::vector<TagInfo>& tags, const std::string& text,
                                         const std::string& path);

// Warning levels of the heavy-pollution emergency plans and their targets
// for the cut of SO2, NOx, PM and VOCs emissions (emergency.hpp).
enum class Level { yellow, orange, red };
constexpr std::array<Level, 3> kLevels = {Level::yellow, Level::orange, Level::red};
std::string to_string(Level l);
std::optional<Level> parse_level(const std::string& text);

// An emergency list: header `enterprise,yellow,orange,red`, then one row per
// enterprise (a tag: its name or group:/source:NAME) with its cut at each
// level. Throws ScenarioError "FILE:LINE: ...".
struct EmergencyList {
  std::string file;
  std::vector<std::string> enterprise;  // as written
  std::vector<std::size_t> tag;         // index into the file's tags
  std::vector<std::array<double, 3>> cut;
};
EmergencyList read_emergency_list(const std::vector<TagInfo>& tags, const std::string& path);
EmergencyList parse_emergency_list(const std::vector<TagInfo>& tags, const std::string& text,
                                   const std::string& path);

// The scenario "emergency-LEVEL" of a list: every enterprise's cut at `l`.
FactorSet emergency_factors(const EmergencyList& list, std::size_t ntags, Level l);

}  // namespace airshed::attribution
