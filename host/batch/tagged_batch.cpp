#include "host/batch/tagged_batch.hpp"

#include <map>
#include <set>

#include "host/scenario/load_scenario.hpp"

namespace airshed::batch {

namespace {

// A tag name ([A-Za-z0-9_-]+, the scenario's rule) from a source or group
// name, unique among `taken`.
std::string tag_name(const std::string& from, std::set<std::string>& taken) {
  std::string n;
  for (char c : from)
    n += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
  if (n.empty() || n == "other" || n == "background") n = "tag_" + n;
  std::string u = n;
  for (int i = 2; taken.count(u); ++i) u = n + "-" + std::to_string(i);
  taken.insert(u);
  return u;
}

}  // namespace

std::string why_not_via_tags(const BatchSpec& b) {
  for (const MemberSpec& m : b.members) {
    const std::string who = "member '" + m.name + "'";
    if (!m.episode.empty()) return who + " belongs to an [[episode]] (other met or time span)";
    if (!m.scale_species.empty()) return who + " sets scale_species";
    if (!m.regions.empty()) return who + " sets [[variant.region]]";
    if (!m.met_file.empty()) return who + " sets met";
    if (!m.start.empty() || !m.duration.empty()) return who + " sets start or duration";
  }
  return "";
}

TaggedBatch plan_via_tags(const BatchSpec& b) {
  const Scenario base = load_scenario(b.base);
  std::map<std::string, std::string> group_of;
  for (const Source& s : base.sources) group_of[s.name] = s.group;
  // What any variant scales, in first-appearance order (maps sort by name,
  // so the order is that of the names: stable for a given batch).
  std::vector<std::string> sources, groups;
  std::set<std::string> seen_s, seen_g;
  for (const MemberSpec& m : b.members) {
    for (const auto& [name, f] : m.scale_source)
      if (seen_s.insert(name).second) sources.push_back(name);
    for (const auto& [name, f] : m.scale_group)
      if (seen_g.insert(name).second) groups.push_back(name);
  }
  TaggedBatch plan;
  plan.run.name = plan.run.variant = kTaggedRunName;
  std::set<std::string> taken;
  for (const std::string& s : sources) {
    TagSpec t;
    t.name = tag_name(s, taken);
    t.sources = {s};
    t.selectors = "sources=" + s;
    plan.run.tags.push_back(t);
  }
  for (const std::string& g : groups) {
    TagSpec t;
    t.name = tag_name(g, taken);
    t.groups = {g};
    t.selectors = "groups=" + g;
    plan.run.tags.push_back(t);
  }
  const std::size_t ntags = plan.run.tags.size() + 2;  // + other, background
  for (std::size_t i = 1; i < b.members.size(); ++i) {
    const MemberSpec& m = b.members[i];
    auto factor = [](const std::map<std::string, double>& f, const std::string& name) {
      const auto it = f.find(name);
      return it == f.end() ? 1.0 : it->second;
    };
    attribution::FactorSet set{m.name, std::vector<double>(ntags, 1.0)};
    for (std::size_t k = 0; k < sources.size(); ++k)  // the source's own factor times its group's
      set.factor[k] =
          factor(m.scale_source, sources[k]) * factor(m.scale_group, group_of[sources[k]]);
    for (std::size_t k = 0; k < groups.size(); ++k)
      set.factor[sources.size() + k] = factor(m.scale_group, groups[k]);
    plan.members.push_back(set);
  }
  return plan;
}

}  // namespace airshed::batch
