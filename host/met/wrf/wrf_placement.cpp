// Where the file's mass grid lies. CEN_LAT/CEN_LON are the centre of the
// WRF domain that wrote the file, but a file cut out of a domain keeps
// them: wrf-python's Katrina file (the south-west 48 x 48 of a 96 x 96
// nest) says CEN_LAT 25.71, the nest's centre at its start, 220 km from its
// own; the salem Tibet file (columns 95-104, rows 96-103 of a 200 x 200
// domain) keeps its parent's 30 N, 87 E, which happens to be its own centre
// too. And the Katrina nest moves with the storm (its XLONG shifts 1.35
// degrees west in 9 h), which no attribute records. So when the file has
// XLAT/XLONG, they place the grid, at each time when they have a time
// dimension: every mass point is projected, the mean offset from its index
// (float32 coordinates, so the mean of all points, not one) anchors the
// grid, and a point off the fitted lattice by more than 1 % of a cell means
// the coordinates and the projection attributes disagree (an error: then
// neither can be trusted). Without XLAT/XLONG, CEN_LAT/CEN_LON are used
// unless the file says it is a part of its domain (WEST-EAST_GRID_DIMENSION,
// SOUTH-NORTH_GRID_DIMENSION: WRF's staggered sizes, one more than the
// file's mass points).
#include "host/met/wrf/wrf_placement.hpp"

#include <cmath>
#include <string>

#include "host/met/wrf/wrf_file.hpp"
#include "host/met/wrf/wrf_projection.hpp"

namespace airshed {

namespace {

std::vector<float> read_2d(const NcFile& nc, const WrfVar& var, std::size_t t, int nx, int ny) {
  std::vector<std::size_t> start, count;
  wrf_slice(var, t, {std::size_t(ny), std::size_t(nx)}, start, count);
  return nc.read_floats(var.id, start, count);
}

void check_whole_domain(const NcFile& nc, const WrfGridInfo& g) {
  if (!nc.has_global_att("WEST-EAST_GRID_DIMENSION") ||
      !nc.has_global_att("SOUTH-NORTH_GRID_DIMENSION"))
    return;
  const double wx = nc.global_double("WEST-EAST_GRID_DIMENSION") - 1;
  const double sy = nc.global_double("SOUTH-NORTH_GRID_DIMENSION") - 1;
  if (wx != g.nx || sy != g.ny)
    nc.fail("holds " + std::to_string(g.nx) + " x " + std::to_string(g.ny) +
                " points of a larger WRF domain and has no XLAT/XLONG to place them",
            "XLAT and XLONG, or the whole domain of WEST-EAST_GRID_DIMENSION - 1 x "
            "SOUTH-NORTH_GRID_DIMENSION - 1 points");
}

// `g` with its centre where XLAT/XLONG of time `t` put it.
WrfGridInfo place_at(const NcFile& nc, const WrfGridInfo& g, const std::vector<float>& lat,
                     const std::vector<float>& lon, const std::string& when) {
  const WrfGridMap map(g);
  const std::size_t n = g.columns();
  std::vector<double> di(n), dj(n);
  double si = 0, sj = 0;
  for (std::size_t c = 0; c < n; ++c) {
    const int i = int(c % g.nx), j = int(c / g.nx);
    double fi = 0, fj = 0;
    map.to_grid(lon[c], lat[c], fi, fj);
    if (!std::isfinite(fi) || !std::isfinite(fj) || std::abs(lat[c]) > 90)
      nc.fail("XLAT/XLONG" + when + " at mass point (" + std::to_string(i) + ", " +
                  std::to_string(j) + ") is outside the projection",
              "coordinates of the grid of MAP_PROJ, TRUELAT1/2, STAND_LON");
    di[c] = fi - i;
    dj[c] = fj - j;
    si += di[c];
    sj += dj[c];
  }
  const double mi = si / double(n), mj = sj / double(n);
  for (std::size_t c = 0; c < n; ++c)
    if (std::abs(di[c] - mi) > 0.01 || std::abs(dj[c] - mj) > 0.01)
      nc.fail("XLAT/XLONG" + when + " at mass point (" + std::to_string(c % g.nx) + ", " +
                  std::to_string(c / g.nx) + ") is " +
                  std::to_string(std::hypot((di[c] - mi) * g.dx, (dj[c] - mj) * g.dy)) +
                  " m off the grid of the projection attributes",
              "XLAT/XLONG on the grid of MAP_PROJ, TRUELAT1/2, STAND_LON, DX, DY");
  WrfGridInfo placed = g;
  map.to_lonlat(mi + 0.5 * (g.nx - 1), mj + 0.5 * (g.ny - 1), placed.cen_lon, placed.cen_lat);
  return placed;
}

}  // namespace

std::vector<WrfGridInfo> place_wrf_grids(const NcFile& nc, const WrfLayout& l,
                                         const WrfGridInfo& attributes, std::size_t ntimes) {
  if (!l.xlat.present() || !l.xlong.present()) {
    check_whole_domain(nc, attributes);
    return std::vector<WrfGridInfo>(ntimes, attributes);
  }
  std::vector<WrfGridInfo> grids;
  std::vector<float> last_lat, last_lon;
  for (std::size_t t = 0; t < ntimes; ++t) {
    std::vector<float> lat = read_2d(nc, l.xlat, t, attributes.nx, attributes.ny);
    std::vector<float> lon = read_2d(nc, l.xlong, t, attributes.nx, attributes.ny);
    if (t > 0 && lat == last_lat && lon == last_lon) {  // not moved: the same placement
      grids.push_back(grids.back());
      continue;
    }
    const std::string when = ntimes > 1 ? " of Times(" + std::to_string(t) + ")" : "";
    grids.push_back(place_at(nc, attributes, lat, lon, when));
    last_lat = std::move(lat);
    last_lon = std::move(lon);
  }
  return grids;
}

// The file's own COSALPHA/SINALPHA when it has them (WRF computes them
// for every projection, rotated lat-lon included); otherwise wrf-python's
// uvmet rotation from the projection, at XLONG or the grid map's
// longitudes.
void wrf_rotation_at(const NcFile& nc, const WrfLayout& l, const WrfGridInfo& g, std::size_t t,
                     std::vector<float>& cosa, std::vector<float>& sina) {
  if (l.cosalpha.present() && l.sinalpha.present()) {
    cosa = read_2d(nc, l.cosalpha, t, g.nx, g.ny);
    sina = read_2d(nc, l.sinalpha, t, g.nx, g.ny);
    return;
  }
  std::vector<float> lon;
  if (l.xlong.present()) lon = read_2d(nc, l.xlong, t, g.nx, g.ny);
  const WrfGridMap map(g);
  cosa.resize(g.columns());
  sina.resize(g.columns());
  for (std::size_t c = 0; c < g.columns(); ++c) {
    double lo = 0, la = 0, ca = 1, sa = 0;
    if (lon.empty())
      map.to_lonlat(double(c % g.nx), double(c / g.nx), lo, la);
    else
      lo = lon[c];
    wrf_rotation(g, lo, ca, sa);
    cosa[c] = float(ca);
    sina[c] = float(sa);
  }
}

}  // namespace airshed
