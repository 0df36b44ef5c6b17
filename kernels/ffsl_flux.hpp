// Flux-form semi-Lagrangian (FFSL) advection along one horizontal grid
// line (Lin & Rood 1996, Mon. Wea. Rev. 124, 2046-2070; Leonard, Lock &
// MacVean 1996, Mon. Wea. Rev. 124, 2588-2606): the mass through a face in
// one step is the mass of the interval the face's departure point sweeps,
// so the step has no advective Courant limit. The face Courant number
// C = |u| dt / d splits into N = floor(C) whole upstream cells, summed
// exactly, and the fraction r = C - N of the next upstream cell, the
// integral of its MC-limited linear profile (kernels/limiter.hpp) over its
// downstream r: r (c_up +- (1 - r) jump / 2). With N = 0 that is the
// limited face flux of kernels/horizontal_flux.hpp. The update itself is
// the equivalent cell-integrated form (ffsl_cell), positive in floating
// point.
//
// Cells outside the line are clamped, not held in ghost cells (any N needs
// no wider halo): periodic lines wrap; otherwise an outside cell holds
// `outside` (the open inflow background, 0 behind a closed wall) and an
// edge cell's jump is 0 (the zero-gradient ghosts of boundary_fill.hpp).
// Positive and monotone while departure points keep their order,
// dt |u_{f+1} - u_f| / d <= 1 (docs/numerics.md); diffusion is a separate
// sweep (host/solver/backend_solver.hpp).
#pragma once

#include "grid_lines.hpp"
#include "limiter.hpp"
#include "views.hpp"

namespace airshed::kernels {

// One line of cells with the clamping rule for cells outside it.
struct FfslLine {
  const float* c;  // cell 0
  long stride;
  int n;
  bool periodic;
  float outside;

  AIRSHED_HD bool inside(int p) const { return periodic || (p >= 0 && p < n); }
  AIRSHED_HD float at(int p) const {
    if (periodic) return c[long(((p % n) + n) % n) * stride];
    return p >= 0 && p < n ? c[long(p) * stride] : outside;
  }
  // The MC jump of cell p; 0 where it or a neighbour is outside.
  AIRSHED_HD float jump(int p) const {
    if (!inside(p - 1) || !inside(p + 1)) return 0.0f;
    return mc_jump(at(p - 1), at(p), at(p + 1));
  }
};

// The advective flux (M m^-2 s^-1, towards increasing index) through face
// f of the line (between cells f-1 and f), face velocity u; d_over_dt =
// d / dt, dt_over_d its inverse.
AIRSHED_HD inline float ffsl_flux(const FfslLine& L, int f, float u, float dt_over_d,
                                  float d_over_dt) {
  const float courant = abs1(u) * dt_over_d;
  const int whole = int(courant);  // N >= 0: floor
  float swept = 0.0f;              // the N whole cells' content
  if (u >= 0) {
    for (int m = 1; m <= whole; ++m) swept += L.at(f - m);
    const int up = f - 1 - whole;
    const float r = courant - float(whole);
    const float c_face = L.at(up) + 0.5f * (1.0f - r) * L.jump(up);
    return swept * d_over_dt + (u - float(whole) * d_over_dt) * c_face;
  }
  for (int m = 0; m < whole; ++m) swept += L.at(f + m);
  const int up = f + whole;
  const float r = courant - float(whole);
  const float c_face = L.at(up) - 0.5f * (1.0f - r) * L.jump(up);
  return -swept * d_over_dt + (u + float(whole) * d_over_dt) * c_face;
}

struct FfslParams {
  float dt_over_d, d_over_dt;
  bool periodic;
  float outside;  // open: the inflow background; closed: 0
};

// The line through cell (i, j, k) of c along Dir.
template <int Dir>
AIRSHED_HD inline FfslLine ffsl_line(const GridView& g, const float* c, int i, int j, int k,
                                     const FfslParams& p) {
  const GridLine L = grid_line<Dir>(g, line_of<Dir>(g, i, j, k));
  return FfslLine{c + L.cell0, L.stride, L.n, p.periodic, p.outside};
}

// Net mass per unit time leaving through the two ends of a line (idx:
// the line), (F_n - F_0) times the face area, from the flux form: the
// open-boundary outflow of the budget. Reduced in float64.
template <int Dir>
struct FfslEdgeOutflow {
  GridView g;
  const float* c;
  const float* vel;  // boundary faces as BoundaryFaceVelocity left them
  FfslParams p;

  AIRSHED_HD double operator()(std::size_t l) const {
    const GridLine G = grid_line<Dir>(g, l);
    const FfslLine L{c + G.cell0, G.stride, G.n, p.periodic, p.outside};
    const float f0 = ffsl_flux(L, 0, vel[G.face0], p.dt_over_d, p.d_over_dt);
    const float fn =
        ffsl_flux(L, G.n, vel[G.face0 + std::size_t(G.n) * G.stride], p.dt_over_d, p.d_over_dt);
    const int k = int(l / std::size_t(Dir == along_x ? g.ny : g.nx));
    const double area = double(Dir == along_x ? g.dy : g.dx) * g.dz[k];
    return (double(fn) - double(f0)) * area;
  }
};

// The integral of cell q's limited linear profile over [s0, s1] of it (in
// its own width, 0 <= s0 <= s1 <= 1), per cell volume: (s1 - s0) times the
// profile at the middle, c + jump (mid - 1/2). A product of two
// non-negative factors (|jump| / 2 <= c for the MC limiter), so never
// negative in floating point either.
AIRSHED_HD inline float ffsl_piece(const FfslLine& L, int q, float s0, float s1) {
  return (s1 - s0) * (L.at(q) + L.jump(q) * (0.5f * (s0 + s1) - 0.5f));
}

AIRSHED_HD inline int floor_int(float x) {
  const int t = int(x);
  return float(t) > x ? t - 1 : t;
}

// The new value of cell i: the mass between the departure points of its
// two faces, a = i - C_lo and b = i + 1 - C_hi (signed face Courant
// numbers, positions in cells), per cell volume. The same number as
// c_i - (F_{i+1} - F_i) dt / d with ffsl_flux() (the fluxes telescope),
// but as a sum of non-negative pieces: evaluated as that difference of
// two large swept sums it rounds to -1 ulp where a cell empties
// (measured: -6e-8 on a unit square wave at Courant 4).
AIRSHED_HD inline float ffsl_cell(const FfslLine& L, int i, float courant_lo, float courant_hi) {
  // Each departure point as an offset from its own face, -C = whole cells
  // + fraction, so the two cells that share a face cut the cell holding
  // its departure point at the same float (measured in a closed box: a
  // cut computed from the other face's frame, 1 - C, drifted the mass by
  // 1.4e-6 in 40 steps).
  const float da = -courant_lo, db = -courant_hi;
  const int fa = floor_int(da), fb = floor_int(db);
  const float sa = da - float(fa), sb = db - float(fb);
  const int qa = i + fa, qb = i + 1 + fb;
  if (qa == qb) return ffsl_piece(L, qa, sa, sb);
  float m = ffsl_piece(L, qa, sa, 1.0f);
  for (int q = qa + 1; q < qb; ++q) m += L.at(q);
  return m + ffsl_piece(L, qb, 0.0f, sb);
}

// c_out = the FFSL update of c_in along Dir, one cell per call.
template <int Dir>
struct FfslSweep {
  GridView g;
  const float* c_in;
  float* c_out;
  const float* vel;  // face velocities, boundary faces filled
  FfslParams p;

  AIRSHED_HD void operator()(int i, int j, int k) const {
    const std::size_t lo = Dir == along_x ? g.xface(i, j, k) : g.yface(i, j, k);
    const std::size_t hi = Dir == along_x ? g.xface(i + 1, j, k) : g.yface(i, j + 1, k);
    c_out[g.cell(i, j, k)] = ffsl_cell(ffsl_line<Dir>(g, c_in, i, j, k, p), Dir == along_x ? i : j,
                                       vel[lo] * p.dt_over_d, vel[hi] * p.dt_over_d);
  }
};

// The FFSL step limits of one cell (the largest over cells is reduced on
// the device): the deformation rate |u_{f+1} - u_f| / d of either
// direction, which keeps departure points ordered, and the vertical
// outflow rate of the column step (as kernels/stability.hpp counts it).
struct FfslDeformationRate {
  GridView g;
  MetView m;
  bool open_top;

  AIRSHED_HD float operator()(std::size_t idx) const {
    const int i = int(idx % std::size_t(g.nx));
    const int j = int((idx / std::size_t(g.nx)) % std::size_t(g.ny));
    const int k = int(idx / (std::size_t(g.nx) * g.ny));
    const float rx = abs1(m.u[g.xface(i + 1, j, k)] - m.u[g.xface(i, j, k)]) / g.dx;
    const float ry = abs1(m.v[g.yface(i, j + 1, k)] - m.v[g.yface(i, j, k)]) / g.dy;
    const float w_top = (k < g.nz - 1 || open_top) ? m.w[g.zface(i, j, k + 1)] : 0.0f;
    const float w_bottom = k > 0 ? m.w[g.zface(i, j, k)] : 0.0f;
    const float rz = (max2(w_top, 0.0f) - min2(w_bottom, 0.0f)) / g.dz[k];
    return max2(rx, max2(ry, rz));
  }
};

// The advective rate |u| / d of a cell's lower faces (Courant number per
// unit time): the diagnostic and the cap `courant` applies to.
struct FfslAdvectiveRate {
  GridView g;
  MetView m;

  AIRSHED_HD float operator()(std::size_t idx) const {
    const int i = int(idx % std::size_t(g.nx));
    const int j = int((idx / std::size_t(g.nx)) % std::size_t(g.ny));
    const int k = int(idx / (std::size_t(g.nx) * g.ny));
    const float ax = max2(abs1(m.u[g.xface(i, j, k)]), abs1(m.u[g.xface(i + 1, j, k)])) / g.dx;
    const float ay = max2(abs1(m.v[g.yface(i, j, k)]), abs1(m.v[g.yface(i, j + 1, k)])) / g.dy;
    return max2(ax, ay);
  }
};

}  // namespace airshed::kernels
