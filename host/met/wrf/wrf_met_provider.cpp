#include "host/met/wrf/wrf_met_provider.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "host/met/wrf/wrf_chemistry_met.hpp"

namespace airshed {

namespace {

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

// A fill value or a NaN in the file would reach the solver as a non-finite
// wind or diffusivity; it is refused here, naming the file and the time.
void check_finite(const WrfOnGrid& g, const InputSite& site, const std::string& file,
                  const std::string& when) {
  const std::pair<const char*, const std::vector<float>*> fields[] = {
      {"u", &g.met.u},       {"v", &g.met.v},         {"w", &g.met.w},
      {"Kh", &g.met.kh},     {"Kz", &g.met.kz},       {"u*", &g.ustar},
      {"1/L", &g.inverse_L}, {"PBL height", &g.pblh}, {"temperature", &g.temperature}};
  for (const auto& [name, values] : fields)
    for (float x : *values)
      if (!std::isfinite(x))
        throw_input_error(site,
                          "WRF file '" + file + "' at " + when + ": " + name +
                              " on airshed's grid is not finite (a fill value or NaN in the file)",
                          "finite WRF fields over the domain");
}

}  // namespace

WrfMetProvider::WrfMetProvider(std::vector<std::string> paths, std::vector<InputSite> sites,
                               const Grid& grid, const LocalProjection& proj, const Instant& start,
                               double duration_s, double update_interval_s, WrfSourceOpener open,
                               const WrfIndexMapFactory& index_map, bool chemistry_met,
                               UrbanSpec urban)
    : paths_(std::move(paths)),
      sites_(std::move(sites)),
      grid_(grid),
      start_utc_(start.utc_epoch_s),
      offset_minutes_(start.offset_minutes),
      update_s_(update_interval_s),
      open_(std::move(open)),
      proj_(proj),
      chemistry_(chemistry_met),
      urban_(urban),
      index_map_(index_map) {
  sites_.resize(paths_.size(), sites_.empty() ? InputSite{} : sites_.back());
  const WrfRunWindow run{start_utc_, start_utc_ + (long long)std::ceil(duration_s),
                         offset_minutes_};
  times_ = index_wrf_times(paths_, sites_, open_, run);
  wrf_ = times_.front().grid;
  check_domain_inside_wrf(times_, paths_, sites_, grid_, proj_, index_map_, run);
  const std::size_t b = wrf_bracket(times_, start_utc_);
  std::lock_guard<std::mutex> lock(state_);
  enter(b);
  terrain_ = lo_->terrain;
}

WrfMetProvider::~WrfMetProvider() {
  if (ahead_.valid()) ahead_.wait();
}

WrfOnGrid WrfMetProvider::read_time(std::size_t i) const {
  std::lock_guard<std::mutex> lock(reader_);
  const WrfTimeEntry& e = times_[i];
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
  WrfOnGrid g = regrid_time(f, e.grid, maps_, grid_, urban_);
  if (chemistry_) add_wrf_chemistry_met(g, f, e.grid, maps_, grid_, proj_);
  g.utc_epoch_s = e.utc;
  check_finite(g, sites_[e.file], paths_[e.file], format_iso8601(Instant{e.utc, offset_minutes_}));
  if (project_) project_(g.met);
  return g;
}

bool WrfMetProvider::first_guess() const {
  std::lock_guard<std::mutex> lock(reader_);
  return !project_;
}

bool WrfMetProvider::project_at_source(WindProjection project) {
  std::lock_guard<std::mutex> lock(state_);
  if (ahead_.valid()) ahead_.wait();  // before reader_, which the read ahead takes
  std::lock_guard<std::mutex> files(reader_);
  const bool first_projection = !project_ && project;
  project_ = std::move(project);
  cached_t_ = std::numeric_limits<double>::quiet_NaN();
  if (first_projection) {
    // What was read as a first guess (the bracket of the construction, the
    // time read ahead) is projected where it is, not read again.
    if (lo_) project_(lo_->met);
    if (hi_) project_(hi_->met);
    if (ahead_.valid()) {
      try {
        WrfOnGrid g = ahead_.get();
        project_(g.met);
        ahead_ = std::async(std::launch::deferred, [g = std::move(g)]() mutable { return g; });
      } catch (...) {  // its error comes back when that time is read again
        ahead_i_ = std::numeric_limits<std::size_t>::max();
      }
    }
    return true;
  }
  // Taken back (or replaced): what is held was projected; it is read again,
  // as the first guess or with the new projection, when next needed.
  if (ahead_.valid()) {
    try {
      (void)ahead_.get();
    } catch (...) {
    }
    ahead_i_ = std::numeric_limits<std::size_t>::max();
  }
  lo_.reset(), hi_.reset();
  lo_i_ = std::numeric_limits<std::size_t>::max();
  return true;
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
  enter(wrf_bracket(times_, utc));
  const double span = double(hi_->utc_epoch_s - lo_->utc_epoch_s);
  const double w = std::clamp((double(start_utc_ - lo_->utc_epoch_s) + t_s) / span, 0.0, 1.0);
  cached_ = interpolate_in_time(*lo_, *hi_, w);
  cached_t_ = t_s;
  return cached_;
}

MetFields WrfMetProvider::fields(double t_s) const {
  std::lock_guard<std::mutex> lock(state_);
  const WrfOnGrid& g = at(t_s);
  MetFields m = g.met;
  // Each column's surface layer (resistance deposition).
  m.ustar = g.ustar, m.inverse_L = g.inverse_L, m.z0 = g.z0;
  m.mixing_height = g.pblh;
  return m;
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
                             [](double t, const WrfTimeEntry& e) { return t < double(e.utc); });
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
                                          duration_s, spec.wrf_update_interval_s, open, index_map,
                                          spec.chemistry_met, spec.urban);
}

}  // namespace airshed
