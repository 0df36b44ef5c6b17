// The WRF times a run reads from, in time order across its files, and the
// checks made on them before the run computes anything (each problem the
// one-line error at the file's `met.files` entry, naming the file):
// - one WRF domain in every file and at every time (a moving nest may move
//   its centre, nothing else), at least 2 x 2 x 2 mass points;
// - times strictly increasing across the files;
// - covering the run [t0, t1];
// - no gap inside the run longer than the files' output interval (the
//   longest step inside one file; for files of one time each, the shortest
//   step between them);
// - airshed's domain inside the WRF grid at every time the run uses, once
//   per place of a moving nest.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "host/core/grid.hpp"
#include "host/input/input_error.hpp"
#include "host/met/wrf/wrf_source.hpp"
#include "host/scenario/projection.hpp"

namespace airshed {

struct WrfTimeEntry {
  std::size_t file, index;  // which file, which of its times
  long long utc;
  WrfGridInfo grid;  // a moving nest's grid moves from time to time
};

struct WrfRunWindow {
  long long t0, t1;    // UTC epoch s, the run's start and end
  int offset_minutes;  // for the times in messages
};

// Opens each file once (`open`); `sites` holds one entry per path.
std::vector<WrfTimeEntry> index_wrf_times(const std::vector<std::string>& paths,
                                          const std::vector<InputSite>& sites,
                                          const WrfSourceOpener& open_source,
                                          const WrfRunWindow& run);

// The i with times[i] <= utc <= times[i + 1] (the first or last pair
// outside them); at least two times.
std::size_t wrf_bracket(const std::vector<WrfTimeEntry>& times, long long utc);

// A moving nest's grid at two times: in the same place?
bool same_place(const WrfGridInfo& a, const WrfGridInfo& b);

void check_domain_inside_wrf(const std::vector<WrfTimeEntry>& times,
                             const std::vector<std::string>& paths,
                             const std::vector<InputSite>& sites, const Grid& grid,
                             const LocalProjection& proj, const WrfIndexMapFactory& index_map,
                             const WrfRunWindow& run);

}  // namespace airshed
