// [tagging] (which species carry tags) and [[tag]] (the declared tags and
// their selectors): source attribution, docs/tagging.md.
#include <cmath>

#include "host/geometry/geometry.hpp"
#include "host/scenario/parse_parts.hpp"

namespace airshed::detail {

namespace {

bool is_tag_name(const std::string& n) {
  if (n.empty()) return false;
  for (char c : n)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '-'))
      return false;
  return true;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
  return out;
}

std::string source_groups(const Scenario& s) {
  std::vector<std::string> groups;
  for (const Source& src : s.sources) {
    bool seen = false;
    for (const auto& g : groups) seen = seen || g == src.group;
    if (!seen) groups.push_back(src.group);
  }
  return groups.empty() ? "none ([[source]] group)" : joined(groups);
}

// `region` = [[lon, lat], ...] or `region_xy` = [[x, y], ...] in local
// metres: a simple polygon of at least 3 vertices enclosing an area. It may
// reach outside the domain (it only selects emission cells).
std::vector<Vec2> read_region(const TomlTable& t, const Scenario& s) {
  if (t.has("region") && t.has("region_xy"))
    t.fail("region_xy", "given together with region",
           "region = [[lon, lat], ...] or region_xy = [[x, y], ...] in m, not both");
  const std::string key = t.has("region") ? "region" : "region_xy";
  const std::string allowed =
      key == "region" ? "region = [[lon, lat], ...], at least 3 vertices of a simple polygon"
                      : "region_xy = [[x, y], ...] in m, at least 3 vertices of a simple polygon";
  const toml::array& a = *t.array(key, true);
  if (a.size() < 3) t.fail(key, "has " + std::to_string(a.size()) + " vertices", allowed);
  const LocalProjection proj = projection_of(s);
  std::vector<Vec2> out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string kp = t.key_path(key) + "[" + std::to_string(i) + "]";
    const toml::array* pair = a[i].as_array();
    if (!pair || pair->size() != 2 || !(*pair)[0].is_number() || !(*pair)[1].is_number())
      t.fail_at(line_of(a[i]), kp, "is not a pair of numbers", allowed);
    auto num = [](const toml::node& n) {
      return n.is_integer() ? double(*n.value<long long>()) : *n.value<double>();
    };
    Vec2 v{num((*pair)[0]), num((*pair)[1])};
    const bool geo = key == "region";
    if (!std::isfinite(v.x) || !std::isfinite(v.y) ||
        (geo ? (std::abs(v.x) > 180 || std::abs(v.y) > 90)
             : (std::abs(v.x) > 1e7 || std::abs(v.y) > 1e7)))
      t.fail_at(line_of(a[i]), kp, "vertex out of range",
                geo ? "-180 <= lon <= 180, -90 <= lat <= 90" : "|x|, |y| <= 1e7 m");
    if (geo) proj.to_local(v.x, v.y, v.x, v.y);
    out.push_back(v);
  }
  if (!(std::abs(signed_area(out)) > 0)) t.fail(key, "polygon has zero area", allowed);
  if (const auto c = first_crossing(out))
    t.fail(
        key,
        "polygon edges " + std::to_string(c->first) + " and " + std::to_string(c->second) + " meet",
        "a simple polygon: edges meet only their neighbours, at shared vertices");
  return out;
}

}  // namespace

void parse_tags(const TomlTable& root, Scenario& s) {
  TaggingSpec& tg = s.tagging;
  const std::optional<TomlTable> tagging = root.table_opt("tagging");
  const std::vector<TomlTable> tags = root.tables("tag", false);
  tg.enabled = tagging.has_value() || !tags.empty();
  if (!tg.enabled) return;
  // The tagged sweeps share the default scheme's fluxes (kernels/tagged_sweep.hpp).
  if (s.ffsl) {
    const TomlTable& at = tagging ? *tagging : tags.front();
    at.fail_at(at.line(), at.path(),
               "source tags cannot be combined with [domain] advection = \"ffsl\" yet (the "
               "tagged sweeps share the default scheme's fluxes)",
               "tags with the default advection, or advection = \"ffsl\" without tags");
  }

  std::vector<std::string> tagged_names;
  if (tagging) {
    tagging->allow({"species"});
    tagged_names = tagging->texts_or("species");
    if (tagging->has("species") && tagged_names.empty())
      tagging->fail("species", "is empty", "a list of species names, or omit it for all");
    for (std::size_t i = 0; i < tagged_names.size(); ++i) {
      const int sp = species_index(s, tagged_names[i]);
      if (sp < 0)
        tagging->fail("species", "unknown species '" + tagged_names[i] + "'", species_list(s));
      for (int other : tg.species)
        if (other == sp)
          tagging->fail("species", "species '" + tagged_names[i] + "' is listed twice",
                        "each species once");
      tg.species.push_back(sp);
    }
  }
  if (tg.species.empty())
    for (std::size_t i = 0; i < s.species.size(); ++i) tg.species.push_back(int(i));
  auto is_tagged = [&](int sp) {
    for (int t : tg.species)
      if (t == sp) return true;
    return false;
  };

  for (const TomlTable& t : tags) {
    t.allow({"name", "groups", "sources", "species", "region", "region_xy"});
    TagSpec tag;
    tag.name = t.text("name");
    if (!is_tag_name(tag.name))
      t.fail("name", "tag name '" + tag.name + "' has characters outside [A-Za-z0-9_-]",
             "letters, digits, '_' and '-'");
    if (tag.name == "other" || tag.name == "background")
      t.fail("name", "'" + tag.name + "' is reserved for the implicit tag",
             "any other name; \"other\" and \"background\" are added by the model");
    for (const TagSpec& other : tg.tags)
      if (other.name == tag.name)
        t.fail("name", "tag '" + tag.name + "' is defined twice", "unique tag names");
    for (const char* key : {"groups", "sources", "species"})
      if (t.has(key) && t.texts_or(key).empty())
        t.fail(key, "is empty", std::string("a list of names, or omit ") + key);
    tag.groups = t.texts_or("groups");
    for (const auto& g : tag.groups) {
      bool found = false;
      for (const Source& src : s.sources) found = found || src.group == g;
      if (!found) t.fail("groups", "unknown source group '" + g + "'", source_groups(s));
    }
    tag.sources = t.texts_or("sources");
    for (const auto& n : tag.sources) {
      bool found = false;
      for (const Source& src : s.sources) found = found || src.name == n;
      if (!found) {
        std::vector<std::string> names;
        for (const Source& src : s.sources) names.push_back(src.name);
        t.fail("sources", "unknown source '" + n + "'",
               names.empty() ? "none ([[source]] name)" : joined(names));
      }
    }
    tag.species = t.texts_or("species");
    for (const auto& n : tag.species) {
      const int sp = species_index(s, n);
      if (sp < 0) t.fail("species", "unknown species '" + n + "'", species_list(s));
      if (!is_tagged(sp))
        t.fail("species", "species '" + n + "' carries no tags ([tagging] species)",
               "a species of [tagging] species");
    }
    if (t.has("region") || t.has("region_xy")) tag.region = read_region(t, s);
    if (tag.groups.empty() && tag.sources.empty() && tag.species.empty() && tag.region.empty())
      t.fail("name", "tag '" + tag.name + "' has no selector",
             "at least one of groups, sources, species, region, region_xy");
    std::string sel;
    auto add = [&](const std::string& what) { sel += (sel.empty() ? "" : "; ") + what; };
    if (!tag.groups.empty()) add("groups=" + joined(tag.groups));
    if (!tag.sources.empty()) add("sources=" + joined(tag.sources));
    if (!tag.species.empty()) add("species=" + joined(tag.species));
    if (!tag.region.empty())
      add(std::string(t.has("region") ? "region" : "region_xy") + "=polygon of " +
          std::to_string(tag.region.size()) + " vertices");
    tag.selectors = sel;
    tg.tags.push_back(tag);
  }
}

}  // namespace airshed::detail

namespace airshed {

std::vector<std::string> TaggingSpec::names() const {
  std::vector<std::string> out;
  for (const TagSpec& t : tags) out.push_back(t.name);
  out.push_back("other");
  out.push_back("background");
  return out;
}

}  // namespace airshed
