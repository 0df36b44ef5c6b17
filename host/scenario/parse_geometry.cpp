// Positions and vertex lists in local metres or lon/lat, and the
// inside-the-domain check shared by sources and receptors.
#include <sstream>

#include "host/scenario/parse_parts.hpp"

namespace airshed::detail {

LocalProjection projection_of(const Scenario& s) { return {s.origin_lon, s.origin_lat}; }

Vec2 read_position(const TomlTable& t, const std::string& key, const LocalProjection& proj) {
  const TomlTable p = t.table(key);
  p.allow({"x", "y", "lon", "lat"});
  const bool local = p.has("x") || p.has("y");
  const bool geo = p.has("lon") || p.has("lat");
  if (local == geo)
    t.fail(key, local ? "mixes x/y with lon/lat" : "has no coordinates",
           "{ x = m, y = m } or { lon = deg, lat = deg }");
  Vec2 v;
  if (local) {
    v.x = p.number("x", closed(-1e7, 1e7));
    v.y = p.number("y", closed(-1e7, 1e7));
  } else {
    proj.to_local(p.number("lon", closed(-180, 180)), p.number("lat", closed(-90, 90)), v.x, v.y);
  }
  return v;
}

std::vector<Vec2> read_vertices(const TomlTable& t, const std::string& key, std::size_t min_count,
                                const LocalProjection& proj) {
  const std::string geo_key = key + "_lonlat";
  const std::string allowed = key + " = [[x, y], ...] in m or " + geo_key +
                              " = [[lon, lat], ...], at least " + std::to_string(min_count);
  if (t.has(key) == t.has(geo_key))
    t.fail(t.has(key) ? geo_key : key,
           t.has(key) ? "given together with " + key : "missing required key", allowed);
  const std::string used = t.has(key) ? key : geo_key;
  const toml::array& a = *t.array(used, true);
  if (a.size() < min_count) t.fail(used, "has " + std::to_string(a.size()) + " vertices", allowed);
  std::vector<Vec2> out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string kp = t.key_path(used) + "[" + std::to_string(i) + "]";
    const toml::array* pair = a[i].as_array();
    if (!pair || pair->size() != 2 || !(*pair)[0].is_number() || !(*pair)[1].is_number())
      t.fail_at(line_of(a[i]), kp, "is not a pair of numbers", allowed);
    auto num = [](const toml::node& n) {
      return n.is_integer() ? double(*n.value<long long>()) : *n.value<double>();
    };
    Vec2 v{num((*pair)[0]), num((*pair)[1])};
    if (used == geo_key) proj.to_local(v.x, v.y, v.x, v.y);
    out.push_back(v);
  }
  return out;
}

void require_inside(const TomlTable& t, const std::string& key, const Vec2& p, const Scenario& s) {
  const double lx = s.grid.nx * s.grid.dx, ly = s.grid.ny * s.grid.dy;
  if (p.x >= 0 && p.x <= lx && p.y >= 0 && p.y <= ly) return;
  std::ostringstream what, allowed;
  what.precision(1);
  what << std::fixed << "position (" << p.x << ", " << p.y << ") m is outside the domain";
  allowed.precision(1);
  allowed << std::fixed << "0 <= x <= " << lx << ", 0 <= y <= " << ly
          << " (m from the south-west corner)";
  t.fail(key, what.str(), allowed.str());
}

}  // namespace airshed::detail
