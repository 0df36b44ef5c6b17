#include "host/statistics/receptor_background.hpp"

#include <cmath>
#include <cstdlib>
#include <sstream>

#include "host/input/input_file.hpp"
#include "host/input/input_limits.hpp"

namespace airshed::statistics {
namespace {

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ',')) {
    while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\r')) cell.pop_back();
    while (!cell.empty() && cell.front() == ' ') cell.erase(cell.begin());
    cells.push_back(cell);
  }
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

}  // namespace

ReceptorBackground ReceptorBackground::constant(std::string species, double value) {
  ReceptorBackground b;
  b.species_ = std::move(species);
  b.constant_ = value;
  return b;
}

ReceptorBackground ReceptorBackground::read(const BackgroundSpec& spec,
                                            const std::vector<std::string>& names,
                                            const Instant& start, double duration_s) {
  const std::string text = read_input_file(spec.file, kMaxStationCsvBytes, "background file");
  return parse(text, spec, names, start, duration_s);
}

ReceptorBackground ReceptorBackground::parse(const std::string& text, const BackgroundSpec& spec,
                                             const std::vector<std::string>& names,
                                             const Instant& start, double duration_s) {
  const std::string& file = spec.file;
  ReceptorBackground b;
  b.species_ = spec.species;
  b.hourly_ = true;
  std::istringstream in(text);
  std::string line;
  long line_no = 0;
  // Skip comment and blank lines up to the header.
  std::vector<std::string> header;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#' || line == "\r") continue;
    header = split_csv_line(line);
    break;
  }
  if (header.empty() || header[0] != "time")
    throw_scenario_error(file, line_no ? line_no : 1, "header", "the first column must be 'time'",
                         "a header 'time,value' or 'time,RECEPTOR,...' naming every receptor");
  // Which column holds each receptor.
  std::vector<std::size_t> column(names.size(), 1);
  const bool one_series = header.size() == 2 && header[1] == "value";
  if (!one_series) {
    for (std::size_t r = 0; r < names.size(); ++r) {
      std::size_t c = 1;
      while (c < header.size() && header[c] != names[r]) ++c;
      if (c == header.size())
        throw_scenario_error(file, line_no, "header", "no column for receptor '" + names[r] + "'",
                             "'time,value' or a column for every receptor");
      column[r] = c;
    }
  }
  // Hours of the run: local hours from the one holding t = 0 to the one holding the end.
  const double sod = double(local_seconds_of_day(start));
  const double first = std::floor(sod / 3600.0) * 3600.0 - sod;  // <= 0
  const std::size_t hours = std::size_t(std::ceil((duration_s - first) / 3600.0 - 1e-9));
  b.first_hour_s_ = first;
  b.values_.assign(hours, {});
  std::vector<long> seen(hours, 0);
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#' || line == "\r") continue;
    const auto cells = split_csv_line(line);
    if (cells.size() != header.size())
      throw_scenario_error(
          file, line_no, "row",
          std::to_string(cells.size()) + " cells, the header has " + std::to_string(header.size()),
          "one cell per header column");
    const auto at = parse_iso8601(cells[0], start.offset_minutes);
    if (!at)
      throw_scenario_error(file, line_no, "column 'time'", "cannot read '" + cells[0] + "'",
                           "YYYY-MM-DDThh:mm[:ss] with an optional offset, the hour's start");
    const double t = double(at->utc_epoch_s - start.utc_epoch_s);
    const double k = (t - first) / 3600.0;
    if (std::abs(k - std::round(k)) > 1e-9)
      throw_scenario_error(file, line_no, "column 'time'", "'" + cells[0] + "' is not a whole hour",
                           "the start of a clock hour");
    const long idx = long(std::llround(k));
    if (idx < 0 || idx >= long(hours)) continue;  // outside the run
    if (seen[std::size_t(idx)])
      throw_scenario_error(file, line_no, "column 'time'",
                           "hour '" + cells[0] + "' given again (first on line " +
                               std::to_string(seen[std::size_t(idx)]) + ")",
                           "each hour once");
    seen[std::size_t(idx)] = line_no;
    std::vector<double> v(names.size());
    for (std::size_t r = 0; r < names.size(); ++r) {
      const std::string& cell = cells[column[r]];
      char* end = nullptr;
      const double x = std::strtod(cell.c_str(), &end);
      if (cell.empty() || *end != '\0' || !std::isfinite(x) || x < 0)
        throw_scenario_error(file, line_no, "column '" + header[column[r]] + "'",
                             "cannot read '" + cell + "' as a concentration",
                             "a finite number >= 0 in the species' units");
      v[r] = x;
    }
    b.values_[std::size_t(idx)] = std::move(v);
  }
  for (std::size_t h = 0; h < hours; ++h)
    if (!seen[h])
      throw_scenario_error(
          file, line_no, "column 'time'",
          "no row for the hour starting " + format_iso8601(start, first + 3600.0 * double(h)),
          "a row for every hour of the run");
  return b;
}

double ReceptorBackground::at(std::size_t r, double hour_start_s) const {
  if (!hourly_) return constant_;
  const long idx = long(std::llround((hour_start_s - first_hour_s_) / 3600.0));
  if (idx < 0 || idx >= long(values_.size())) return NAN;
  return values_[std::size_t(idx)][r];
}

}  // namespace airshed::statistics
