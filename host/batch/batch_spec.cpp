#include "host/batch/batch_spec.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "host/input/input_file.hpp"
#include "host/input/input_limits.hpp"
#include "host/scenario/load_scenario.hpp"
#include "host/scenario/toml_reader.hpp"

namespace airshed::batch {

namespace fs = std::filesystem;

namespace {

std::string resolve(const std::string& dir, const std::string& p) {
  if (p.empty() || fs::path(p).is_absolute()) return p;
  return (fs::path(dir) / p).lexically_normal().string();
}

std::string join(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "(none)" : out;
}

// `key = { name = factor, ... }`, every name one of `known`.
std::map<std::string, double> factors(const TomlTable& t, const std::string& key,
                                      const std::set<std::string>& known, const char* what) {
  std::map<std::string, double> out;
  const auto sub = t.table_opt(key);
  if (!sub) return out;
  const toml::table* tbl = t.node(key)->as_table();
  for (auto&& [k, v] : *tbl) {
    const std::string name(k.str());
    if (!known.count(name)) sub->fail(name, std::string("unknown ") + what, join(known));
    out[name] = sub->number(name, closed(0, 1e6));
  }
  return out;
}

bool valid_name(const std::string& n) {
  if (n.empty() || n[0] == '.' || n.size() > 100) return false;
  for (char c : n)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
      return false;
  return true;
}

std::string member_name(const TomlTable& t, std::set<std::string>& seen) {
  const std::string name = t.text("name");
  if (!valid_name(name))
    t.fail("name", "'" + name + "' is not a usable directory name",
           "letters, digits, '-', '_', '.', not starting with '.'");
  if (name == "baseline") t.fail("name", "'baseline' is always included", "another name");
  if (!seen.insert(name).second) t.fail("name", "duplicate name '" + name + "'", "unique names");
  return name;
}

// met / start / duration overrides shared by variants and episodes.
void time_and_met(const TomlTable& t, const std::string& dir, MemberSpec& m) {
  if (t.has("met")) m.met_file = resolve(dir, t.text("met"));
  if (t.has("start")) m.start = t.text("start");
  if (t.has("duration")) m.duration = t.text("duration");
}

}  // namespace

bool inside(const std::vector<Vec2>& poly, Vec2 p) {
  bool in = false;
  for (std::size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
    const Vec2 a = poly[i], b = poly[j];
    if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) in = !in;
  }
  return in;
}

BatchSpec parse_batch_text(const std::string& text, const std::string& label,
                           const std::string& dir) {
  const toml::table doc = parse_toml(text, label);
  const TomlTable root(doc, "", label);
  root.allow({"base", "name", "output", "variant", "episode"});

  BatchSpec b;
  b.file = label;
  b.base = resolve(dir, root.text("base"));
  b.name = root.text_or("name", fs::path(label).stem().string());
  if (!valid_name(b.name))
    root.fail("name", "'" + b.name + "' is not a usable name", "letters, digits, '-', '_', '.'");
  b.output_dir = root.text_or("output", "out/" + b.name);

  // The base is read once here so names can be checked at their line.
  Scenario base;
  try {
    base = load_scenario(b.base);
  } catch (const ScenarioError& e) {
    root.fail("base", std::string("base scenario is not valid: ") + e.what(), "a valid scenario");
  }
  std::set<std::string> groups, species, sources;
  for (const auto& s : base.sources) {
    groups.insert(s.group);
    sources.insert(s.name);
  }
  for (const auto& sp : base.species) species.insert(sp.spec.name);

  std::vector<MemberSpec> variants(1);
  variants[0].name = variants[0].variant = "baseline";
  std::set<std::string> seen{"baseline"};
  for (const TomlTable& v : root.tables("variant", false)) {
    v.allow({"name", "description", "scale_group", "scale_species", "scale_source", "region", "met",
             "start", "duration"});
    MemberSpec m;
    m.name = m.variant = member_name(v, seen);
    m.scale_group = factors(v, "scale_group", groups, "source group");
    m.scale_species = factors(v, "scale_species", species, "species");
    m.scale_source = factors(v, "scale_source", sources, "source");
    for (const TomlTable& r : v.tables("region", false)) {
      r.allow({"polygon", "factor"});
      RegionScale rs;
      rs.factor = r.number("factor", closed(0, 1e6));
      const toml::array* poly = r.array("polygon", true);
      for (const toml::node& pt : *poly) {
        const toml::array* xy = pt.as_array();
        if (!xy || xy->size() != 2 || !(*xy)[0].is_number() || !(*xy)[1].is_number())
          r.fail_at(line_of(pt), r.key_path("polygon"), "expected [x, y]",
                    "[[x, y], ...] in local metres");
        rs.polygon.push_back({(*xy)[0].value<double>().value(), (*xy)[1].value<double>().value()});
      }
      if (rs.polygon.size() < 3) r.fail("polygon", "fewer than 3 vertices", ">= 3 [x, y] pairs");
      m.regions.push_back(rs);
    }
    time_and_met(v, dir, m);
    variants.push_back(m);
  }

  // Optional met episodes: every variant (and the baseline) is also run
  // under each episode, named VARIANT@EPISODE.
  std::vector<MemberSpec> episodes;
  std::set<std::string> seen_ep;
  for (const TomlTable& e : root.tables("episode", false)) {
    e.allow({"name", "description", "met", "start", "duration"});
    MemberSpec ep;
    ep.episode = member_name(e, seen_ep);
    time_and_met(e, dir, ep);
    episodes.push_back(ep);
  }
  b.members = variants;
  for (const MemberSpec& ep : episodes)
    for (MemberSpec m : variants) {
      m.episode = ep.episode;
      m.name = m.variant + "@" + ep.episode;
      if (m.met_file.empty()) m.met_file = ep.met_file;
      if (m.start.empty()) m.start = ep.start;
      if (m.duration.empty()) m.duration = ep.duration;
      b.members.push_back(m);
    }
  return b;
}

BatchSpec parse_batch(const std::string& path) {
  // The same checks as a scenario: a regular file (not /dev/zero, a FIFO or a
  // directory) of bounded size.
  const std::string text = read_input_file(path, kMaxScenarioBytes, "batch file");
  const std::string dir = fs::path(path).parent_path().string();
  return parse_batch_text(text, path, dir.empty() ? "." : dir);
}

double emission_factor(const MemberSpec& m, const Source& src, const std::string& species) {
  double f = 1;
  if (auto it = m.scale_group.find(src.group); it != m.scale_group.end()) f *= it->second;
  if (auto it = m.scale_source.find(src.name); it != m.scale_source.end()) f *= it->second;
  if (auto it = m.scale_species.find(species); it != m.scale_species.end()) f *= it->second;
  if (!m.regions.empty() && !src.vertices.empty()) {
    Vec2 c;
    for (const Vec2& v : src.vertices) {
      c.x += v.x;
      c.y += v.y;
    }
    c.x /= double(src.vertices.size());
    c.y /= double(src.vertices.size());
    for (const RegionScale& r : m.regions)
      if (inside(r.polygon, c)) f *= r.factor;
  }
  return f;
}

Scenario member_scenario(const BatchSpec& batch, const MemberSpec& m) {
  // batch.base comes from the batch file: the error keeps it one line.
  const std::string text = read_input_file(batch.base, kMaxScenarioBytes, "scenario file");
  const std::string dir = fs::path(batch.base).parent_path().string();
  const std::string base_dir = dir.empty() ? "." : dir;
  Scenario s;
  if (m.met_file.empty() && m.start.empty() && m.duration.empty()) {
    s = parse_scenario(text, batch.base, base_dir);
  } else {
    // Overrides go into the base's TOML, which is then read as any
    // scenario, so they are validated the same way (e.g. met coverage).
    // parse_toml: the depth pre-scan and the BOM, as for any scenario.
    toml::table doc = parse_toml(text, batch.base);
    if (toml::table* sc = doc["scenario"].as_table()) {
      if (!m.start.empty()) sc->insert_or_assign("start", m.start);
      if (!m.duration.empty()) sc->insert_or_assign("duration", m.duration);
    }
    if (!m.met_file.empty()) {
      toml::table* met = doc["met"].as_table();
      if (!met) {
        doc.insert_or_assign("met", toml::table{});
        met = doc["met"].as_table();
      }
      for (const char* k : {"speed", "direction", "stability", "obukhov_length", "mixing_height",
                            "ustar", "temperature"})
        met->erase(k);
      met->insert_or_assign("kind", "station");
      met->insert_or_assign("file", fs::absolute(m.met_file).lexically_normal().string());
    }
    std::ostringstream os;
    os << doc;
    s = parse_scenario(os.str(), batch.base + " (member " + m.name + ")", base_dir);
    s.file = batch.base;  // run.json records (and hashes) the base file; member.toml the overrides
  }
  for (Source& src : s.sources)
    for (std::size_t sp = 0; sp < src.rates.size() && sp < s.species.size(); ++sp)
      src.rates[sp] *= emission_factor(m, src, s.species[sp].spec.name);
  if (!m.tags.empty()) {  // the tagged run of --via-tags: these tags, on every species
    s.tagging.enabled = true;
    s.tagging.species.clear();
    for (std::size_t i = 0; i < s.species.size(); ++i) s.tagging.species.push_back(int(i));
    s.tagging.tags = m.tags;
  }
  return s;
}

}  // namespace airshed::batch
