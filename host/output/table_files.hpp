// The regulatory tables (host/statistics/receptor_tables.hpp) as files in
// OUTDIR (docs/output-format.md, "Regulatory tables"):
//   receptor_ranks.csv       1st ... Nth highest per receptor, species, averaging (RECTABLE)
//   top_values.csv           the N highest over all receptors (MAXTABLE)
//   exceedance_events.csv    every average above a threshold (MAXIFILE)
//   compliance.csv           the standard's statistic, % of the limit (占标率), exceedances
//   receptor_hourly_SPECIES.csv  hourly means, one column per receptor (wide:
//                            a year is 8 760 rows whatever the receptors)
//   report.txt               the same, readable
// Every row names the receptor with its x, y (m) and lon, lat; times are
// the local start (YYYY-MM-DD hh:mm, which spreadsheets read as a date), the
// local end and the ISO 8601 start with its offset. Each file is written
// atomically (a reader never sees half a table).
#pragma once

#include <string>
#include <vector>

#include "host/core/run_observer.hpp"
#include "host/statistics/receptor_tables.hpp"

namespace airshed::output {

// Writes the tables; returns the names written (relative to `dir`). Throws std::runtime_error
// naming the file and the OS reason.
std::vector<std::string> write_table_files(const std::string& dir, const RunInfo& info,
                                           const statistics::TableResults& t);

// The text of each file (for tests).
std::string ranks_csv(const RunInfo& info, const statistics::TableResults& t);
std::string top_csv(const RunInfo& info, const statistics::TableResults& t);
std::string events_csv(const RunInfo& info, const statistics::TableResults& t);
std::string compliance_csv(const RunInfo& info, const statistics::TableResults& t);
std::string hourly_csv(const RunInfo& info, const statistics::TableResults& t,
                       const statistics::HourlyTable& h);
std::string report_text(const RunInfo& info, const statistics::TableResults& t);

// "2026-01-15 15:00": the local time `t_s` after the start, as spreadsheets read a date.
std::string spreadsheet_time(const Instant& start, double t_s);

}  // namespace airshed::output
