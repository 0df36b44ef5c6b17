#include "host/scenario/projection.hpp"

#include <proj.h>

#include <cmath>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace airshed {

namespace {

constexpr double deg = 3.14159265358979323846 / 180.0;

// One projection's PROJ objects on this thread (PROJ objects are not
// shared between threads: the WRF provider maps points on its read-ahead
// thread). A run uses one or two origins, so a short list is enough.
struct Transformer {
  double lon0, lat0;
  PJ_CONTEXT* ctx = nullptr;
  PJ* pj = nullptr;
  ~Transformer() {
    if (pj) proj_destroy(pj);
    if (ctx) proj_context_destroy(ctx);
  }
};

PJ* transformer(const LocalProjection& p) {
  thread_local std::vector<std::unique_ptr<Transformer>> cache;
  for (const auto& t : cache)
    if (t->lon0 == p.lon0 && t->lat0 == p.lat0) return t->pj;
  auto t = std::make_unique<Transformer>();
  t->lon0 = p.lon0;
  t->lat0 = p.lat0;
  t->ctx = proj_context_create();
  proj_log_level(t->ctx, PJ_LOG_NONE);
  t->pj = proj_create(t->ctx, p.proj_string().c_str());
  if (!t->pj)
    throw std::runtime_error("PROJ cannot make the projection '" + p.proj_string() +
                             "': " + proj_context_errno_string(t->ctx, proj_context_errno(t->ctx)));
  if (cache.size() >= 8) cache.erase(cache.begin());
  cache.push_back(std::move(t));
  return cache.back()->pj;
}

}  // namespace

std::string LocalProjection::proj_string() const {
  std::ostringstream s;
  s.precision(17);
  s << "+proj=aeqd +lat_0=" << lat0 << " +lon_0=" << lon0
    << " +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs";
  return s.str();
}

std::string LocalProjection::crs_wkt() const {
  PJ_CONTEXT* ctx = proj_context_create();
  proj_log_level(ctx, PJ_LOG_NONE);
  // +datum=WGS84 names the datum, not only its ellipsoid, in the CRS description.
  const std::string def = proj_string() + " +datum=WGS84 +type=crs";
  PJ* crs = proj_create(ctx, def.c_str());
  std::string wkt;
  if (crs) {
    const char* options[] = {"MULTILINE=NO", nullptr};
    if (const char* w = proj_as_wkt(ctx, crs, PJ_WKT2_2019, options)) wkt = w;
    proj_destroy(crs);
  }
  proj_context_destroy(ctx);
  if (wkt.empty()) throw std::runtime_error("PROJ cannot describe '" + def + "' as WKT");
  return wkt;
}

void LocalProjection::to_local(double lon, double lat, double& x, double& y) const {
  const PJ_COORD c = proj_trans(transformer(*this), PJ_FWD, proj_coord(lon * deg, lat * deg, 0, 0));
  x = c.xy.x;
  y = c.xy.y;
}

void LocalProjection::to_lonlat(double x, double y, double& lon, double& lat) const {
  const PJ_COORD c = proj_trans(transformer(*this), PJ_INV, proj_coord(x, y, 0, 0));
  lon = c.lp.lam / deg;
  lat = c.lp.phi / deg;
}

}  // namespace airshed
