#include "host/attribution/emergency.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>
#include <ostream>

#include "host/core/field_names.hpp"

namespace airshed::attribution {

std::string pollutant_of(const std::string& species) {
  std::string u = species;
  for (char& ch : u) ch = char(std::toupper(static_cast<unsigned char>(ch)));
  if (u == "SO2") return "SO2";
  if (u == "NOX" || u == "NO2" || u == "NO") return "NOx";
  if (u == "PM" || u == "PM2.5" || u == "PM10" || u == "TSP" || u == "PM25") return "PM";
  if (u == "VOC" || u == "VOCS" || u == "NMVOC") return "VOCs";
  return "";
}

double target_percent(Level l) {
  switch (l) {
    case Level::yellow:
      return 10;
    case Level::orange:
      return 20;
    case Level::red:
      return 30;
  }
  return 0;
}

std::vector<EmissionCut> emission_cuts(const Contributions& c, const FactorSet& f, Level l) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<EmissionCut> out;
  for (const SpeciesContributions& sp : c.species) {
    if (sp.emissions.empty())
      throw ContributionsError(c.file + ": dataset '/emissions/" + output::safe_name(sp.info.name) +
                               "': missing; the emergency check needs each tag's emitted mass");
    EmissionCut e;
    e.species = sp.info.name;
    e.pollutant = pollutant_of(sp.info.name);
    e.units = sp.emission_units;
    for (std::size_t k = 0; k < c.ntags(); ++k) {
      e.emitted += sp.emissions[k];
      e.emitted_after += f.factor[k] * sp.emissions[k];
    }
    e.cut_percent = e.emitted > 0 ? 100.0 * (1.0 - e.emitted_after / e.emitted) : nan;
    e.target_percent = e.pollutant.empty() ? nan : target_percent(l);
    // A cut of exactly the target (20 % of 200 g) is met: the ratio rounds
    // either way by ~1e-14 %, far below anything a list states.
    e.met = !e.pollutant.empty() && e.cut_percent >= e.target_percent - 1e-9;
    out.push_back(e);
  }
  return out;
}

void print_emission_cuts(const std::vector<EmissionCut>& rows, Level l, std::ostream& out) {
  auto num = [](double v, const char* f) {
    if (std::isnan(v)) return std::string("-");
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return std::string(buf);
  };
  std::vector<std::array<std::string, 7>> cells;
  cells.push_back({"species", "pollutant", "emitted", "after cuts", "cut", "target", "verdict"});
  for (const EmissionCut& e : rows)
    cells.push_back({e.species, e.pollutant.empty() ? "-" : e.pollutant,
                     num(e.emitted, "%.4g") + " " + e.units,
                     num(e.emitted_after, "%.4g") + " " + e.units, num(e.cut_percent, "%.1f %%"),
                     e.pollutant.empty() ? "-" : ">= " + num(e.target_percent, "%.0f %%"),
                     e.pollutant.empty() ? "no target"
                     : e.met             ? "met"
                                         : "NOT MET"});
  std::array<std::size_t, 7> w{};
  for (const auto& row : cells)
    for (std::size_t i = 0; i < 7; ++i) w[i] = std::max(w[i], row[i].size());
  out << "emission cuts at the " << to_string(l)
      << " level (targets: MEE 2019, 环办大气函〔2019〕648号):\n";
  for (std::size_t r = 0; r < cells.size(); ++r) {
    std::string line;
    for (std::size_t i = 0; i < 7; ++i) {
      const std::string pad(w[i] - cells[r][i].size(), ' ');
      line += (i < 2 || i == 6 ? cells[r][i] + pad : pad + cells[r][i]) + (i < 6 ? "  " : "");
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
    if (r == 0) out << std::string(line.size(), '-') << "\n";
  }
}

}  // namespace airshed::attribution
