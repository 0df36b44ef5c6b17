// One 2-D ground map out of a run's NAME.h5 (docs/output-format.md): a time
// of `<species>_ground` or a `statistics/<species>_<statistic>`, with the
// grid's cell faces, its CRS (crs_wkt) and the labels a GIS layer carries.
#pragma once

#include <string>
#include <vector>

namespace airshed::exporting {

struct GroundMap {
  std::string species;    // as the file names it (safe_name)
  std::string statistic;  // empty for a ground field at one time
  std::string units;
  std::string time;     // ISO 8601 local time of a ground field; empty for a statistic
  int time_index = -1;  // its index in `time`; -1 for a statistic
  int nx = 0, ny = 0;
  double west = 0, south = 0;  // m, the domain's outer faces in the projected CRS
  double dx = 0, dy = 0;       // m
  std::vector<float> values;   // ny rows of nx, row 0 the southernmost (as in the file)
  std::string crs_wkt;         // WKT2 of the run's projection

  float at(int i, int j) const { return values[std::size_t(j) * nx + i]; }
  // "PM2.5_max_daily_mean" or "PM2.5_ground_t0012": the stem of the file names.
  std::string stem() const;
};

// Which time of a ground field: "max" (the time of the domain maximum, the
// default), "last", an index into `time`, or an ISO 8601 time (without an
// offset: the scenario's local clock) that must be one of the output times.
struct MapRequest {
  std::string species;
  std::string statistic;  // empty: the ground field
  std::string time = "max";
};

// Throws std::runtime_error with one line naming what is missing and what
// exists (species, statistics, times) when the request does not match.
GroundMap read_ground_map(const std::string& h5_path, const MapRequest& request);

}  // namespace airshed::exporting
