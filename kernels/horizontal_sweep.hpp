// One directional step of horizontal advection-diffusion (dimension
// splitting): c_out = c_in - dt/d (F_{f+1} - F_f) for every cell.
#pragma once

#include "horizontal_flux.hpp"

namespace airshed::kernels {

enum Direction : int { along_x = 0, along_y = 1 };

struct SweepParams {
  int kind;          // LateralKind of this direction
  float background;  // inflow value
  float dt_over_d;   // dt / dx or dt / dy
  float inv_d;       // 1 / dx or 1 / dy
};

// The grid line through cell (i, j, k) along direction Dir, and the
// position of the cell on it.
template <int Dir>
AIRSHED_HD inline Line line_through(const GridView& g, const float* c, const float* kh,
                                    const float* vel, const SweepParams& p, int i, int j, int k) {
  if (Dir == along_x)
    return Line{
        c + g.cell(0, j, k), kh + g.cell(0, j, k), 1, vel + g.xface(0, j, k), 1, g.nx, p.kind,
        p.background};
  return Line{
      c + g.cell(i, 0, k), kh + g.cell(i, 0, k), g.nx, vel + g.yface(i, 0, k), g.nx, g.ny, p.kind,
      p.background};
}

template <int Dir>
struct HorizontalSweep {
  GridView g;
  const float* c_in;
  float* c_out;
  const float* vel;  // u for x, v for y
  const float* kh;
  SweepParams p;

  AIRSHED_HD void operator()(int i, int j, int k) const {
    const Line line = line_through<Dir>(g, c_in, kh, vel, p, i, j, k);
    const int pos = Dir == along_x ? i : j;
    // c_new = c - dt/d * (F_out - F_in)
    const float f_in = face_flux(line, pos, p.dt_over_d, p.inv_d);
    const float f_out = face_flux(line, pos + 1, p.dt_over_d, p.inv_d);
    c_out[g.cell(i, j, k)] = c_in[g.cell(i, j, k)] - p.dt_over_d * (f_out - f_in);
  }

  // The cells of row (j, k) with both faces interior and two neighbours on
  // each side on the grid: i in [lo, hi). For them interior() gives the
  // same values as operator() without ghost-cell wrapping or boundary
  // branches (kernels/backend.hpp: for_each_cell_split), and the CPU
  // computes each interior face's flux once (interior_flux, update).
  AIRSHED_HD void interior_range(int j, int& lo, int& hi) const {
    if (Dir == along_x) {
      lo = g.nx < 2 ? g.nx : 2;
      hi = g.nx - 2 > lo ? g.nx - 2 : lo;
    } else {
      const bool inside = j >= 2 && j < g.ny - 2;
      lo = 0;
      hi = inside ? g.nx : 0;
    }
  }
  // Flux through the lower face (index i along x, j along y) of a cell
  // whose faces are interior: [lo, hi] of interior_range() along x, rows
  // j in [2, ny - 2] along y.
  AIRSHED_HD float interior_flux(int i, int j, int k) const {
    const std::size_t idx = g.cell(i, j, k);
    const std::ptrdiff_t s = Dir == along_x ? 1 : g.nx;  // between cells along the line
    const float* cc = c_in + idx;
    const float* kk = kh + idx;
    const float u = vel[Dir == along_x ? g.xface(i, j, k) : g.yface(i, j, k)];
    return limited_flux(u, cc[-2 * s], cc[-s], cc[0], cc[s], kk[-s], kk[0], p.dt_over_d, p.inv_d);
  }
  // c_new = c - dt/d * (F_out - F_in)
  AIRSHED_HD void update(int i, int j, int k, float f_in, float f_out) const {
    const std::size_t idx = g.cell(i, j, k);
    c_out[idx] = c_in[idx] - p.dt_over_d * (f_out - f_in);
  }
  // An interior cell on its own (one GPU thread): both of its face fluxes.
  AIRSHED_HD void interior(int i, int j, int k) const {
    const float f_in = interior_flux(i, j, k);
    const float f_out = Dir == along_x ? interior_flux(i + 1, j, k) : interior_flux(i, j + 1, k);
    update(i, j, k, f_in, f_out);
  }
  static constexpr bool along_rows = Dir == along_x;  // lines are the (j, k) rows
};

// Net mass leaving through the two open ends of the line through boundary
// face index `idx` (over the ny*nz or nx*nz lines of a direction), per unit
// time: F_n - F_0 times the face area. Reduced on the device in float64.
template <int Dir>
struct BoundaryOutflow {
  GridView g;
  const float* c;
  const float* vel;
  const float* kh;
  SweepParams p;

  AIRSHED_HD double operator()(std::size_t idx) const {
    const int lines_per_level = Dir == along_x ? g.ny : g.nx;
    const int a = int(idx % std::size_t(lines_per_level));
    const int k = int(idx / std::size_t(lines_per_level));
    const int i = Dir == along_x ? 0 : a, j = Dir == along_x ? a : 0;
    const Line line = line_through<Dir>(g, c, kh, vel, p, i, j, k);
    const double area = double(Dir == along_x ? g.dy : g.dx) * g.dz[k];
    const double out = double(face_flux(line, line.n, p.dt_over_d, p.inv_d)) -
                       double(face_flux(line, 0, p.dt_over_d, p.inv_d));
    return out * area;
  }
};

}  // namespace airshed::kernels
