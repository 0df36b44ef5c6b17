#include "host/met/station_csv.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "host/input/input_error.hpp"
#include "host/input/input_file.hpp"
#include "host/input/input_limits.hpp"
#include "host/scenario/clock.hpp"

namespace airshed {

namespace {

const char* const kColumns[] = {
    "time",        "wind_speed",    "wind_direction",    "stability",   "mixing_height", "ustar",
    "temperature", "precipitation", "relative_humidity", "cloud_cover", "pressure"};
constexpr int kColumnCount = int(sizeof kColumns / sizeof kColumns[0]);
constexpr int kRequired = 5;  // the first five columns must be present

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream ss(line);
  std::string c;
  while (std::getline(ss, c, ',')) cells.push_back(trim(c));
  if (!line.empty() && line.back() == ',') cells.push_back("");
  return cells;
}

bool to_number(const std::string& s, double& v) {
  char* end = nullptr;
  v = std::strtod(s.c_str(), &end);
  return !s.empty() && end == s.c_str() + s.size();
}

}  // namespace

bool check_met_record(const MetRecord& r, MetProblem& p) {
  auto bad = [&](const char* col, const std::string& what, const char* allowed) {
    p = {col, what, allowed};
    return false;
  };
  // 75 m/s exceeds any surface wind that a hourly mean can plausibly hold
  // (the strongest typhoon 10 min means are ~70 m/s): a typo or a unit error.
  if (!std::isfinite(r.wind_speed) || r.wind_speed < 0 || r.wind_speed > 75)
    return bad("wind_speed", "not a plausible wind speed", "0 <= value <= 75 (m/s)");
  if (!std::isfinite(r.wind_direction) || r.wind_direction < 0 || r.wind_direction > 360)
    return bad("wind_direction", "not a direction", "0 <= value <= 360 (degrees, from)");
  if (r.stability_class == 0 &&
      (!std::isfinite(r.obukhov_length) || std::abs(r.obukhov_length) < 1))
    return bad("stability", "not a Monin-Obukhov length", "A..F, or L in m with |L| >= 1");
  if (r.stability_class != 0 && (r.stability_class < 'A' || r.stability_class > 'F'))
    return bad("stability", "unknown Pasquill-Gifford class", "A, B, C, D, E, F, or L in m");
  if (!std::isfinite(r.mixing_height) || r.mixing_height <= 0 || r.mixing_height > 6000)
    return bad("mixing_height", "not a plausible mixing height", "0 < value <= 6000 (m)");
  if (!std::isfinite(r.ustar) || r.ustar > 5)
    return bad("ustar", "not a plausible friction velocity", "0 <= value <= 5 (m/s), or empty");
  if (!std::isfinite(r.temperature) || r.temperature < 200 || r.temperature > 340)
    return bad("temperature", "not a plausible air temperature", "-73 <= value <= 66 (degC)");
  if (!std::isfinite(r.precipitation) || r.precipitation < 0 || r.precipitation > 500)
    return bad("precipitation", "not a plausible rate", "0 <= value <= 500 (mm/h), or empty");
  if (!std::isfinite(r.relative_humidity) || r.relative_humidity < 0 || r.relative_humidity > 1)
    return bad("relative_humidity", "not a relative humidity", "0 <= value <= 100 (%), or empty");
  if (!std::isfinite(r.cloud_cover) || r.cloud_cover < 0 || r.cloud_cover > 8)
    return bad("cloud_cover", "not a cloud cover", "0 <= value <= 8 (oktas), or empty");
  if (!std::isfinite(r.pressure) || r.pressure < 30000 || r.pressure > 110000)
    return bad("pressure", "not a plausible surface pressure",
               "300 <= value <= 1100 (hPa), or empty");
  return true;
}

std::vector<MetRecord> read_station_csv(const std::string& path, int default_offset_minutes,
                                        const MetWindow& window) {
  std::ifstream in = open_input_file(path, kMaxStationCsvBytes, "station file");
  return read_station_rows(in, path, default_offset_minutes, window, kMaxStationCsvBytes);
}

std::vector<MetRecord> parse_station_csv(const std::string& text, const std::string& path,
                                         int default_offset_minutes, const MetWindow& window) {
  std::istringstream in(text);
  return read_station_rows(in, path, default_offset_minutes, window, 0);
}

std::vector<MetRecord> read_station_rows(std::istream& in, const std::string& path,
                                         int default_offset_minutes, const MetWindow& window,
                                         std::size_t max_bytes) {
  std::vector<MetRecord> rows;
  std::vector<int> column_of;  // header position -> index into kColumns
  int time_at = -1;            // header position of the time column
  std::string line;
  long n = 0;
  std::size_t bytes = 0;
  bool any_row = false;     // a data row was read, in the window or not
  long long last_time = 0;  // of the last data row read
  std::string all;
  for (const char* c : kColumns) all += (all.empty() ? "" : ", ") + std::string(c);

  while (std::getline(in, line)) {
    ++n;
    bytes += line.size() + (in.eof() ? 0 : 1);
    // The file may have grown since open_input_file() checked its size.
    if (max_bytes > 0 && bytes > max_bytes)
      throw_input_file_error(path, max_bytes, "station file",
                             "is more than " + std::to_string(max_bytes) + " bytes");
    // A spreadsheet's "CSV UTF-8" export starts with a byte-order mark.
    if (n == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    const auto cells = split(line);
    auto fail = [&](const std::string& col, const std::string& what, const std::string& allowed) {
      throw_scenario_error(path, n, "column '" + col + "'", what, allowed);
    };
    if (column_of.empty()) {  // the header row
      bool seen[kColumnCount] = {};
      for (const auto& name : cells) {
        int idx = -1;
        for (int c = 0; c < kColumnCount; ++c)
          if (name == kColumns[c]) idx = c;
        if (idx < 0) fail(name, "unknown column", all);
        if (seen[idx]) fail(name, "column given twice", all);
        seen[idx] = true;
        if (idx == 0) time_at = int(column_of.size());
        column_of.push_back(idx);
      }
      for (int c = 0; c < kRequired; ++c)
        if (!seen[c]) fail(kColumns[c], "missing required column", all);
      continue;
    }
    // A row whose hour lies outside the window is placed by its time cell
    // and skipped unchecked; the first row at or after the window's end
    // ends the reading (rows are strictly increasing in time).
    if (std::size_t(time_at) < cells.size()) {
      const auto t = parse_iso8601(cells[std::size_t(time_at)], default_offset_minutes);
      if (t && !window.holds_hour(t->utc_epoch_s)) {
        if (any_row && t->utc_epoch_s <= last_time)
          fail("time", "not later than the previous row", "strictly increasing times");
        any_row = true;
        last_time = t->utc_epoch_s;
        if (t->utc_epoch_s >= window.end) break;
        continue;
      }
    }
    if (cells.size() != column_of.size())
      fail("*",
           "row has " + std::to_string(cells.size()) + " cells, header has " +
               std::to_string(column_of.size()),
           "one cell per header column");

    MetRecord r;
    r.line = n;
    r.temperature = 288.15;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const std::string& v = cells[i];
      const char* col = kColumns[column_of[i]];
      double x = 0;
      const bool optional = column_of[i] >= kRequired;
      if (column_of[i] == 0) {
        const auto t = parse_iso8601(v, default_offset_minutes);
        if (!t) fail(col, "cannot read '" + v + "' as a time", "YYYY-MM-DDThh:mm[:ss][offset]");
        r.utc_epoch_s = t->utc_epoch_s;
        continue;
      }
      if (column_of[i] == 3 && v.size() == 1 && std::isalpha(static_cast<unsigned char>(v[0]))) {
        r.stability_class = char(std::toupper(static_cast<unsigned char>(v[0])));
        continue;
      }
      if (optional && v.empty()) continue;
      if (!to_number(v, x)) fail(col, "cannot read '" + v + "' as a number", "a number");
      switch (column_of[i]) {
        case 1:
          r.wind_speed = x;
          break;
        case 2:
          r.wind_direction = x;
          break;
        case 3:
          r.obukhov_length = x;
          break;
        case 4:
          r.mixing_height = x;
          break;
        case 5:
          r.ustar = x < 0 ? std::nan("") : x;
          break;
        case 6:
          r.temperature = x + 273.15;
          break;
        case 7:
          r.precipitation = x;
          break;
        case 8:
          r.relative_humidity = x / 100;  // the column is in per cent
          break;
        case 9:
          r.cloud_cover = x;
          break;
        case 10:
          r.pressure = x * 100;  // hPa
          break;
      }
    }
    MetProblem p;
    if (!check_met_record(r, p)) fail(p.column, p.what, p.allowed);
    if (any_row && r.utc_epoch_s <= last_time)
      fail("time", "not later than the previous row", "strictly increasing times");
    any_row = true;
    last_time = r.utc_epoch_s;
    rows.push_back(r);
  }
  if (in.bad()) throw_input_file_error(path, max_bytes, "station file", "cannot be read");
  if (column_of.empty()) throw_scenario_error(path, 1, "station file", "no header row", all);
  if (!any_row) throw_scenario_error(path, n, "station file", "no data rows", "hourly rows");
  return rows;
}

}  // namespace airshed
