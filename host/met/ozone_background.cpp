#include "host/met/ozone_background.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "host/input/input_error.hpp"
#include "host/input/input_file.hpp"
#include "host/input/input_limits.hpp"

namespace airshed {

namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// Largest O3 the CSV may hold, in the species' units: 1e4 is beyond any
// ambient ozone in ppb (or ug/m3) by two orders of magnitude: a unit error.
constexpr double kMaxOzone = 1e4;

}  // namespace

OzoneBackground::OzoneBackground(const Scenario& s)
    : kind_(s.chemistry.ozone_kind),
      start_utc_(s.start.utc_epoch_s),
      offset_minutes_(s.start.offset_minutes) {
  const ChemistrySpec& c = s.chemistry;
  if (!c.enabled) throw std::logic_error("OzoneBackground: the scenario has no [chemistry]");
  const ScenarioSpecies& o3 = s.species[std::size_t(c.species[chem_o3])];
  constant_ = o3.spec.background;
  to_solver_ = 1 / o3.to_output_units;
  if (kind_ == OzoneBackgroundKind::diurnal)
    for (double v : c.ozone_diurnal) diurnal_.push_back(v * to_solver_);
  if (kind_ != OzoneBackgroundKind::file) return;

  const std::string& path = c.ozone_file;
  std::ifstream in = open_input_file(path, kMaxStationCsvBytes, "ozone background file");
  const long long t1 = start_utc_ + (long long)std::ceil(s.duration_s);
  std::string line;
  long n = 0;
  int time_at = -1, value_at = -1;
  std::size_t columns = 0;
  while (std::getline(in, line)) {
    ++n;
    if (n == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(trim(cell));
    if (line.back() == ',') cells.push_back("");
    auto fail = [&](const std::string& col, const std::string& what, const std::string& allowed) {
      throw_scenario_error(path, n, "column '" + col + "'", what, allowed);
    };
    if (columns == 0) {  // the header
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (cells[i] != "time" && cells[i] != "o3") fail(cells[i], "unknown column", "time, o3");
        int& at = cells[i] == "time" ? time_at : value_at;
        if (at >= 0) fail(cells[i], "column given twice", "time, o3");
        at = int(i);
      }
      if (time_at < 0) fail("time", "missing required column", "time, o3");
      if (value_at < 0) fail("o3", "missing required column", "time, o3");
      columns = cells.size();
      continue;
    }
    if (cells.size() != columns)
      fail("*",
           "row has " + std::to_string(cells.size()) + " cells, header has " +
               std::to_string(columns),
           "one cell per header column");
    const auto t = parse_iso8601(cells[std::size_t(time_at)], offset_minutes_);
    if (!t)
      fail("time", "cannot read '" + cells[std::size_t(time_at)] + "' as a time",
           "YYYY-MM-DDThh:mm[:ss][offset]");
    if (!row_utc_.empty() && t->utc_epoch_s <= row_utc_.back())
      fail("time", "not later than the previous row", "strictly increasing times");
    const std::string& v = cells[std::size_t(value_at)];
    char* end = nullptr;
    const double x = std::strtod(v.c_str(), &end);
    if (v.empty() || end != v.c_str() + v.size() || !std::isfinite(x) || x < 0 || x > kMaxOzone)
      fail("o3", "not an ozone value: '" + v + "'",
           "0 <= value <= 10000, in the O3 species' units (" + o3.units + ")");
    row_utc_.push_back(t->utc_epoch_s);
    row_value_.push_back(x * to_solver_);
    if (t->utc_epoch_s >= t1) break;
  }
  if (in.bad())
    throw_input_file_error(path, kMaxStationCsvBytes, "ozone background file", "cannot be read");
  // Every instant of the run in some row's hour.
  long long covered = start_utc_;
  for (std::size_t i = 0; i < row_utc_.size() && covered < t1; ++i)
    if (row_utc_[i] <= covered && row_utc_[i] + 3600 > covered) covered = row_utc_[i] + 3600;
  if (covered < t1)
    throw_input_error(c.ozone_site,
                      "no ozone background for " +
                          format_iso8601(Instant{covered, offset_minutes_}) + " (file '" + path +
                          "')",
                      "hourly rows covering the run");
}

double OzoneBackground::at(double t_s) const {
  if (kind_ == OzoneBackgroundKind::constant) return constant_;
  const double utc = double(start_utc_) + t_s;
  if (kind_ == OzoneBackgroundKind::diurnal) {
    const double local_h = std::floor((utc + offset_minutes_ * 60.0) / 3600.0);
    const long h = long(local_h - 24 * std::floor(local_h / 24));
    return diurnal_[std::size_t(h)];
  }
  auto it = std::upper_bound(row_utc_.begin(), row_utc_.end(), utc,
                             [](double x, long long r) { return x < double(r); });
  return row_value_[it == row_utc_.begin() ? 0 : std::size_t(it - row_utc_.begin()) - 1];
}

}  // namespace airshed
