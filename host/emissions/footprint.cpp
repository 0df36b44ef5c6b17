#include "host/emissions/footprint.hpp"

#include <algorithm>
#include <cmath>

#include "host/geometry/geometry.hpp"

namespace airshed {

namespace {

int clamp_index(double v, double d, int n) { return std::clamp(int(std::floor(v / d)), 0, n - 1); }

Rect cell_rect(const Grid& g, int i, int j) {
  return {i * g.dx, j * g.dy, (i + 1) * g.dx, (j + 1) * g.dy};
}

// Cells of the bounding box of `pts` (clamped to the grid).
void box(const Grid& g, const std::vector<Vec2>& pts, int& i0, int& i1, int& j0, int& j1) {
  double x0 = pts[0].x, x1 = x0, y0 = pts[0].y, y1 = y0;
  for (const Vec2& p : pts) {
    x0 = std::min(x0, p.x), x1 = std::max(x1, p.x);
    y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
  }
  i0 = clamp_index(x0, g.dx, g.nx), i1 = clamp_index(x1, g.dx, g.nx);
  j0 = clamp_index(y0, g.dy, g.ny), j1 = clamp_index(y1, g.dy, g.ny);
}

// Polygon area in each surface cell, normalised by the clipped total so
// that a strip reaching past the domain edge still emits its full mass.
void add_polygon(const Grid& g, const std::vector<Vec2>& poly, int k, double share,
                 std::vector<CellWeight>& out) {
  int i0, i1, j0, j1;
  box(g, poly, i0, i1, j0, j1);
  std::vector<CellWeight> part;
  double total = 0;
  for (int j = j0; j <= j1; ++j)
    for (int i = i0; i <= i1; ++i) {
      const double a = signed_area(clip_to_rect(poly, cell_rect(g, i, j)));
      if (a == 0) continue;
      part.push_back({g.index(i, j, k), a});
      total += a;
    }
  for (auto& w : part) out.push_back({w.cell, share * w.weight / total});
}

}  // namespace

int layer_of(const Grid& g, double z) {
  const auto it = std::upper_bound(g.z_faces.begin(), g.z_faces.end(), z);
  return std::clamp(int(it - g.z_faces.begin()) - 1, 0, g.nz - 1);
}

std::size_t point_cell(const Grid& g, const Vec2& p, double z) {
  return g.index(clamp_index(p.x, g.dx, g.nx), clamp_index(p.y, g.dy, g.ny), layer_of(g, z));
}

std::vector<CellWeight> area_footprint(const Grid& g, const std::vector<Vec2>& polygon,
                                       double release_height) {
  std::vector<CellWeight> out;
  add_polygon(g, polygon, layer_of(g, release_height), 1.0, out);
  return out;
}

std::vector<CellWeight> line_footprint(const Grid& g, const std::vector<Vec2>& line, double width,
                                       double release_height) {
  const int k = layer_of(g, release_height);
  double total_length = 0;
  for (std::size_t s = 0; s + 1 < line.size(); ++s)
    total_length += std::hypot(line[s + 1].x - line[s].x, line[s + 1].y - line[s].y);
  std::vector<CellWeight> out;
  for (std::size_t s = 0; s + 1 < line.size(); ++s) {
    const Vec2 a = line[s], b = line[s + 1];
    // Each segment carries rate x its own length, whatever the grid.
    const double share = std::hypot(b.x - a.x, b.y - a.y) / total_length;
    if (width > 0) {
      add_polygon(g, strip(a, b, width), k, share, out);
      continue;
    }
    int i0, i1, j0, j1;
    box(g, {a, b}, i0, i1, j0, j1);
    std::vector<CellWeight> part;
    double in_cells = 0;  // > length when the segment runs along a cell edge
    for (int j = j0; j <= j1; ++j)
      for (int i = i0; i <= i1; ++i) {
        const double len = length_in_rect(a, b, cell_rect(g, i, j));
        if (len <= 0) continue;
        part.push_back({g.index(i, j, k), len});
        in_cells += len;
      }
    for (auto& w : part) out.push_back({w.cell, share * w.weight / in_cells});
  }
  return out;
}

std::vector<CellWeight> volume_footprint(const Grid& g, const Vec2& c,
                                         const std::array<double, 3>& size, double base) {
  const double x0 = c.x - 0.5 * size[0], x1 = c.x + 0.5 * size[0];
  const double y0 = c.y - 0.5 * size[1], y1 = c.y + 0.5 * size[1];
  const double z0 = base, z1 = base + size[2];
  std::vector<CellWeight> out;
  const double volume = size[0] * size[1] * size[2];
  for (int k = layer_of(g, z0); k <= layer_of(g, z1); ++k) {
    const double fz = overlap(z0, z1, g.z_faces[k], g.z_faces[k + 1]);
    for (int j = clamp_index(y0, g.dy, g.ny); j <= clamp_index(y1, g.dy, g.ny); ++j) {
      const double fy = overlap(y0, y1, j * g.dy, (j + 1) * g.dy);
      for (int i = clamp_index(x0, g.dx, g.nx); i <= clamp_index(x1, g.dx, g.nx); ++i) {
        const double v = fz * fy * overlap(x0, x1, i * g.dx, (i + 1) * g.dx);
        if (v > 0) out.push_back({g.index(i, j, k), v / volume});
      }
    }
  }
  return out;
}

double rate_extent(const Source& s) {
  switch (s.kind) {
    case SourceKind::area:
      return std::abs(signed_area(s.vertices));
    case SourceKind::line: {
      double len = 0;
      for (std::size_t i = 0; i + 1 < s.vertices.size(); ++i)
        len += std::hypot(s.vertices[i + 1].x - s.vertices[i].x,
                          s.vertices[i + 1].y - s.vertices[i].y);
      return len;
    }
    default:
      return 1.0;
  }
}

}  // namespace airshed
