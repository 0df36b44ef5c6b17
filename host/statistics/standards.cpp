#include "host/statistics/standards.hpp"

#include <cctype>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace airshed::statistics {
namespace {

std::vector<std::string> split_csv(const std::string& line) {
  // The tables quote fields that contain commas (sources, notes).
  std::vector<std::string> out(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"')
      quoted = !quoted;
    else if (c == ',' && !quoted)
      out.emplace_back();
    else
      out.back() += c;
  }
  return out;
}

struct Unit {
  int family;
  double scale;  // to the family's base (ug/m3 or ppb)
};

bool lookup(const std::string& u, Unit& out) {
  static const std::map<std::string, Unit> units = {
      {"ug/m3", {0, 1}},    {"µg/m3", {0, 1}},  {"ug m-3", {0, 1}},  {"mg/m3", {0, 1e3}},
      {"mg m-3", {0, 1e3}}, {"g/m3", {0, 1e6}}, {"g m-3", {0, 1e6}}, {"ppb", {1, 1}},
      {"ppm", {1, 1e3}},    {"OU/m3", {2, 1}},  {"ou/m3", {2, 1}}};
  const auto it = units.find(u);
  if (it == units.end()) return false;
  out = it->second;
  return true;
}

}  // namespace

double unit_factor(const std::string& from, const std::string& to) {
  Unit a, b;
  if (!lookup(from, a) || !lookup(to, b) || a.family != b.family) return 0;
  return a.scale / b.scale;
}

std::vector<StandardRow> read_standard_table(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read standards table '" + path + "'");
  std::vector<StandardRow> rows;
  std::string line;
  std::vector<std::string> header;
  for (int lineno = 1; std::getline(in, line); ++lineno) {
    if (line.empty() || line[0] == '#') continue;
    const auto f = split_csv(line);
    if (header.empty()) {
      header = f;
      continue;
    }
    if (f.size() != header.size())
      throw std::runtime_error(path + ":" + std::to_string(lineno) + ": expected " +
                               std::to_string(header.size()) + " fields, found " +
                               std::to_string(f.size()));
    std::map<std::string, std::string> r;
    for (std::size_t i = 0; i < f.size(); ++i) r[header[i]] = f[i];
    StandardRow row{r["standard"],  r["species"], r["averaging"],
                    r["statistic"], r["grade"],   r["units"],
                    r["status"],    r["source"],  0};
    try {
      row.value = std::stod(r["value"]);
    } catch (const std::exception&) {
      throw std::runtime_error(path + ":" + std::to_string(lineno) + ": value '" + r["value"] +
                               "' is not a number");
    }
    rows.push_back(row);
  }
  return rows;
}

int assessment_percentile(const std::string& statistic) {
  // "daily mean (98th percentile in HJ 663 assessment)": the number before "th percentile".
  const auto at = statistic.find("th percentile");
  if (at == std::string::npos || at == 0) return 0;
  std::size_t b = at;
  while (b > 0 && std::isdigit(static_cast<unsigned char>(statistic[b - 1]))) --b;
  if (b == at || at - b > 2) return 0;
  return std::stoi(statistic.substr(b, at - b));
}

std::vector<Threshold> thresholds_for(const std::vector<StandardRow>& table,
                                      const std::vector<SpeciesInfo>& species,
                                      bool include_uncertain) {
  std::vector<Threshold> out;
  for (const auto& row : table) {
    if (row.status != "cited" && !include_uncertain) continue;
    for (const auto& sp : species) {
      if (sp.name != row.species) continue;
      const double f = unit_factor(row.units, sp.units);
      if (f == 0) continue;  // e.g. a ppb table row for a species kept in ug/m3
      out.push_back({sp.name, row.standard + " " + row.grade + " " + row.averaging, row.averaging,
                     row.value * f, assessment_percentile(row.statistic)});
    }
  }
  return out;
}

}  // namespace airshed::statistics
