// WrfFile: opening (layout, projection, times, the grid's placement and
// rotation, all checked before any field is read) and read(t), which reads
// one time with start/count and diagnoses WrfFields.
#include "host/met/wrf/wrf_file.hpp"

#include <cmath>
#include <stdexcept>
#include <utility>

#include "host/core/instant.hpp"
#include "host/met/wrf/netcdf_file.hpp"
#include "host/met/wrf/wrf_diagnose.hpp"
#include "host/met/wrf/wrf_layout.hpp"
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

std::vector<float> read_2d(const NcFile& nc, const WrfVar& var, std::size_t t, int nx, int ny) {
  std::vector<std::size_t> start, count;
  wrf_slice(var, t, {std::size_t(ny), std::size_t(nx)}, start, count);
  return nc.read_floats(var.id, start, count);
}

// Where the file's mass grid lies. CEN_LAT/CEN_LON are the centre of the
// WRF domain that wrote the file, but a file cut out of a domain keeps
// them: wrf-python's Katrina file (the south-west 48 x 48 of a 96 x 96
// nest) says CEN_LAT 25.71, the nest's centre, 220 km from its own; the
// salem Tibet file (columns 95-104, rows 96-103 of a 200 x 200 domain)
// keeps its parent's 30 N, 87 E, which happens to be its own centre too.
// So when the file has XLAT/XLONG, they place the grid: every mass point is
// projected, the mean offset from its index (float32 coordinates, so the
// mean of all points, not one) anchors the grid, and a point off the fitted
// lattice by more than 1 % of a cell means the coordinates and the
// projection attributes disagree (an error: then neither can be trusted).
// Without XLAT/XLONG, CEN_LAT/CEN_LON are used unless the file says it is
// a part of its domain (WEST-EAST_GRID_DIMENSION, SOUTH-NORTH_GRID_DIMENSION:
// WRF's staggered sizes, one more than the file's mass points).
void place_grid(const NcFile& nc, const WrfLayout& l, WrfGridInfo& g) {
  if (!l.xlat.present() || !l.xlong.present()) {
    if (nc.has_global_att("WEST-EAST_GRID_DIMENSION") &&
        nc.has_global_att("SOUTH-NORTH_GRID_DIMENSION")) {
      const double wx = nc.global_double("WEST-EAST_GRID_DIMENSION") - 1;
      const double sy = nc.global_double("SOUTH-NORTH_GRID_DIMENSION") - 1;
      if (wx != g.nx || sy != g.ny)
        nc.fail("holds " + std::to_string(g.nx) + " x " + std::to_string(g.ny) +
                    " points of a larger WRF domain and has no XLAT/XLONG to place them",
                "XLAT and XLONG, or the whole domain of WEST-EAST_GRID_DIMENSION - 1 x "
                "SOUTH-NORTH_GRID_DIMENSION - 1 points");
    }
    return;
  }
  const std::vector<float> lat = read_2d(nc, l.xlat, 0, g.nx, g.ny);
  const std::vector<float> lon = read_2d(nc, l.xlong, 0, g.nx, g.ny);
  const WrfGridMap map(g);
  const std::size_t n = g.columns();
  std::vector<double> di(n), dj(n);
  double si = 0, sj = 0;
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const std::size_t c = std::size_t(j) * g.nx + i;
      double fi = 0, fj = 0;
      map.to_grid(lon[c], lat[c], fi, fj);
      if (!std::isfinite(fi) || !std::isfinite(fj) || std::abs(lat[c]) > 90)
        nc.fail("XLAT/XLONG at mass point (" + std::to_string(i) + ", " + std::to_string(j) +
                    ") is outside the projection",
                "coordinates of the grid of MAP_PROJ, TRUELAT1/2, STAND_LON");
      di[c] = fi - i;
      dj[c] = fj - j;
      si += di[c];
      sj += dj[c];
    }
  const double mi = si / double(n), mj = sj / double(n);
  for (std::size_t c = 0; c < n; ++c)
    if (std::abs(di[c] - mi) > 0.01 || std::abs(dj[c] - mj) > 0.01)
      nc.fail("XLAT/XLONG at mass point (" + std::to_string(c % g.nx) + ", " +
                  std::to_string(c / g.nx) + ") is " +
                  std::to_string(std::hypot((di[c] - mi) * g.dx, (dj[c] - mj) * g.dy)) +
                  " m off the grid of the projection attributes",
              "XLAT/XLONG on the grid of MAP_PROJ, TRUELAT1/2, STAND_LON, DX, DY");
  double lon_c = 0, lat_c = 0;
  map.to_lonlat(mi + 0.5 * (g.nx - 1), mj + 0.5 * (g.ny - 1), lon_c, lat_c);
  g.cen_lon = lon_c;
  g.cen_lat = lat_c;
}

}  // namespace

struct WrfFile::Impl {
  NcFile nc;
  WrfLayout layout;
  WrfGridInfo grid;
  std::vector<long long> times;
  // WRF's rotation from grid-relative to earth-relative winds at each mass
  // column (COSALPHA/SINALPHA convention, host/met/wrf/wrf_projection.hpp).
  std::vector<float> cosa, sina;

  explicit Impl(const std::string& path)
      : nc(path, "a WRF output (wrfout) netCDF file"), layout(read_wrf_layout(nc)) {
    grid = read_grid_attributes(nc, layout);
    const std::string text =
        nc.read_text(layout.times_id, {0, 0}, {layout.ntimes, layout.time_chars});
    for (std::size_t t = 0; t < layout.ntimes; ++t) {
      times.push_back(parse_wrf_time(nc, text.substr(t * layout.time_chars), t));
      if (t > 0 && times[t] <= times[t - 1])
        nc.fail(
            "Times(" + std::to_string(t) + ") is not after Times(" + std::to_string(t - 1) + ")",
            "output times in increasing order");
    }
    place_grid(nc, layout, grid);
    set_rotation();
  }

  // The file's own COSALPHA/SINALPHA when it has them (WRF computes them
  // for every projection, rotated lat-lon included); otherwise wrf-python's
  // uvmet rotation from the projection, at XLONG or the grid map's
  // longitudes.
  void set_rotation() {
    if (layout.cosalpha.present() && layout.sinalpha.present()) {
      cosa = read_2d(nc, layout.cosalpha, 0, grid.nx, grid.ny);
      sina = read_2d(nc, layout.sinalpha, 0, grid.nx, grid.ny);
      return;
    }
    std::vector<float> lon;
    if (layout.xlong.present()) lon = read_2d(nc, layout.xlong, 0, grid.nx, grid.ny);
    const WrfGridMap map(grid);
    cosa.resize(grid.columns());
    sina.resize(grid.columns());
    for (std::size_t c = 0; c < grid.columns(); ++c) {
      double lo = 0, la = 0, ca = 1, sa = 0;
      if (lon.empty())
        map.to_lonlat(double(c % grid.nx), double(c / grid.nx), lo, la);
      else
        lo = lon[c];
      wrf_rotation(grid, lo, ca, sa);
      cosa[c] = float(ca);
      sina[c] = float(sa);
    }
  }

  WrfFields read(std::size_t t) const {
    return diagnose_wrf_time(nc, layout, grid, cosa, sina, t, times[t]);
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
const WrfGridInfo& WrfFile::grid() const { return impl_->grid; }
const std::vector<long long>& WrfFile::times() const { return impl_->times; }

WrfFields WrfFile::read(std::size_t time_index) const {
  if (time_index >= impl_->times.size())
    throw std::out_of_range("WrfFile::read: time index " + std::to_string(time_index) + " of " +
                            std::to_string(impl_->times.size()) + " in " + path());
  return impl_->read(time_index);
}

}  // namespace airshed
