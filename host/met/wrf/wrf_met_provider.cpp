#include "host/met/wrf/wrf_met_provider.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace airshed {

namespace {

// One WRF domain: the same grid, wherever a moving nest has put its centre.
bool same_domain(const WrfGridInfo& a, const WrfGridInfo& b) {
  return a.projection == b.projection && a.nx == b.nx && a.ny == b.ny && a.nz == b.nz &&
         a.dx == b.dx && a.dy == b.dy && a.truelat1 == b.truelat1 && a.truelat2 == b.truelat2 &&
         a.stand_lon == b.stand_lon;
}

bool same_place(const WrfGridInfo& a, const WrfGridInfo& b) {
  return a.cen_lat == b.cen_lat && a.cen_lon == b.cen_lon;
}

std::string seconds(double s) {
  std::ostringstream o;
  o << s << " s";
  return o.str();
}

// A field of the wrong size would be read out of bounds by the regridding:
// the reader guarantees the sizes, a check here keeps that promise explicit.
void check_sizes(const WrfFields& f, const WrfGridInfo& g, const InputSite& site,
                 const std::string& file) {
  const std::size_t n3 = g.points(), n2 = g.columns();
  const bool ok = f.z_agl.size() == n3 && f.u_east.size() == n3 && f.v_north.size() == n3 &&
                  f.w.size() == n3 && f.theta.size() == n3 && f.temperature.size() == n3 &&
                  f.pressure.size() == n3 && f.terrain.size() == n2;
  if (!ok)
    throw_input_error(site, "WRF file '" + file + "': a field's size does not match its grid",
                      "the diagnosed fields of a wrfout file");
}

}  // namespace

WrfMetProvider::WrfMetProvider(std::vector<std::string> paths, std::vector<InputSite> sites,
                               const Grid& grid, const LocalProjection& proj, const Instant& start,
                               double duration_s, double update_interval_s, WrfSourceOpener open,
                               const WrfIndexMapFactory& index_map)
    : paths_(std::move(paths)),
      sites_(std::move(sites)),
      grid_(grid),
      start_utc_(start.utc_epoch_s),
      offset_minutes_(start.offset_minutes),
      update_s_(update_interval_s),
      open_(std::move(open)),
      proj_(proj),
      index_map_(index_map) {
  sites_.resize(paths_.size(), sites_.empty() ? InputSite{} : sites_.back());
  index_files(start, duration_s);
  check_domain_inside(start_utc_, start_utc_ + (long long)std::ceil(duration_s));
  const std::size_t b = bracket(start_utc_);
  std::lock_guard<std::mutex> lock(state_);
  enter(b);
  terrain_ = lo_->terrain;
}

WrfMetProvider::~WrfMetProvider() {
  if (ahead_.valid()) ahead_.wait();
}

void WrfMetProvider::index_files(const Instant& start, double duration_s) {
  const long long t0 = start.utc_epoch_s, t1 = t0 + (long long)std::ceil(duration_s);
  auto when = [&](long long utc) { return format_iso8601(Instant{utc, offset_minutes_}); };
  if (paths_.empty()) throw std::invalid_argument("WrfMetProvider: no WRF files");
  double interval = 0;  // the longest step inside one file
  for (std::size_t f = 0; f < paths_.size(); ++f) {
    const std::unique_ptr<WrfSource> src = open_(paths_[f]);
    const std::string& name = paths_[f];
    if (f == 0) {
      wrf_ = src->grid(0);
      if (wrf_.nx < 2 || wrf_.ny < 2 || wrf_.nz < 2)
        throw_input_error(sites_[f],
                          "WRF file '" + name + "': a grid of " + std::to_string(wrf_.nx) + " x " +
                              std::to_string(wrf_.ny) + " x " + std::to_string(wrf_.nz) +
                              " mass points",
                          "at least 2 x 2 x 2, for interpolation");
    } else if (!same_domain(src->grid(0), wrf_)) {
      throw_input_error(sites_[f],
                        "WRF file '" + name + "': its grid differs from '" + paths_[0] + "'",
                        "files of one WRF domain");
    }
    const std::vector<long long>& ts = src->times();
    if (ts.empty())
      throw_input_error(sites_[f], "WRF file '" + name + "' has no times",
                        "a wrfout file with Times");
    for (std::size_t i = 0; i < ts.size(); ++i) {
      if (!times_.empty() && ts[i] <= times_.back().utc)
        throw_input_error(sites_[f],
                          "WRF file '" + name + "': time " + when(ts[i]) + " is not after " +
                              when(times_.back().utc),
                          "files in time order, times strictly increasing");
      if (i > 0) interval = std::max(interval, double(ts[i] - ts[i - 1]));
      if (!same_domain(src->grid(i), wrf_))
        throw_input_error(sites_[f], "WRF file '" + name + "': its grid changes at " + when(ts[i]),
                          "one WRF domain (a moving nest may move, not change)");
      times_.push_back({f, i, ts[i], src->grid(i)});
    }
  }
  if (times_.front().utc > t0)
    throw_input_error(sites_.front(),
                      "the WRF files start at " + when(times_.front().utc) +
                          ", after the run's start " + when(t0) + " ('" + paths_.front() + "')",
                      "WRF times covering " + when(t0) + " to " + when(t1));
  if (times_.back().utc < t1)
    throw_input_error(sites_.back(),
                      "the WRF files end at " + when(times_.back().utc) +
                          ", before the run's end " + when(t1) + " ('" + paths_.back() + "')",
                      "WRF times covering " + when(t0) + " to " + when(t1));
  // Files of one time each (frames_per_outfile = 1): their interval is the
  // shortest step between them.
  if (interval == 0) {
    interval = std::numeric_limits<double>::infinity();
    for (std::size_t k = 1; k < times_.size(); ++k)
      interval = std::min(interval, double(times_[k].utc - times_[k - 1].utc));
  }
  for (std::size_t k = 1; k < times_.size(); ++k) {
    const TimeEntry &a = times_[k - 1], &b = times_[k];
    if (b.utc <= t0 || a.utc >= t1 || double(b.utc - a.utc) <= interval) continue;
    throw_input_error(sites_[b.file],
                      "a gap in the WRF times from " + when(a.utc) + " to " + when(b.utc) + " ('" +
                          paths_[b.file] + "'), longer than the files' interval " +
                          seconds(interval),
                      "WRF times no further apart than the output interval");
  }
}

// Every time the run uses (the brackets of its start and end and all in
// between) maps airshed's points into its grid, once per place of the grid.
void WrfMetProvider::check_domain_inside(long long t0, long long t1) const {
  const std::size_t first = bracket(t0), last = std::min(bracket(t1) + 1, times_.size() - 1);
  bool moving = false;
  for (std::size_t k = first; k <= last; ++k) moving |= !same_place(times_[k].grid, wrf_);
  const WrfGridInfo* checked = nullptr;
  for (std::size_t k = first; k <= last; ++k) {
    const TimeEntry& e = times_[k];
    if (checked && same_place(e.grid, *checked)) continue;
    const WrfPointMaps m = map_airshed_points(grid_, proj_, index_map_(e.grid));
    const std::string when = moving ? format_iso8601(Instant{e.utc, offset_minutes_}) : "";
    check_inside(m, e.grid, grid_, sites_[e.file], paths_[e.file], when);
    checked = &e.grid;
  }
}

std::size_t WrfMetProvider::bracket(long long utc_s) const {
  auto it = std::upper_bound(times_.begin(), times_.end(), utc_s,
                             [](long long t, const TimeEntry& e) { return t < e.utc; });
  const std::size_t after = std::size_t(it - times_.begin());  // first time > t
  return std::min(after == 0 ? 0 : after - 1, times_.size() - 2);
}

WrfOnGrid WrfMetProvider::read_time(std::size_t i) const {
  std::lock_guard<std::mutex> lock(reader_);
  const TimeEntry& e = times_[i];
  if (open_file_index_ != e.file) {
    open_file_.reset();  // one file open at a time
    open_file_ = open_(paths_[e.file]);
    open_file_index_ = e.file;
  }
  const WrfFields f = open_file_->read(e.index);
  check_sizes(f, e.grid, sites_[e.file], paths_[e.file]);
  if (!have_maps_ || !same_place(e.grid, maps_grid_)) {
    maps_ = map_airshed_points(grid_, proj_, index_map_(e.grid));
    maps_grid_ = e.grid;
    have_maps_ = true;
  }
  WrfOnGrid g = regrid_time(f, e.grid, maps_, grid_);
  g.utc_epoch_s = e.utc;
  return g;
}

WrfOnGrid WrfMetProvider::take(std::size_t i) const {
  if (ahead_.valid()) {
    const std::size_t ahead = ahead_i_;
    ahead_i_ = std::numeric_limits<std::size_t>::max();
    WrfOnGrid g = ahead_.get();  // waits; rethrows the reader's error
    if (ahead == i) return g;
  }
  return read_time(i);
}

void WrfMetProvider::enter(std::size_t b) const {
  if (lo_ && hi_ && b == lo_i_) return;
  try {
    if (lo_ && hi_ && b == lo_i_ + 1) {
      lo_ = std::move(hi_);  // the common step forward: one new time
    } else {
      lo_ = std::make_unique<WrfOnGrid>(take(b));
    }
    hi_ = std::make_unique<WrfOnGrid>(take(b + 1));
  } catch (...) {
    // A failed read leaves no half-entered bracket behind.
    lo_.reset(), hi_.reset();
    throw;
  }
  lo_i_ = b;
  cached_t_ = std::numeric_limits<double>::quiet_NaN();
  if (b + 2 < times_.size()) {
    ahead_i_ = b + 2;
    ahead_ = std::async(std::launch::async, [this, i = b + 2] { return read_time(i); });
  }
}

const WrfOnGrid& WrfMetProvider::at(double t_s) const {
  if (t_s == cached_t_) return cached_;
  const long long utc = start_utc_ + (long long)std::floor(t_s);
  enter(bracket(utc));
  const double span = double(hi_->utc_epoch_s - lo_->utc_epoch_s);
  const double w = std::clamp((double(start_utc_ - lo_->utc_epoch_s) + t_s) / span, 0.0, 1.0);
  cached_ = interpolate_in_time(*lo_, *hi_, w);
  cached_t_ = t_s;
  return cached_;
}

MetFields WrfMetProvider::fields(double t_s) const {
  std::lock_guard<std::mutex> lock(state_);
  return at(t_s).met;
}

SurfaceState WrfMetProvider::surface_at(double t_s, double x, double y) const {
  std::lock_guard<std::mutex> lock(state_);
  const WrfOnGrid& m = at(t_s);
  const int i = std::clamp(int(std::floor(x / grid_.dx)), 0, grid_.nx - 1);
  const int j = std::clamp(int(std::floor(y / grid_.dy)), 0, grid_.ny - 1);
  const std::size_t c = std::size_t(j) * std::size_t(grid_.nx) + std::size_t(i);
  // The rain of the WRF interval as a rate; a bucket reset (the
  // accumulation restarting) reads as no rain rather than negative rain.
  double rate = 0;
  if (!lo_->rain.empty() && !hi_->rain.empty()) {
    const double dt_h = double(hi_->utc_epoch_s - lo_->utc_epoch_s) / 3600;
    rate = std::max(0.0, double(hi_->rain[c] - lo_->rain[c]) / dt_h);
  }
  return column_surface(m, c, rate);
}

SurfaceState WrfMetProvider::surface(double t_s) const {
  return surface_at(t_s, 0.5 * grid_.nx * grid_.dx, 0.5 * grid_.ny * grid_.dy);
}

double WrfMetProvider::next_change(double t_s) const {
  const double refresh = (std::floor(t_s / update_s_ + 1e-9) + 1) * update_s_;
  const double utc = double(start_utc_) + t_s;
  auto it = std::upper_bound(times_.begin(), times_.end(), utc + 1e-6,
                             [](double t, const TimeEntry& e) { return t < double(e.utc); });
  if (it == times_.end()) return refresh;
  return std::min(refresh, double(it->utc - start_utc_));
}

std::size_t WrfMetProvider::times_held() const {
  std::lock_guard<std::mutex> lock(state_);
  return std::size_t(lo_ != nullptr) + std::size_t(hi_ != nullptr) + std::size_t(ahead_.valid());
}

std::unique_ptr<MetProvider> make_wrf_met_provider(const MetSpec& spec, const Grid& grid,
                                                   const LocalProjection& proj,
                                                   const Instant& start, double duration_s,
                                                   const WrfSourceOpener& open,
                                                   const WrfIndexMapFactory& index_map) {
  return std::make_unique<WrfMetProvider>(spec.wrf_files, spec.wrf_file_sites, grid, proj, start,
                                          duration_s, spec.wrf_update_interval_s, open, index_map);
}

}  // namespace airshed
