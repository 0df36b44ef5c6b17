// The boundary step of a horizontal sweep: the lateral boundary kinds as
// fill rules, the only place that knows them. The sweep's interior stencil
// (kernels/horizontal_sweep.hpp) then reads no kind at all.
//
//   face data (once per met update): FaceDiffusivity and
//     BoundaryFaceVelocity. Closed: u = 0 and K = 0 on the boundary faces,
//     so their flux is exactly 0. Periodic: faces 0 and n are one face;
//     both get face n's u and K (bitwise equal fluxes: exact
//     conservation). Open: K = 0 (no diffusion through an open face).
//   ghost cells (before every sweep): FillGhosts. Periodic: the other end's
//     cells; open and closed: copies of the edge cell (zero gradient). An
//     MPI halo exchange would be one more filler of the same slots.
//   edge faces: EdgeFluxes evaluates limited_flux() at faces 0, 1, n-1, n
//     from the field and the ghosts. Open inflow faces carry the
//     background: the stencil there sees the background upstream (both
//     upstream cells = background, so the limited jump is 0 and
//     c_face = background exactly, and K = 0 leaves u * background). This
//     cannot be a ghost value, because the neighbouring face 1 (n-1) reads
//     the same ghost cell and sees zero gradient there.
//
// With zero-gradient ghosts the one-sided jump 2 (c_ghost - c_edge) is
// exactly 0, so minmod gives 0 and an outflow face carries u * c_edge
// exactly; u c - 0 x is exact too: every flux equals the branchy kernel's
// it replaces, bit for bit.
#pragma once

#include "grid_lines.hpp"
#include "horizontal_flux.hpp"

namespace airshed::kernels {

// K of every face of direction Dir, one row of faces per idx, contiguous
// in memory (so the loop is unit stride on either direction): along x the
// n + 1 faces of line idx (j + ny k); along y the nx faces (i, f, k) of
// face row idx = f + (ny + 1) k.
template <int Dir>
struct FaceDiffusivity {
  GridView g;
  const float* kh;  // cells
  float* k_face;    // faces, the layout of GridView::xface / yface
  int kind;         // LateralKind of Dir

  AIRSHED_HD void operator()(std::size_t idx) const {
    const bool periodic = kind == lateral_periodic;
    if (Dir == along_x) {
      const GridLine L = grid_line<along_x>(g, idx);
      const float* kc = kh + L.cell0;
      float* kf = k_face + L.face0;
      const int n = L.n;
      for (int f = 1; f < n; ++f) kf[f] = face_diffusivity(kc[f - 1], kc[f]);
      kf[0] = kf[n] = periodic ? face_diffusivity(kc[n - 1], kc[0]) : 0.0f;
    } else {
      const int f = int(idx % std::size_t(g.ny + 1)), k = int(idx / std::size_t(g.ny + 1));
      float* kf = k_face + g.yface(0, f, k);
      const bool edge = f == 0 || f == g.ny;
      const float* below = kh + g.cell(0, edge ? g.ny - 1 : f - 1, k);
      const float* above = kh + g.cell(0, edge ? 0 : f, k);
      for (int i = 0; i < g.nx; ++i)
        kf[i] = !edge || periodic ? face_diffusivity(below[i], above[i]) : 0.0f;
    }
  }
};

// The number of FaceDiffusivity rows of direction Dir.
template <int Dir>
AIRSHED_HD inline std::size_t face_rows(const GridView& g) {
  return Dir == along_x ? std::size_t(g.ny) * g.nz : std::size_t(g.ny + 1) * g.nz;
}

template <int Dir>
AIRSHED_HD inline std::size_t face_count(const GridView& g) {
  return Dir == along_x ? std::size_t(g.nx + 1) * g.ny * g.nz
                        : std::size_t(g.nx) * (g.ny + 1) * g.nz;
}

// The velocities of the two boundary faces of every line (idx: the line).
template <int Dir>
struct BoundaryFaceVelocity {
  GridView g;
  float* vel;  // faces of Dir, edited in place
  int kind;

  AIRSHED_HD void operator()(std::size_t l) const {
    const GridLine L = grid_line<Dir>(g, l);
    float* u = vel + L.face0;
    if (kind == lateral_periodic) u[0] = u[L.n * L.stride];
    if (kind == lateral_closed) u[0] = u[L.n * L.stride] = 0.0f;
  }
};

// The ghost cells of every line of c (idx: the line).
template <int Dir>
struct FillGhosts {
  GridView g;
  const float* c;
  float* ghosts;  // ghosts_per_line per line
  int kind;

  AIRSHED_HD void operator()(std::size_t l) const {
    const GridLine L = grid_line<Dir>(g, l);
    const float* cl = c + L.cell0;
    float* gh = ghosts + l * ghosts_per_line;
    const int n = L.n;
    if (kind == lateral_periodic) {
      const auto wrap = [n](int p) { return ((p % n) + n) % n; };
      gh[0] = cl[wrap(-2) * L.stride];
      gh[1] = cl[wrap(-1) * L.stride];
      gh[2] = cl[wrap(n) * L.stride];
      gh[3] = cl[wrap(n + 1) * L.stride];
    } else {
      gh[0] = gh[1] = cl[0];
      gh[2] = gh[3] = cl[(n - 1) * L.stride];
    }
  }
};

// The fluxes through faces 0, 1, n-1 and n of every line (idx: the line).
template <int Dir>
struct EdgeFluxes {
  GridView g;
  const float* c;
  const float* ghosts;
  const float* vel;     // boundary faces as BoundaryFaceVelocity left them
  const float* k_face;  // FaceDiffusivity
  float* edges;         // edge_faces_per_line per line
  int kind;
  float background;  // open inflow value
  float dt_over_d, inv_d;
  float slope = 1.0f;  // limited_flux: 1 MC-limited, 0 first-order upwind

  AIRSHED_HD void operator()(std::size_t l) const {
    const GridLine L = grid_line<Dir>(g, l);
    const float* cl = c + L.cell0;
    const float* gh = ghosts + l * ghosts_per_line;
    const int n = L.n;
    const auto at = [&](int p) {
      return p < 0 ? gh[p + 2] : p >= n ? gh[2 + p - n] : cl[p * L.stride];
    };
    for (int s = 0; s < edge_faces_per_line; ++s) {
      const int f = s < 2 ? s : n - 3 + s;  // 0, 1, n-1, n
      const std::size_t fi = L.face0 + std::size_t(f) * L.stride;
      const float u = vel[fi];
      float cm2 = at(f - 2), cm1 = at(f - 1), c0 = at(f), cp1 = at(f + 1);
      if (kind == lateral_open && f == 0 && u > 0) cm2 = cm1 = background;
      if (kind == lateral_open && f == n && !(u > 0)) c0 = cp1 = background;
      edges[l * edge_faces_per_line + s] =
          limited_flux(u, cm2, cm1, c0, cp1, k_face[fi], dt_over_d, inv_d, slope);
    }
  }
};

// The boundary step of one line: its ghost cells by a filler (FillGhosts,
// or a halo exchange's unpacking), then its edge fluxes, in one pass so
// the line's ends are read from memory once.
template <class Fill, class Edges>
struct LineBoundaryStep {
  Fill fill;
  Edges edges;
  AIRSHED_HD void operator()(std::size_t l) const {
    fill(l);
    edges(l);
  }
};

// Net mass per unit time leaving through the two ends of a line (idx: the
// line), (F_n - F_0) times the face area: the open-boundary outflow of the
// budget, from the same edge fluxes the sweep applies. Reduced in float64.
template <int Dir>
struct EdgeOutflow {
  GridView g;
  const float* edges;

  AIRSHED_HD double operator()(std::size_t l) const {
    const int k = int(l / std::size_t(Dir == along_x ? g.ny : g.nx));
    const double area = double(Dir == along_x ? g.dy : g.dx) * g.dz[k];
    const float* e = edges + l * edge_faces_per_line;
    return (double(e[3]) - double(e[0])) * area;
  }
};

// The boundary step of a line and its outflow in one call, for an open
// direction: the sweep then launches the step as the outflow's reduction
// (one pass over the lines, not two: on the CPU each launch is a parallel
// region whose sleeping threads must be woken, and on a small grid those
// wake-ups cost more than the lines' work).
template <class Step, int Dir>
struct LineBoundaryStepWithOutflow {
  Step step;
  EdgeOutflow<Dir> outflow;
  AIRSHED_HD double operator()(std::size_t l) const {
    step(l);
    return outflow(l);
  }
};

}  // namespace airshed::kernels
