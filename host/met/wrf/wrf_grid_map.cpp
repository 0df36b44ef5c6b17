// WrfGridMap: PROJ (Debian's libproj-dev) does the projection formulas on
// WRF's sphere; the grid is placed by its centre point: the mass grid's
// centre (CEN_LAT, CEN_LON) projects to (xc, yc), and mass point (i, j)
// lies at (xc + (i - (nx - 1)/2) dx, yc + (j - (ny - 1)/2) dy), as WRF's
// geogrid lays out a domain (the centre of an even-sized grid falls
// between mass points).
#include <proj.h>

#include <cmath>
#include <limits>
#include <mutex>
#include <stdexcept>

#include "host/met/wrf/wrf_file.hpp"
#include "host/met/wrf/wrf_projection.hpp"

namespace airshed {

struct WrfGridMap::Impl {
  PJ_CONTEXT* ctx = nullptr;
  PJ* pj = nullptr;
  double x0 = 0, y0 = 0;  // projected coordinates of mass point (0, 0), m
  double dx = 1, dy = 1;
  // A PJ object must not be used by two threads at once (PROJ's rule);
  // the map's const calls may come from several.
  std::mutex lock;

  ~Impl() {
    if (pj) proj_destroy(pj);
    if (ctx) proj_context_destroy(ctx);
  }

  // lon/lat in degrees -> projected m; NaN where the projection is undefined.
  void forward(double lon, double lat, double& x, double& y) {
    const PJ_COORD out = proj_trans(pj, PJ_FWD, proj_coord(proj_torad(lon), proj_torad(lat), 0, 0));
    x = out.xy.x;
    y = out.xy.y;
    if (!std::isfinite(x) || !std::isfinite(y) || std::abs(x) > 1e30 || std::abs(y) > 1e30)
      x = y = std::numeric_limits<double>::quiet_NaN();
  }
  void inverse(double x, double y, double& lon, double& lat) {
    const PJ_COORD out = proj_trans(pj, PJ_INV, proj_coord(x, y, 0, 0));
    lon = proj_todeg(out.lp.lam);
    lat = proj_todeg(out.lp.phi);
    if (!std::isfinite(lon) || !std::isfinite(lat) || std::abs(lat) > 90.0)
      lon = lat = std::numeric_limits<double>::quiet_NaN();
  }
};

WrfGridMap::WrfGridMap(const WrfGridInfo& grid) : impl_(std::make_unique<Impl>()) {
  std::string problem;
  const std::string def = wrf_proj_string(grid, problem);
  if (def.empty()) throw std::invalid_argument("WrfGridMap: " + problem);
  if (!(grid.dx > 0) || !(grid.dy > 0) || grid.nx < 1 || grid.ny < 1)
    throw std::invalid_argument("WrfGridMap: grid without cells or spacing");
  impl_->ctx = proj_context_create();
  proj_log_level(impl_->ctx, PJ_LOG_NONE);  // failures are reported by the exception below
  impl_->pj = proj_create(impl_->ctx, def.c_str());
  if (!impl_->pj)
    throw std::invalid_argument(
        "WrfGridMap: PROJ rejects '" + def +
        "': " + proj_context_errno_string(impl_->ctx, proj_context_errno(impl_->ctx)));
  double xc = 0, yc = 0;
  impl_->forward(grid.cen_lon, grid.cen_lat, xc, yc);
  if (!std::isfinite(xc))
    throw std::invalid_argument("WrfGridMap: the centre point is outside the projection");
  impl_->dx = grid.dx;
  impl_->dy = grid.dy;
  impl_->x0 = xc - 0.5 * (grid.nx - 1) * grid.dx;
  impl_->y0 = yc - 0.5 * (grid.ny - 1) * grid.dy;
}

WrfGridMap::~WrfGridMap() = default;
WrfGridMap::WrfGridMap(WrfGridMap&&) noexcept = default;

void WrfGridMap::to_grid(double lon, double lat, double& fi, double& fj) const {
  double x = 0, y = 0;
  {
    std::lock_guard<std::mutex> hold(impl_->lock);
    impl_->forward(lon, lat, x, y);
  }
  fi = (x - impl_->x0) / impl_->dx;
  fj = (y - impl_->y0) / impl_->dy;
}

void WrfGridMap::to_lonlat(double fi, double fj, double& lon, double& lat) const {
  std::lock_guard<std::mutex> hold(impl_->lock);
  impl_->inverse(impl_->x0 + fi * impl_->dx, impl_->y0 + fj * impl_->dy, lon, lat);
}

}  // namespace airshed
