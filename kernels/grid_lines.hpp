// The grid lines of a horizontal direction and the per-line arrays the
// boundary step shares with the sweep: two ghost cells at each end of a
// line and the fluxes through the faces whose stencil reaches them.
//
// A line along x is the row (j, k) (cells stride 1, faces stride 1, n = nx);
// a line along y is (i, k) (cells and faces stride nx, n = ny). Line l of
// direction x is j + ny k, of y i + nx k.
#pragma once

#include "views.hpp"

namespace airshed::kernels {

enum Direction : int { along_x = 0, along_y = 1 };

// Ghost cells per line: c[-2], c[-1] below cell 0, c[n], c[n+1] above
// cell n-1. The boundary step fills them (kernels/boundary_fill.hpp); an
// MPI halo exchange would fill the same slots from the neighbour.
constexpr int ghosts_per_line = 4;
// Faces per line whose stencil (cells f-2 .. f+1) reads a ghost cell:
// 0, 1, n-1 and n, in that order. The boundary step evaluates them; the
// sweep's interior stencil does faces 2 .. n-2 from the field alone.
constexpr int edge_faces_per_line = 4;

struct GridLine {
  std::size_t cell0;  // cell 0 of the line
  std::size_t face0;  // face 0 of the line
  long stride;        // between cells and between faces along the line
  int n;              // cells on the line
};

template <int Dir>
AIRSHED_HD inline std::size_t line_count(const GridView& g) {
  return std::size_t(Dir == along_x ? g.ny : g.nx) * g.nz;
}

template <int Dir>
AIRSHED_HD inline GridLine grid_line(const GridView& g, std::size_t l) {
  const int across = Dir == along_x ? g.ny : g.nx;
  const int a = int(l % std::size_t(across));
  const int k = int(l / std::size_t(across));
  if (Dir == along_x) return GridLine{g.cell(0, a, k), g.xface(0, a, k), 1, g.nx};
  return GridLine{g.cell(a, 0, k), g.yface(a, 0, k), g.nx, g.ny};
}

// The line through cell (i, j, k) along Dir.
template <int Dir>
AIRSHED_HD inline std::size_t line_of(const GridView& g, int i, int j, int k) {
  return Dir == along_x ? std::size_t(k) * g.ny + j : std::size_t(k) * g.nx + i;
}

}  // namespace airshed::kernels
