// One directional step of horizontal advection-diffusion (dimension
// splitting): c_out = c_in - dt/d (F_{f+1} - F_f) for every cell.
//
// One interior stencil: faces 2 .. n-2 of a line read cells f-2 .. f+1 of
// the field; the four faces at the line's ends come from the boundary
// step (kernels/boundary_fill.hpp: EdgeFluxes over the ghost cells), so
// nothing here knows a boundary kind. The launcher is generic
// (kernels/backend.hpp: for_each_cell_faces).
#pragma once

#include "grid_lines.hpp"
#include "horizontal_flux.hpp"

namespace airshed::kernels {

struct SweepParams {
  float dt_over_d;     // dt / dx or dt / dy
  float inv_d;         // 1 / dx or 1 / dy
  float slope = 1.0f;  // limited_flux: 1 MC-limited, 0 first-order upwind
};

template <int Dir>
struct HorizontalSweep {
  GridView g;
  const float* c_in;
  float* c_out;
  const float* vel;     // face velocities (u for x, v for y), boundary faces filled
  const float* k_face;  // face diffusivities
  const float* edges;   // EdgeFluxes of c_in
  SweepParams p;

  static constexpr bool along_rows = Dir == along_x;  // lines are the (j, k) rows

  // The faces of a line whose stencil stays on the line: [lo, hi].
  AIRSHED_HD void interior_faces(int& lo, int& hi) const {
    lo = 2;
    hi = (Dir == along_x ? g.nx : g.ny) - 2;
  }
  // The flux through the lower face (index i along x, j along y) of cell
  // (i, j, k), an interior face.
  AIRSHED_HD float interior_flux(int i, int j, int k) const {
    const std::size_t idx = g.cell(i, j, k);
    const std::size_t fi = Dir == along_x ? g.xface(i, j, k) : g.yface(i, j, k);
    const std::ptrdiff_t s = Dir == along_x ? 1 : g.nx;  // between cells along the line
    const float* cc = c_in + idx;
    return limited_flux(vel[fi], cc[-2 * s], cc[-s], cc[0], cc[s], k_face[fi], p.dt_over_d, p.inv_d,
                        p.slope);
  }
  // The flux through any face of the line (i or j may be n).
  AIRSHED_HD float face(int i, int j, int k) const {
    const int n = Dir == along_x ? g.nx : g.ny, f = Dir == along_x ? i : j;
    const float* e = edges + line_of<Dir>(g, i, j, k) * edge_faces_per_line;
    if (f == 0) return e[0];
    if (f == n) return e[3];
    if (f == 1) return e[1];
    if (f == n - 1) return e[2];
    return interior_flux(i, j, k);
  }
  // c_new = c - dt/d * (F_out - F_in)
  AIRSHED_HD void update(int i, int j, int k, float f_in, float f_out) const {
    const std::size_t idx = g.cell(i, j, k);
    c_out[idx] = c_in[idx] - p.dt_over_d * (f_out - f_in);
  }
  // One cell on its own (one GPU thread): both of its face fluxes.
  AIRSHED_HD void operator()(int i, int j, int k) const {
    const float f_in = face(i, j, k);
    const float f_out = Dir == along_x ? face(i + 1, j, k) : face(i, j + 1, k);
    update(i, j, k, f_in, f_out);
  }
};

}  // namespace airshed::kernels
