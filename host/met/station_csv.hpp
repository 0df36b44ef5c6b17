// Hourly surface observations from one station, as a CSV file with a
// header row (docs/scenario-format.md, "Station CSV"). Every bad cell is
// rejected with ScenarioError "FILE:LINE: column 'name': ...; allowed: ...".
#pragma once

#include <string>
#include <vector>

#include "host/met/met_record.hpp"

namespace airshed {

// Times without an offset are read on the scenario's clock
// (`default_offset_minutes`). Rows must be strictly increasing in time.
std::vector<MetRecord> read_station_csv(const std::string& path, int default_offset_minutes);

// Same, from text already in memory (`path` only labels messages).
std::vector<MetRecord> parse_station_csv(const std::string& text, const std::string& path,
                                         int default_offset_minutes);

// The checks every met record passes, whether from a CSV row or a uniform
// [met] table: returns an empty string when valid, else "column|what|allowed".
struct MetProblem {
  std::string column, what, allowed;
};
bool check_met_record(const MetRecord& r, MetProblem& problem);

}  // namespace airshed
