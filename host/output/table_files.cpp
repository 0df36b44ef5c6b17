#include "host/output/table_files.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "host/core/field_names.hpp"
#include "host/output/atomic_file.hpp"
#include "host/output/receptor_writer.hpp"

namespace airshed::output {
namespace {

using statistics::TableAverage;
using statistics::TableReceptor;
using statistics::TableResults;

std::string fixed(double v, int digits) {
  if (std::isnan(v)) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// receptor,x_m,y_m,lon,lat
std::string receptor_cells(const TableReceptor& r) {
  return csv_field(r.name) + ',' + fixed(r.x, 1) + ',' + fixed(r.y, 1) + ',' + fixed(r.lon, 6) +
         ',' + fixed(r.lat, 6);
}
const char* receptor_header = "receptor,x_m,y_m,lon,lat";

// start_local,end_local,start (ISO 8601 with offset)
std::string time_cells(const RunInfo& info, const TableAverage& a) {
  const double start = a.averaging == "period" ? 0 : a.start_s;
  const double end = a.averaging == "period" ? info.duration_s : a.start_s + 3600.0 * a.hours;
  return spreadsheet_time(info.start, start) + ',' + spreadsheet_time(info.start, end) + ',' +
         format_iso8601(info.start, start);
}
const char* time_header = "start_local,end_local,start";

std::string average_cells(const TableAverage& a) {
  return csv_field(a.species) + ',' + csv_field(a.units) + ',' + a.averaging + ',' + a.basis;
}

}  // namespace

std::string spreadsheet_time(const Instant& start, double t_s) {
  std::string iso = format_iso8601(start, t_s);  // 2026-01-15T15:00:00+08:00
  if (iso.size() >= 16) iso = iso.substr(0, 10) + ' ' + iso.substr(11, 5);
  return iso;
}

std::string ranks_csv(const RunInfo& info, const TableResults& t) {
  std::ostringstream o;
  o << receptor_header << ",species,units,averaging,basis,rank,value," << time_header << "\n";
  for (const auto& r : t.ranks)
    o << receptor_cells(t.receptors[r.average.receptor]) << ',' << average_cells(r.average) << ','
      << r.rank << ',' << csv_number(r.average.value) << ',' << time_cells(info, r.average) << "\n";
  return o.str();
}

std::string top_csv(const RunInfo& info, const TableResults& t) {
  std::ostringstream o;
  o << "species,units,averaging,basis,rank,value," << receptor_header << ',' << time_header << "\n";
  for (const auto& r : t.top)
    o << average_cells(r.average) << ',' << r.rank << ',' << csv_number(r.average.value) << ','
      << receptor_cells(t.receptors[r.average.receptor]) << ',' << time_cells(info, r.average)
      << "\n";
  return o.str();
}

std::string events_csv(const RunInfo& info, const TableResults& t) {
  std::ostringstream o;
  o << "species,units,averaging,basis,threshold,limit,value,percent_of_limit," << receptor_header
    << ',' << time_header << "\n";
  for (const auto& e : t.events)
    o << average_cells(e.average) << ',' << csv_field(e.label) << ',' << csv_number(e.limit) << ','
      << csv_number(e.average.value) << ',' << fixed(100.0 * e.average.value / e.limit, 1) << ','
      << receptor_cells(t.receptors[e.average.receptor]) << ',' << time_cells(info, e.average)
      << "\n";
  return o.str();
}

std::string compliance_csv(const RunInfo&, const TableResults& t) {
  std::ostringstream o;
  o << receptor_header
    << ",species,units,threshold,averaging,basis,statistic,value,limit,percent_of_limit,"
       "max_average,max_percent_of_limit,exceedances,valid_averages\n";
  for (const auto& c : t.compliance)
    o << receptor_cells(t.receptors[c.receptor]) << ',' << csv_field(c.species) << ','
      << csv_field(c.units) << ',' << csv_field(c.label) << ',' << c.averaging << ',' << c.basis
      << ',' << c.statistic << ',' << csv_number(c.value) << ',' << csv_number(c.limit) << ','
      << fixed(c.percent, 1) << ',' << csv_number(c.max_value) << ',' << fixed(c.max_percent, 1)
      << ',' << c.exceedances << ',' << c.averages << "\n";
  return o.str();
}

std::string hourly_csv(const RunInfo& info, const TableResults& t,
                       const statistics::HourlyTable& h) {
  std::ostringstream o;
  // Hourly means in h.units, one column per receptor; an empty cell: not a
  // valid hour (under 75 % of its outputs). No comment line: spreadsheets
  // and CSV readers take the first line as the header.
  o << time_header;
  for (const auto& r : t.receptors) o << ',' << csv_field(r.name);
  o << "\n";
  for (std::size_t k = 0; k < h.start_s.size(); ++k) {
    o << spreadsheet_time(info.start, h.start_s[k]) << ','
      << spreadsheet_time(info.start, h.start_s[k] + 3600) << ','
      << format_iso8601(info.start, h.start_s[k]);
    for (float v : h.values[k]) o << ',' << csv_number(v);
    o << "\n";
  }
  return o.str();
}

std::string report_text(const RunInfo& info, const TableResults& t) {
  std::ostringstream o;
  char line[512];
  o << "airshed regulatory tables: scenario '" << info.scenario_name << "', "
    << format_iso8601(info.start) << " + " << fixed(info.duration_s / 3600.0, 1) << " h\n\n";
  o << "Receptors\n";
  for (const auto& r : t.receptors) {
    std::snprintf(line, sizeof line, "  %-24s x %9.1f m  y %9.1f m  lon %11.6f  lat %10.6f\n",
                  r.name.c_str(), r.x, r.y, r.lon, r.lat);
    o << line;
  }
  if (!t.compliance.empty()) {
    o << "\nCompliance (value: the standard's statistic; % of the limit, 占标率)\n";
    std::snprintf(line, sizeof line, "  %-20s %-8s %-20s %-28s %12s %10s %8s %8s %6s\n", "receptor",
                  "species", "basis", "threshold", "value", "limit", "%", "max %", "exc.");
    o << line;
    for (const auto& c : t.compliance) {
      std::snprintf(line, sizeof line,
                    "  %-20.20s %-8.8s %-20s %-28.28s %12.5g %10.5g %8s %8s %6ld\n",
                    t.receptors[c.receptor].name.c_str(), c.species.c_str(), c.basis.c_str(),
                    c.label.c_str(), c.value, c.limit, fixed(c.percent, 1).c_str(),
                    fixed(c.max_percent, 1).c_str(), c.exceedances);
      o << line;
    }
  }
  o << "\nHighest values per receptor (rank 1 of each averaging; all ranks in "
       "receptor_ranks.csv)\n";
  for (const auto& r : t.ranks) {
    if (r.rank != 1) continue;
    const auto& a = r.average;
    std::snprintf(line, sizeof line, "  %-20.20s %-8.8s %-7s %-20s %12.5g %-7s  from %s\n",
                  t.receptors[a.receptor].name.c_str(), a.species.c_str(), a.averaging.c_str(),
                  a.basis.c_str(), a.value, a.units.c_str(),
                  spreadsheet_time(info.start, a.averaging == "period" ? 0 : a.start_s).c_str());
    o << line;
  }
  o << "\nExceedance events: " << t.events.size() << " (exceedance_events.csv)\n";
  return o.str();
}

std::vector<std::string> write_table_files(const std::string& dir, const RunInfo& info,
                                           const TableResults& t) {
  std::vector<std::string> written;
  auto put = [&](const std::string& name, const std::string& text) {
    write_file_atomically(dir + "/" + name, text);
    written.push_back(name);  // as run.json lists every file: relative to the directory
  };
  put("receptor_ranks.csv", ranks_csv(info, t));
  put("top_values.csv", top_csv(info, t));
  put("exceedance_events.csv", events_csv(info, t));
  put("compliance.csv", compliance_csv(info, t));
  for (const auto& h : t.hourly)
    put("receptor_hourly_" + safe_name(h.species) +
            (h.basis == "project" ? std::string() : "_with_background") + ".csv",
        hourly_csv(info, t, h));
  put("report.txt", report_text(info, t));
  return written;
}

}  // namespace airshed::output
