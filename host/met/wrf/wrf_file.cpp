// WrfFile: opening (layout, projection, times, the grid's placement at
// every time, all checked before any field is read) and read(t), which
// reads one time with start/count and diagnoses WrfFields.
#include "host/met/wrf/wrf_file.hpp"

#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "host/core/instant.hpp"
#include "host/met/wrf/netcdf_file.hpp"
#include "host/met/wrf/wrf_diagnose.hpp"
#include "host/met/wrf/wrf_layout.hpp"
#include "host/met/wrf/wrf_placement.hpp"
#include "host/met/wrf/wrf_projection.hpp"

namespace airshed {

namespace {

const char* const kProjections =
    "MAP_PROJ 1 (Lambert conformal), 2 (polar stereographic) or 3 (Mercator)";

// "2005-08-28_12:00:00" (WRF's Times) -> UTC epoch seconds.
long long parse_wrf_time(const NcFile& nc, const std::string& text, std::size_t index) {
  const std::string at = text.substr(0, 19);
  std::optional<Instant> t;
  if (at.size() == 19 && (at[10] == '_' || at[10] == 'T'))
    t = parse_iso8601(at.substr(0, 10) + "T" + at.substr(11) + "Z");
  if (!t)
    nc.fail("Times(" + std::to_string(index) + ") = \"" + at + "\" is not a time",
            "\"YYYY-MM-DD_hh:mm:ss\" (UTC)");
  return t->utc_epoch_s;
}

WrfGridInfo read_grid_attributes(const NcFile& nc, const WrfLayout& l) {
  WrfGridInfo g;
  const double code = nc.global_double("MAP_PROJ");
  if (code == 1) {
    g.projection = WrfProjectionKind::lambert;
  } else if (code == 2) {
    g.projection = WrfProjectionKind::polar;
  } else if (code == 3) {
    g.projection = WrfProjectionKind::mercator;
  } else {
    const char* name = code == 6 ? " (cylindrical / rotated lat-lon)" : code == 0 ? " (ideal)" : "";
    const std::string shown = code == std::floor(code) && std::abs(code) < 1e9
                                  ? std::to_string(long(code))
                                  : std::to_string(code);
    nc.fail("MAP_PROJ = " + shown + name + " is not a projection the WRF reader knows",
            kProjections);
  }
  g.truelat1 = nc.global_double("TRUELAT1");
  g.truelat2 =
      g.projection == WrfProjectionKind::lambert ? nc.global_double("TRUELAT2") : g.truelat1;
  g.stand_lon = nc.global_double("STAND_LON");
  g.cen_lat = nc.global_double("CEN_LAT");
  g.cen_lon = nc.global_double("CEN_LON");
  g.dx = nc.global_double("DX");
  g.dy = nc.global_double("DY");
  g.nx = l.nx;
  g.ny = l.ny;
  g.nz = l.nz;
  if (!(g.dx > 0) || !(g.dy > 0) || !std::isfinite(g.dx) || !std::isfinite(g.dy))
    nc.fail("DX/DY are not positive grid spacings", "DX > 0 and DY > 0 in m");
  if (!std::isfinite(g.cen_lat) || std::abs(g.cen_lat) > 90 || !std::isfinite(g.cen_lon))
    nc.fail("CEN_LAT/CEN_LON are not a position", "latitude in [-90, 90], a longitude");
  std::string problem;
  if (wrf_proj_string(g, problem).empty()) nc.fail(problem, kProjections + std::string(" grid"));
  return g;
}

}  // namespace

struct WrfFile::Impl {
  NcFile nc;
  WrfLayout layout;
  std::vector<long long> times;
  // The grid at each time (one entry when the coordinates have no time
  // dimension): a moving nest, such as the Katrina d02 following the
  // storm, is placed anew at every time.
  std::vector<WrfGridInfo> grids;

  explicit Impl(const std::string& path)
      : nc(path, "a WRF output (wrfout) netCDF file"), layout(read_wrf_layout(nc)) {
    const WrfGridInfo attributes = read_grid_attributes(nc, layout);
    const std::string text =
        nc.read_text(layout.times_id, {0, 0}, {layout.ntimes, layout.time_chars});
    for (std::size_t t = 0; t < layout.ntimes; ++t) {
      times.push_back(parse_wrf_time(nc, text.substr(t * layout.time_chars), t));
      if (t > 0 && times[t] <= times[t - 1])
        nc.fail(
            "Times(" + std::to_string(t) + ") is not after Times(" + std::to_string(t - 1) + ")",
            "output times in increasing order");
    }
    const bool moving = layout.xlat.timed || layout.xlong.timed;
    grids = place_wrf_grids(nc, layout, attributes, moving ? layout.ntimes : 1);
  }

  const WrfGridInfo& grid(std::size_t t) const { return grids[grids.size() == 1 ? 0 : t]; }

  WrfFields read(std::size_t t) const {
    std::vector<float> cosa, sina;
    wrf_rotation_at(nc, layout, grid(t), t, cosa, sina);
    return diagnose_wrf_time(nc, layout, grid(t), cosa, sina, t, times[t]);
  }
};

WrfFile::WrfFile(const std::string& path) {
  try {
    impl_ = std::make_unique<Impl>(path);
  } catch (const std::invalid_argument& e) {  // a grid PROJ or the grid map rejects
    throw_file_error(path, e.what(), kProjections + std::string(" grid"));
  }
}

WrfFile::~WrfFile() = default;
WrfFile::WrfFile(WrfFile&&) noexcept = default;
WrfFile& WrfFile::operator=(WrfFile&&) noexcept = default;

const std::string& WrfFile::path() const { return impl_->nc.path(); }
const WrfGridInfo& WrfFile::grid() const { return impl_->grid(0); }
const WrfGridInfo& WrfFile::grid(std::size_t time_index) const {
  check_index(time_index);
  return impl_->grid(time_index);
}
const std::vector<long long>& WrfFile::times() const { return impl_->times; }

void WrfFile::check_index(std::size_t time_index) const {
  if (time_index >= impl_->times.size())
    throw std::out_of_range("WrfFile: time index " + std::to_string(time_index) + " of " +
                            std::to_string(impl_->times.size()) + " in " + path());
}

WrfFields WrfFile::read(std::size_t time_index) const {
  check_index(time_index);
  return impl_->read(time_index);
}

}  // namespace airshed
