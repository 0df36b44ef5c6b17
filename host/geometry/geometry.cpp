#include "host/geometry/geometry.hpp"

#include <algorithm>
#include <cmath>

namespace airshed {

double signed_area(const std::vector<Vec2>& p) {
  double a = 0;
  for (std::size_t i = 0, n = p.size(); i < n; ++i) {
    const Vec2& u = p[i];
    const Vec2& v = p[(i + 1) % n];
    a += u.x * v.y - v.x * u.y;
  }
  return 0.5 * a;
}

namespace {

// One Sutherland-Hodgman pass against the half-plane where side(p) >= 0;
// `cross` returns the point where edge p-q meets the boundary.
template <class Side, class Cross>
std::vector<Vec2> clip_pass(const std::vector<Vec2>& in, Side side, Cross cross) {
  std::vector<Vec2> out;
  if (in.empty()) return out;
  Vec2 prev = in.back();
  bool prev_in = side(prev) >= 0;
  for (const Vec2& cur : in) {
    const bool cur_in = side(cur) >= 0;
    if (cur_in != prev_in) out.push_back(cross(prev, cur));
    if (cur_in) out.push_back(cur);
    prev = cur;
    prev_in = cur_in;
  }
  return out;
}

// Intersection with the line x = c (or y = c when `along_y`).
Vec2 at(const Vec2& p, const Vec2& q, double c, bool along_y) {
  const double t = along_y ? (c - p.y) / (q.y - p.y) : (c - p.x) / (q.x - p.x);
  Vec2 r{p.x + t * (q.x - p.x), p.y + t * (q.y - p.y)};
  (along_y ? r.y : r.x) = c;  // exact on the clip line, no round-off drift
  return r;
}

}  // namespace

std::vector<Vec2> clip_to_rect(const std::vector<Vec2>& poly, const Rect& r) {
  auto out = clip_pass(
      poly, [&](const Vec2& p) { return p.x - r.x0; },
      [&](const Vec2& p, const Vec2& q) { return at(p, q, r.x0, false); });
  out = clip_pass(
      out, [&](const Vec2& p) { return r.x1 - p.x; },
      [&](const Vec2& p, const Vec2& q) { return at(p, q, r.x1, false); });
  out = clip_pass(
      out, [&](const Vec2& p) { return p.y - r.y0; },
      [&](const Vec2& p, const Vec2& q) { return at(p, q, r.y0, true); });
  return clip_pass(
      out, [&](const Vec2& p) { return r.y1 - p.y; },
      [&](const Vec2& p, const Vec2& q) { return at(p, q, r.y1, true); });
}

namespace {

// Sign of the turn a -> b -> c: > 0 left, < 0 right, 0 collinear.
double turn(const Vec2& a, const Vec2& b, const Vec2& c) {
  return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

// p lies within the bounding box of segment a-b (used once p is collinear).
bool within(const Vec2& a, const Vec2& b, const Vec2& p) {
  return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
         p.y <= std::max(a.y, b.y);
}

// Closed segments a-b and c-d share at least one point.
bool segments_meet(const Vec2& a, const Vec2& b, const Vec2& c, const Vec2& d) {
  const double d1 = turn(c, d, a), d2 = turn(c, d, b), d3 = turn(a, b, c), d4 = turn(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
    return true;
  return (d1 == 0 && within(c, d, a)) || (d2 == 0 && within(c, d, b)) ||
         (d3 == 0 && within(a, b, c)) || (d4 == 0 && within(a, b, d));
}

}  // namespace

std::optional<std::pair<std::size_t, std::size_t>> first_crossing(const std::vector<Vec2>& p) {
  const std::size_t n = p.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Vec2& a = p[i];
    const Vec2& b = p[(i + 1) % n];
    // Edges i-1 and i+1 share a vertex with edge i and are skipped; the
    // first and last edge are neighbours too.
    for (std::size_t j = i + 2; j < n; ++j) {
      if (i == 0 && j == n - 1) continue;
      if (segments_meet(a, b, p[j], p[(j + 1) % n])) return std::make_pair(i, j);
    }
  }
  return std::nullopt;
}

double length_in_rect(const Vec2& a, const Vec2& b, const Rect& r) {
  // Parametric a + t (b - a), t in [0, 1], narrowed by each of the four edges.
  const double dx = b.x - a.x, dy = b.y - a.y;
  double t0 = 0, t1 = 1;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {a.x - r.x0, r.x1 - a.x, a.y - r.y0, r.y1 - a.y};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0) {
      if (q[i] < 0) return 0;  // parallel and outside
      continue;
    }
    const double t = q[i] / p[i];
    if (p[i] < 0)
      t0 = std::max(t0, t);
    else
      t1 = std::min(t1, t);
  }
  return t1 > t0 ? (t1 - t0) * std::hypot(dx, dy) : 0.0;
}

double overlap(double a0, double a1, double b0, double b1) {
  return std::max(0.0, std::min(a1, b1) - std::max(a0, b0));
}

std::vector<Vec2> strip(const Vec2& a, const Vec2& b, double w) {
  const double len = std::hypot(b.x - a.x, b.y - a.y);
  // Unit normal to the left of a->b, scaled to half the width.
  const double nx = -(b.y - a.y) / len * 0.5 * w, ny = (b.x - a.x) / len * 0.5 * w;
  return {{a.x - nx, a.y - ny}, {b.x - nx, b.y - ny}, {b.x + nx, b.y + ny}, {a.x + nx, a.y + ny}};
}

bool contains(const std::vector<Vec2>& polygon, const Vec2& p) {
  bool inside = false;
  const std::size_t n = polygon.size();
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
    const Vec2& a = polygon[i];
    const Vec2& b = polygon[j];
    // Edge a-b straddles the horizontal line through p (half-open in y,
    // so a vertex on the line is counted once) and crosses it right of p.
    if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
      inside = !inside;
  }
  return inside;
}

}  // namespace airshed
