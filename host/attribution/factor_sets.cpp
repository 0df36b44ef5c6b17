#include "host/attribution/factor_sets.hpp"

#include <cmath>
#include <cstdlib>
#include <set>

#include "host/input/input_error.hpp"
#include "host/input/input_file.hpp"

namespace airshed::attribution {

CutsError::CutsError(const std::string& message) : std::runtime_error(printable_line(message)) {}

namespace {

// Factor-set files are a few hundred rows; 64 MiB still holds ~10^5 rows of
// a few dozen tags and stops a wrong file (a log, a device) at the door.
constexpr std::size_t kMaxCutsFileBytes = std::size_t(64) << 20;
constexpr std::size_t kMaxScenarios = 100000;

const char* kCutRule =
    "a cut fraction in [-999999, 1]: 0.3 keeps 70 % of the tag's emissions, 1 removes them, a "
    "negative cut increases them";

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return "";
  const auto b = s.find_last_not_of(" \t");
  return s.substr(a, b - a + 1);
}

std::string tag_list(const std::vector<TagInfo>& tags) {
  std::string s;
  for (const TagInfo& t : tags) s += (s.empty() ? "" : ", ") + t.name;
  return s;
}

// The values of `key` ("groups", "sources", "region") in a selector text
// such as "groups=steel,coke; species=SO2"; nullopt when the key is absent.
// Brackets and quotes around the values are dropped.
std::optional<std::vector<std::string>> selector_values(const std::string& selector,
                                                        const std::string& key) {
  std::size_t at = 0;
  while ((at = selector.find(key, at)) != std::string::npos) {
    const bool starts = at == 0 || std::string(" ;,\t").find(selector[at - 1]) != std::string::npos;
    std::size_t eq = at + key.size();
    while (eq < selector.size() &&
           (selector[eq] == '_' || std::isalpha((unsigned char)selector[eq])))
      ++eq;  // region_xy
    if (!starts || eq >= selector.size() || selector[eq] != '=') {
      at += key.size();
      continue;
    }
    const std::size_t end = selector.find(';', eq);
    std::string list = selector.substr(eq + 1, end == std::string::npos ? end : end - eq - 1);
    std::vector<std::string> out;
    std::string item;
    for (char c : list + ",") {
      if (c == ',') {
        item = trim(item);
        if (!item.empty()) out.push_back(item);
        item.clear();
      } else if (c != '[' && c != ']' && c != '"' && c != '\'') {
        item += c;
      }
    }
    return out;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::size_t> find_tag(const std::vector<TagInfo>& tags, const std::string& key,
                                    std::string& why) {
  const auto colon = key.find(':');
  if (colon == std::string::npos) {
    for (std::size_t k = 0; k < tags.size(); ++k)
      if (tags[k].name == key) return k;
    why = "unknown tag '" + key + "'; allowed: " + tag_list(tags) +
          " (or group:NAME, source:NAME, region:NAME)";
    return std::nullopt;
  }
  const std::string prefix = key.substr(0, colon), name = key.substr(colon + 1);
  const std::string selector_key = prefix == "group"    ? "groups"
                                   : prefix == "source" ? "sources"
                                   : prefix == "region" ? "region"
                                                        : "";
  if (selector_key.empty()) {
    why = "unknown prefix '" + prefix + ":'; allowed: group:, source:, region: or a tag name";
    return std::nullopt;
  }
  // The tag of that name, which must select by that kind ...
  for (std::size_t k = 0; k < tags.size(); ++k)
    if (tags[k].name == name) {
      if (selector_values(tags[k].selector, selector_key)) return k;
      why = "tag '" + name + "' selects '" + tags[k].selector + "', not by " + prefix;
      return std::nullopt;
    }
  // ... or the one tag selecting exactly that group or source.
  std::optional<std::size_t> found;
  if (prefix != "region")
    for (std::size_t k = 0; k < tags.size(); ++k) {
      const auto v = selector_values(tags[k].selector, selector_key);
      if (v && v->size() == 1 && (*v)[0] == name) {
        if (found) {
          why = "two tags select " + prefix + " '" + name + "': " + tags[*found].name + ", " +
                tags[k].name + "; name the tag";
          return std::nullopt;
        }
        found = k;
      }
    }
  if (!found) {
    std::string allowed;
    for (const TagInfo& t : tags)
      if (selector_values(t.selector, selector_key))
        allowed += (allowed.empty() ? "" : ", ") + prefix + ":" + t.name;
    why = "no tag selects " + prefix + " '" + name +
          "'; allowed: " + (allowed.empty() ? "(no " + prefix + " tags in the file)" : allowed);
  }
  return found;
}

std::optional<double> parse_cut(const std::string& text) {
  const std::string t = trim(text);
  if (t.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size() || !std::isfinite(v) || v > 1 || v < 1 - 1e6) return std::nullopt;
  return v;
}

FactorSet factors_from_arguments(const std::vector<TagInfo>& tags,
                                 const std::vector<std::string>& cuts, const std::string& name) {
  FactorSet s{name, std::vector<double>(tags.size(), 1.0)};
  std::set<std::size_t> seen;
  for (const std::string& arg : cuts) {
    const auto eq = arg.rfind('=');
    if (eq == std::string::npos)
      throw CutsError("--cut '" + arg + "': expected TAG=FRACTION, e.g. steel=0.3");
    std::string why;
    const auto k = find_tag(tags, trim(arg.substr(0, eq)), why);
    if (!k) throw CutsError("--cut '" + arg + "': " + why);
    const auto cut = parse_cut(arg.substr(eq + 1));
    if (!cut)
      throw CutsError("--cut '" + arg + "': fraction '" + arg.substr(eq + 1) +
                      "' is not valid; allowed: " + kCutRule);
    if (!seen.insert(*k).second)
      throw CutsError("--cut '" + arg + "': tag '" + tags[*k].name + "' is cut twice");
    s.factor[*k] = 1.0 - *cut;
  }
  return s;
}

namespace {

struct CsvLine {
  long number;
  std::vector<std::string> cells;
};

// The non-blank, non-comment lines of a small CSV (no quoting: names are
// tag and scenario names), each split at commas and trimmed.
std::vector<CsvLine> csv_lines(const std::string& text, const std::string& path) {
  std::vector<CsvLine> out;
  std::size_t at = 0;
  long number = 0;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) at = 3;  // a UTF-8 BOM (spreadsheets write one)
  while (at < text.size()) {
    ++number;
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(at, end - at);
    at = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty() || trim(line)[0] == '#') continue;
    if (line.find('"') != std::string::npos)
      throw_scenario_error(path, number, "line", "holds a quote",
                           "names without quotes or commas (fields are not quoted)");
    CsvLine l{number, {}};
    std::string cell;
    for (char c : line + ",") {
      if (c == ',') {
        l.cells.push_back(trim(cell));
        cell.clear();
      } else {
        cell += c;
      }
    }
    out.push_back(std::move(l));
  }
  return out;
}

void check_name(const std::string& path, long line, const std::string& name,
                std::set<std::string>& seen, const char* what) {
  if (name.empty())
    throw_scenario_error(path, line, std::string("column '") + what + "'", "is empty",
                         "a name for the row");
  const std::string problem = printable_line(name) != name ? "holds a control character" : "";
  if (!problem.empty() || name.size() > 128)
    throw_scenario_error(path, line, std::string("column '") + what + "'",
                         problem.empty() ? "is longer than 128 bytes" : problem,
                         "a name of at most 128 printable bytes");
  if (name == "baseline")
    throw_scenario_error(path, line, std::string("column '") + what + "'",
                         "'baseline' is the uncut run, always included", "another name");
  if (!seen.insert(name).second)
    throw_scenario_error(path, line, std::string("column '") + what + "'",
                         "duplicate name '" + name + "'", "unique names");
}

// Header cells 1.. as tags (each once).
std::vector<std::size_t> header_tags(const std::vector<TagInfo>& tags, const CsvLine& h,
                                     const std::string& path) {
  std::vector<std::size_t> col;
  std::set<std::size_t> seen;
  for (std::size_t i = 1; i < h.cells.size(); ++i) {
    std::string why;
    const auto k = find_tag(tags, h.cells[i], why);
    if (!k) throw_scenario_error(path, h.number, "column '" + h.cells[i] + "'", why, "");
    if (!seen.insert(*k).second)
      throw_scenario_error(path, h.number, "column '" + h.cells[i] + "'",
                           "tag '" + tags[*k].name + "' has two columns", "one column per tag");
    col.push_back(*k);
  }
  return col;
}

std::string read_text(const std::string& path, const char* subject) {
  return read_input_file(path, kMaxCutsFileBytes, subject);
}

}  // namespace

std::vector<FactorSet> parse_factor_sets(const std::vector<TagInfo>& tags, const std::string& text,
                                         const std::string& path) {
  const auto lines = csv_lines(text, path);
  if (lines.empty())
    throw_scenario_error(path, 1, "header", "the file has no header",
                         "scenario,TAG,TAG,... then one row per scenario");
  const CsvLine& h = lines[0];
  if (h.cells[0] != "scenario")
    throw_scenario_error(path, h.number, "column '" + h.cells[0] + "'",
                         "the first column must be 'scenario'", "scenario,TAG,TAG,...");
  if (h.cells.size() < 2)
    throw_scenario_error(path, h.number, "header", "names no tag", "scenario,TAG,TAG,...");
  const auto col = header_tags(tags, h, path);
  std::vector<FactorSet> out;
  std::set<std::string> names;
  for (std::size_t r = 1; r < lines.size(); ++r) {
    const CsvLine& l = lines[r];
    if (l.cells.size() != h.cells.size())
      throw_scenario_error(path, l.number, "row",
                           "has " + std::to_string(l.cells.size()) + " cells",
                           std::to_string(h.cells.size()) + " as the header");
    if (out.size() == kMaxScenarios)
      throw_scenario_error(path, l.number, "row", "more than 100000 scenarios",
                           "at most 100000 rows per file");
    check_name(path, l.number, l.cells[0], names, "scenario");
    FactorSet s{l.cells[0], std::vector<double>(tags.size(), 1.0)};
    for (std::size_t i = 1; i < l.cells.size(); ++i) {
      if (l.cells[i].empty()) continue;
      const auto cut = parse_cut(l.cells[i]);
      if (!cut)
        throw_scenario_error(path, l.number, "column '" + h.cells[i] + "'",
                             "'" + l.cells[i] + "' is not a valid cut", kCutRule);
      s.factor[col[i - 1]] = 1.0 - *cut;
    }
    out.push_back(std::move(s));
  }
  if (out.empty())
    throw_scenario_error(path, h.number, "header", "no scenario rows follow",
                         "one row per scenario: NAME,CUT,CUT,...");
  return out;
}

std::vector<FactorSet> read_factor_sets(const std::vector<TagInfo>& tags, const std::string& path) {
  return parse_factor_sets(tags, read_text(path, "cuts file"), path);
}

std::string to_string(Level l) {
  switch (l) {
    case Level::yellow:
      return "yellow";
    case Level::orange:
      return "orange";
    case Level::red:
      return "red";
  }
  return "";
}

std::optional<Level> parse_level(const std::string& text) {
  for (Level l : kLevels)
    if (to_string(l) == text) return l;
  return std::nullopt;
}

EmergencyList parse_emergency_list(const std::vector<TagInfo>& tags, const std::string& text,
                                   const std::string& path) {
  const char* layout = "enterprise,yellow,orange,red then one row per enterprise";
  const auto lines = csv_lines(text, path);
  if (lines.empty()) throw_scenario_error(path, 1, "header", "the file has no header", layout);
  const CsvLine& h = lines[0];
  if (h.cells != std::vector<std::string>{"enterprise", "yellow", "orange", "red"})
    throw_scenario_error(path, h.number, "header", "is not 'enterprise,yellow,orange,red'", layout);
  EmergencyList list;
  list.file = path;
  std::set<std::size_t> seen;
  for (std::size_t r = 1; r < lines.size(); ++r) {
    const CsvLine& l = lines[r];
    if (l.cells.size() != 4)
      throw_scenario_error(path, l.number, "row",
                           "has " + std::to_string(l.cells.size()) + " cells",
                           "4: enterprise,yellow,orange,red");
    std::string why;
    const auto k = find_tag(tags, l.cells[0], why);
    if (!k) throw_scenario_error(path, l.number, "column 'enterprise'", why, "");
    if (tags[*k].kind == "background")
      throw_scenario_error(path, l.number, "column 'enterprise'",
                           "'background' is the initial and inflow air, not an enterprise",
                           "a tag of one group or source");
    if (!seen.insert(*k).second)
      throw_scenario_error(path, l.number, "column 'enterprise'",
                           "tag '" + tags[*k].name + "' is listed twice", "one row per enterprise");
    std::array<double, 3> cut{};
    for (std::size_t i = 1; i < 4; ++i) {
      const auto c = l.cells[i].empty() ? std::optional<double>(0.0) : parse_cut(l.cells[i]);
      if (!c || *c < 0)
        throw_scenario_error(path, l.number, "column '" + h.cells[i] + "'",
                             "'" + l.cells[i] + "' is not a valid cut",
                             "a fraction in [0, 1] (0.3: 30 % less); empty = 0");
      cut[i - 1] = *c;
    }
    list.enterprise.push_back(l.cells[0]);
    list.tag.push_back(*k);
    list.cut.push_back(cut);
  }
  if (list.tag.empty())
    throw_scenario_error(path, h.number, "header", "no enterprise rows follow", layout);
  return list;
}

EmergencyList read_emergency_list(const std::vector<TagInfo>& tags, const std::string& path) {
  return parse_emergency_list(tags, read_text(path, "emergency list"), path);
}

FactorSet emergency_factors(const EmergencyList& list, std::size_t ntags, Level l) {
  FactorSet s{"emergency-" + to_string(l), std::vector<double>(ntags, 1.0)};
  for (std::size_t e = 0; e < list.tag.size(); ++e)
    s.factor[list.tag[e]] = 1.0 - list.cut[e][std::size_t(l)];
  return s;
}

}  // namespace airshed::attribution
