// The met of `[met] kind = "wrf"`: one or more WRF output files in time
// order, on airshed's grid (host/met/wrf/wrf_on_grid.hpp), linear in time
// between WRF output times.
//
// Construction opens every file once (WrfSourceOpener) to index its times
// and checks, before the run computes anything, that the grids agree, the
// times increase strictly across the files, they cover [start, start +
// duration] with no gap longer than the files' output interval, and the
// domain lies inside the WRF grid; each problem is the one-line error at
// the file's `met.files` entry naming the file. Then the files are read
// lazily: the provider holds the two WRF times around the current time and
// reads the next one ahead on a second thread (a std::async started when
// the run enters an interval) while the solver works, so at most three
// times are in memory, and each is read once in a forward run. File access
// is serialised (netCDF-C is not thread-safe): after construction only one
// read runs at a time, on the read-ahead thread or, when the run jumps, on
// the caller's. (netCDF-4 files are HDF5 underneath; Debian's HDF5 is built
// thread-safe, so the run's HDF5 writer may work at the same time.) A read
// error surfaces in the call that needs that time.
//
// The met is refreshed (next_change) every update_interval_s from the
// start, and at every WRF output time in between; fields(t) is the linear
// interpolation at t of the two bracketing WRF times. The winds are a first
// guess (first_guess() is true) until the run hands its projection to
// project_at_source(): then every WRF time is projected as it is read and
// the interpolated winds are mass-consistent too.
#pragma once

#include <cstddef>
#include <future>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "host/core/instant.hpp"
#include "host/met/met_provider.hpp"
#include "host/met/wrf/wrf_on_grid.hpp"
#include "host/met/wrf/wrf_source.hpp"
#include "host/met/wrf/wrf_time_index.hpp"
#include "host/scenario/projection.hpp"

namespace airshed {

class WrfMetProvider final : public MetProvider {
 public:
  // `paths` in time order, `sites` their entries in the scenario (one each).
  WrfMetProvider(std::vector<std::string> paths, std::vector<InputSite> sites, const Grid& grid,
                 const LocalProjection& proj, const Instant& start, double duration_s,
                 double update_interval_s, WrfSourceOpener open,
                 const WrfIndexMapFactory& index_map, bool chemistry_met = false,
                 UrbanSpec urban = {});
  ~WrfMetProvider() override;
  WrfMetProvider(const WrfMetProvider&) = delete;
  WrfMetProvider& operator=(const WrfMetProvider&) = delete;

  // The column at the domain's centre (what a domain-wide report shows).
  SurfaceState surface(double t_s) const override;
  MetFields fields(double t_s) const override;
  double next_change(double t_s) const override;
  SurfaceState surface_at(double t_s, double x, double y) const override;
  std::vector<float> terrain() const override { return terrain_; }
  bool first_guess() const override;
  bool project_at_source(WindProjection project) override;

  // WRF times on airshed's grid now in memory: the bracket and the read-ahead.
  std::size_t times_held() const;

 private:
  WrfOnGrid read_time(std::size_t i) const;  // the only file access after construction
  WrfOnGrid take(std::size_t i) const;       // the read-ahead when it is i, else read now
  void enter(std::size_t b) const;           // bracket b in lo_/hi_, start the read-ahead
  const WrfOnGrid& at(double t_s) const;     // interpolated at t (cached)

  std::vector<std::string> paths_;
  std::vector<InputSite> sites_;
  Grid grid_;
  long long start_utc_;
  int offset_minutes_;
  double update_s_;
  WrfSourceOpener open_;
  LocalProjection proj_;
  bool chemistry_ = false;  // add the chemistry fields (MetSpec::chemistry_met)
  UrbanSpec urban_;         // AERMOD's urban night over LU_INDEX's urban columns
  WrfIndexMapFactory index_map_;
  WrfGridInfo wrf_;  // the first time's grid
  std::vector<WrfTimeEntry> times_;
  std::vector<float> terrain_;

  mutable std::mutex state_;   // the bracket, the cache (fields() may come from any thread)
  mutable std::mutex reader_;  // file access: the read-ahead or a read now, never both
  WindProjection project_;     // applied to each WRF time as it is read (under reader_)
  mutable std::unique_ptr<WrfSource> open_file_;
  mutable std::size_t open_file_index_ = std::numeric_limits<std::size_t>::max();
  mutable WrfPointMaps maps_;  // airshed's points on the grid of the last time read
  mutable WrfGridInfo maps_grid_;
  mutable bool have_maps_ = false;
  mutable std::size_t lo_i_ = std::numeric_limits<std::size_t>::max();
  mutable std::unique_ptr<WrfOnGrid> lo_, hi_;
  mutable double cached_t_ = std::numeric_limits<double>::quiet_NaN();
  mutable WrfOnGrid cached_;
  mutable std::size_t ahead_i_ = std::numeric_limits<std::size_t>::max();
  mutable std::future<WrfOnGrid> ahead_;  // last: destroyed (waited for) first
};

// The provider of a `[met] kind = "wrf"` spec (MetSpec::wrf_files,
// wrf_file_sites, wrf_update_interval_s) over the run [start, start +
// duration_s], airshed's local projection `proj` (the domain's south-west
// corner), the files opened by `open` and WRF's grid mapped by `index_map`.
std::unique_ptr<MetProvider> make_wrf_met_provider(const MetSpec& spec, const Grid& grid,
                                                   const LocalProjection& proj,
                                                   const Instant& start, double duration_s,
                                                   const WrfSourceOpener& open,
                                                   const WrfIndexMapFactory& index_map);

}  // namespace airshed
