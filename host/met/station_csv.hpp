// Hourly surface observations from one station, as a CSV file with a
// header row (docs/scenario-format.md, "Station CSV"). Every bad cell is
// rejected with ScenarioError "FILE:LINE: column 'name': ...; allowed: ...".
//
// A reader is given the window of hours it needs (a run's start..end): the
// header and the time cell of each row up to the window's end are always
// read (they place the rows); the other cells are read and checked only
// for rows whose hour overlaps the window, and no row after the first one
// at or past the window's end is read at all.
#pragma once

#include <climits>
#include <cstddef>
#include <istream>
#include <string>
#include <vector>

#include "host/scenario/met_record.hpp"

namespace airshed {

// UTC seconds [begin, end); a row holds for the hour from its time stamp.
struct MetWindow {
  long long begin = LLONG_MIN, end = LLONG_MAX;  // default: every row
  bool holds_hour(long long row_start) const { return row_start + 3600 > begin && row_start < end; }
};

// Times without an offset are read on the scenario's clock
// (`default_offset_minutes`). Rows must be strictly increasing in time.
// Returns the rows of the window; a file with data rows but none in the
// window gives an empty list (the caller says which hour is missing).
std::vector<MetRecord> read_station_csv(const std::string& path, int default_offset_minutes,
                                        const MetWindow& window = {});

// Same, from text already in memory (`path` only labels messages).
std::vector<MetRecord> parse_station_csv(const std::string& text, const std::string& path,
                                         int default_offset_minutes, const MetWindow& window = {});

// Same, from a stream; `max_bytes` > 0 caps what is read (a file that grew
// after its size was checked).
std::vector<MetRecord> read_station_rows(std::istream& in, const std::string& path,
                                         int default_offset_minutes, const MetWindow& window,
                                         std::size_t max_bytes);

// The checks every met record passes, whether from a CSV row or a uniform
// [met] table: returns an empty string when valid, else "column|what|allowed".
struct MetProblem {
  std::string column, what, allowed;
};
bool check_met_record(const MetRecord& r, MetProblem& problem);

}  // namespace airshed
