// The WRF times of a run: every file opened once, its times and grid
// indexed and checked (one domain, strictly increasing, covering the run,
// no gaps), and the domain checked inside the grid wherever a moving nest
// is at the times the run uses.
#include "host/met/wrf/wrf_time_index.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "host/core/instant.hpp"
#include "host/met/wrf/wrf_regrid.hpp"

namespace airshed {

namespace {

std::string seconds(double s) {
  std::ostringstream o;
  o << s << " s";
  return o.str();
}

// One WRF domain: the same grid, wherever a moving nest has put its centre.
bool same_domain(const WrfGridInfo& a, const WrfGridInfo& b) {
  return a.projection == b.projection && a.nx == b.nx && a.ny == b.ny && a.nz == b.nz &&
         a.dx == b.dx && a.dy == b.dy && a.truelat1 == b.truelat1 && a.truelat2 == b.truelat2 &&
         a.stand_lon == b.stand_lon;
}

}  // namespace

bool same_place(const WrfGridInfo& a, const WrfGridInfo& b) {
  return a.cen_lat == b.cen_lat && a.cen_lon == b.cen_lon;
}

std::vector<WrfTimeEntry> index_wrf_times(const std::vector<std::string>& paths,
                                          const std::vector<InputSite>& sites,
                                          const WrfSourceOpener& open_source,
                                          const WrfRunWindow& run) {
  const long long t0 = run.t0, t1 = run.t1;
  auto when = [&](long long utc) { return format_iso8601(Instant{utc, run.offset_minutes}); };
  if (paths.empty() || sites.size() != paths.size())
    throw std::invalid_argument("index_wrf_times: no WRF files, or not one site each");
  std::vector<WrfTimeEntry> times;
  WrfGridInfo wrf;
  double interval = 0;  // the longest step inside one file
  for (std::size_t f = 0; f < paths.size(); ++f) {
    const std::unique_ptr<WrfSource> src = open_source(paths[f]);
    const std::string& name = paths[f];
    if (f == 0) {
      wrf = src->grid(0);
      if (wrf.nx < 2 || wrf.ny < 2 || wrf.nz < 2)
        throw_input_error(sites[f],
                          "WRF file '" + name + "': a grid of " + std::to_string(wrf.nx) + " x " +
                              std::to_string(wrf.ny) + " x " + std::to_string(wrf.nz) +
                              " mass points",
                          "at least 2 x 2 x 2, for interpolation");
    } else if (!same_domain(src->grid(0), wrf)) {
      throw_input_error(sites[f],
                        "WRF file '" + name + "': its grid differs from '" + paths[0] + "'",
                        "files of one WRF domain");
    }
    const std::vector<long long>& ts = src->times();
    if (ts.empty())
      throw_input_error(sites[f], "WRF file '" + name + "' has no times",
                        "a wrfout file with Times");
    for (std::size_t i = 0; i < ts.size(); ++i) {
      if (!times.empty() && ts[i] <= times.back().utc)
        throw_input_error(sites[f],
                          "WRF file '" + name + "': time " + when(ts[i]) + " is not after " +
                              when(times.back().utc),
                          "files in time order, times strictly increasing");
      if (i > 0) interval = std::max(interval, double(ts[i] - ts[i - 1]));
      if (!same_domain(src->grid(i), wrf))
        throw_input_error(sites[f], "WRF file '" + name + "': its grid changes at " + when(ts[i]),
                          "one WRF domain (a moving nest may move, not change)");
      times.push_back({f, i, ts[i], src->grid(i)});
    }
  }
  if (times.front().utc > t0)
    throw_input_error(sites.front(),
                      "the WRF files start at " + when(times.front().utc) +
                          ", after the run's start " + when(t0) + " ('" + paths.front() + "')",
                      "WRF times covering " + when(t0) + " to " + when(t1));
  if (times.back().utc < t1 || times.size() < 2)  // two times at least to interpolate between
    throw_input_error(sites.back(),
                      "the WRF files end at " + when(times.back().utc) + ", before the run's end " +
                          when(t1) + " ('" + paths.back() + "')",
                      "WRF times covering " + when(t0) + " to " + when(t1));
  // Files of one time each (frames_per_outfile = 1): their interval is the
  // shortest step between them.
  if (interval == 0) {
    interval = std::numeric_limits<double>::infinity();
    for (std::size_t k = 1; k < times.size(); ++k)
      interval = std::min(interval, double(times[k].utc - times[k - 1].utc));
  }
  for (std::size_t k = 1; k < times.size(); ++k) {
    const WrfTimeEntry &a = times[k - 1], &b = times[k];
    if (b.utc <= t0 || a.utc >= t1 || double(b.utc - a.utc) <= interval) continue;
    throw_input_error(sites[b.file],
                      "a gap in the WRF times from " + when(a.utc) + " to " + when(b.utc) + " ('" +
                          paths[b.file] + "'), longer than the files' interval " +
                          seconds(interval),
                      "WRF times no further apart than the output interval");
  }
  return times;
}

// Every time the run uses (the brackets of its start and end and all in
// between) maps airshed's points into its grid, once per place of the grid.
void check_domain_inside_wrf(const std::vector<WrfTimeEntry>& times,
                             const std::vector<std::string>& paths,
                             const std::vector<InputSite>& sites, const Grid& grid,
                             const LocalProjection& proj, const WrfIndexMapFactory& index_map,
                             const WrfRunWindow& run) {
  const WrfGridInfo& wrf = times.front().grid;
  const std::size_t first = wrf_bracket(times, run.t0);
  const std::size_t last = std::min(wrf_bracket(times, run.t1) + 1, times.size() - 1);
  bool moving = false;
  for (std::size_t k = first; k <= last; ++k) moving |= !same_place(times[k].grid, wrf);
  const WrfGridInfo* checked = nullptr;
  for (std::size_t k = first; k <= last; ++k) {
    const WrfTimeEntry& e = times[k];
    if (checked && same_place(e.grid, *checked)) continue;
    const WrfPointMaps m = map_airshed_points(grid, proj, index_map(e.grid));
    const std::string when = moving ? format_iso8601(Instant{e.utc, run.offset_minutes}) : "";
    check_inside(m, e.grid, grid, sites[e.file], paths[e.file], when);
    checked = &e.grid;
  }
}

std::size_t wrf_bracket(const std::vector<WrfTimeEntry>& times, long long utc_s) {
  auto it = std::upper_bound(times.begin(), times.end(), utc_s,
                             [](long long t, const WrfTimeEntry& e) { return t < e.utc; });
  const std::size_t after = std::size_t(it - times.begin());  // first time > t
  return std::min(after == 0 ? 0 : after - 1, times.size() - 2);
}

}  // namespace airshed
