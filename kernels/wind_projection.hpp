// Mass-consistent winds: the kernel bodies of Sherman's (1978) variational
// adjustment (J. Appl. Meteor. 17, 312-319), as the diagnostic model CALMET
// applies it on terrain-following levels (Scire et al. 2000, CALMET user's
// guide, sect. 2.2). The adjusted wind is u = u0 + dphi/dx, v = v0 +
// dphi/dy, w = w0 + r dphi/dz with r = (alpha_h / alpha_v)^2, and phi
// solves the discrete Poisson equation D(G phi) = -D(u0), D being exactly
// the solver's cell divergence on the C grid and G the matching face
// gradient. Everything is in double: phi, the CG vectors, the face
// gradients; only the face winds are float. docs/numerics.md,
// "Mass-consistent winds", gives the boundary rules and the tests.
//
// The operator is written as L phi = -dz_k D(G phi) (the divergence times
// the cell volume over dx dy), which is symmetric: every face couples its
// two cells by one conductance (dz_k / dx^2 across x faces, r / dzc across
// z faces). L is positive definite unless every boundary is Neumann
// (closed or periodic lateral, closed top): then constants are its null
// space and the host driver projects them out of the right-hand side.
#pragma once

#include <cstddef>

#include "views.hpp"

namespace airshed::kernels {

// The grid as the projection sees it: double spacings, the boundary kinds
// (LateralKind), the vertical weight r.
struct ProjectionGrid {
  int nx, ny, nz;
  double dx, dy;
  const double* dz;   // nz layer thicknesses
  const double* dzc;  // nz + 1: centre-to-centre distances; [0] unused, [nz] = dz[nz-1] / 2
  double r;           // vertical weight (alpha_h / alpha_v)^2
  int kind_x, kind_y;
  bool open_top;

  AIRSHED_HD std::size_t cell(int i, int j, int k) const {
    return (std::size_t(k) * ny + j) * nx + i;
  }
  AIRSHED_HD std::size_t columns() const { return std::size_t(nx) * ny; }
  AIRSHED_HD std::size_t cells() const { return columns() * nz; }
};

// dphi/ds across lateral face f (0..n) of a line of n cells, lo = phi of
// cell f-1, hi = phi of cell f (read only where they exist; the caller
// passes the wrapped neighbour on periodic lines). Open: phi = 0 on the
// boundary face, half a cell from the edge centre (Dirichlet: flow-through
// faces adjust, as in Sherman 1978 and CALMET). Closed: no correction
// (Neumann, the face wind stays 0). Periodic: faces 0 and n are one face.
AIRSHED_HD inline double lateral_gradient(int kind, int n, int f, double lo, double hi, double d) {
  if (f > 0 && f < n) return (hi - lo) / d;
  if (kind == lateral_closed) return 0.0;
  if (kind == lateral_periodic) return (hi - lo) / d;
  return f == 0 ? hi / (0.5 * d) : -lo / (0.5 * d);
}

// The coefficient of a cell's own phi in its two lateral faces' terms of
// L, divided by d: 1/d per interior face, 2/d per open boundary face, 0 for
// closed ones and for a periodic line of one cell (the face joins the cell
// to itself).
AIRSHED_HD inline double lateral_diagonal(int kind, int n, int idx, double d) {
  const auto face = [&](bool edge) {
    if (!edge) return 1.0 / d;
    if (kind == lateral_open) return 2.0 / d;
    if (kind == lateral_periodic && n > 1) return 1.0 / d;
    return 0.0;
  };
  return (face(idx == 0) + face(idx == n - 1)) / d;
}

// r dphi/dz across z face f (0..nz) of a column: ground w = 0 (Neumann, no
// correction), closed top the same, open top phi = 0 on the top face.
AIRSHED_HD inline double vertical_gradient(const ProjectionGrid& g, int f, double lo, double hi) {
  if (f == 0) return 0.0;
  if (f == g.nz) return g.open_top ? -g.r * lo / g.dzc[f] : 0.0;
  return g.r * (hi - lo) / g.dzc[f];
}

// Per cell: b = dz_k D(u) with the solver's divergence (u, v, w on the
// faces as the solver sees them: the host zeroed closed faces and the
// ground, and copied periodic faces). Returns |D(u)| (s^-1) for the max.
struct CellDivergence {
  ProjectionGrid g;
  const float* u;
  const float* v;
  const float* w;
  double* b;  // may be null: only the max is wanted
  AIRSHED_HD double operator()(std::size_t c) const {
    const int i = int(c % g.nx), j = int(c / g.nx % g.ny), k = int(c / g.columns());
    const std::size_t xf = (std::size_t(k) * g.ny + j) * (g.nx + 1) + i;
    const std::size_t yf = (std::size_t(k) * (g.ny + 1) + j) * g.nx + i;
    const double div = (double(u[xf + 1]) - double(u[xf])) / g.dx +
                       (double(v[yf + g.nx]) - double(v[yf])) / g.dy +
                       (double(w[c + g.columns()]) - double(w[c])) / g.dz[k];
    if (b) b[c] = g.dz[k] * div;
    return div < 0 ? -div : div;
  }
};

// The cell's neighbours' phi across its six faces (0 where there is none;
// the wrapped cell on periodic lines).
struct Neighbours {
  double xl, xh, yl, yh, zl, zh;
};
AIRSHED_HD inline Neighbours neighbours(const ProjectionGrid& g, const double* p, int i, int j,
                                        int k) {
  const std::size_t c = g.cell(i, j, k);
  Neighbours n{0, 0, 0, 0, 0, 0};
  if (i > 0)
    n.xl = p[c - 1];
  else if (g.kind_x == lateral_periodic)
    n.xl = p[c + (g.nx - 1)];
  if (i < g.nx - 1)
    n.xh = p[c + 1];
  else if (g.kind_x == lateral_periodic)
    n.xh = p[c - (g.nx - 1)];
  if (j > 0)
    n.yl = p[c - g.nx];
  else if (g.kind_y == lateral_periodic)
    n.yl = p[c + std::size_t(g.ny - 1) * g.nx];
  if (j < g.ny - 1)
    n.yh = p[c + g.nx];
  else if (g.kind_y == lateral_periodic)
    n.yh = p[c - std::size_t(g.ny - 1) * g.nx];
  if (k > 0) n.zl = p[c - g.columns()];
  if (k < g.nz - 1) n.zh = p[c + g.columns()];
  return n;
}

// q = L p per cell, from the same face gradients the corrections use, so
// that L is exactly -dz D(G .). Returns p q for the CG step length.
struct ApplyPoisson {
  ProjectionGrid g;
  const double* p;
  double* q;
  AIRSHED_HD double operator()(std::size_t c) const {
    const int i = int(c % g.nx), j = int(c / g.nx % g.ny), k = int(c / g.columns());
    const Neighbours n = neighbours(g, p, i, j, k);
    const double pc = p[c];
    const double gx = lateral_gradient(g.kind_x, g.nx, i, n.xl, pc, g.dx) -
                      lateral_gradient(g.kind_x, g.nx, i + 1, pc, n.xh, g.dx);
    const double gy = lateral_gradient(g.kind_y, g.ny, j, n.yl, pc, g.dy) -
                      lateral_gradient(g.kind_y, g.ny, j + 1, pc, n.yh, g.dy);
    const double gz = vertical_gradient(g, k, n.zl, pc) - vertical_gradient(g, k + 1, pc, n.zh);
    const double lq = g.dz[k] * (gx / g.dx + gy / g.dy) + gz;
    q[c] = lq;
    return pc * lq;
  }
};

// The vertical-line preconditioner M: per column, the vertical part of L
// plus the diagonal of its lateral part, a tridiagonal system solved by the
// Thomas algorithm (Press et al., "Numerical Recipes", 3rd ed., sect. 2.4).
// The z couplings dominate on airshed's grids (dx / dz ~ 10..500), which is
// why a line method and not point Jacobi. The matrix depends only on the
// grid, so it is factored once: per cell 1 / pivot (m) and c' (cp).
AIRSHED_HD inline double column_lower(const ProjectionGrid& g, int k) {
  return k > 0 ? -g.r / g.dzc[k] : 0.0;
}
AIRSHED_HD inline double column_upper(const ProjectionGrid& g, int k) {
  return k < g.nz - 1 ? -g.r / g.dzc[k + 1] : 0.0;
}

struct FactorColumns {
  ProjectionGrid g;
  double* m;
  double* cp;
  // A column whose M would be singular (one column, every boundary
  // Neumann: only constants there) gets its diagonal raised by this
  // fraction; a preconditioner need only be symmetric positive definite.
  static constexpr double singular_shift = 1e-3;
  AIRSHED_HD void operator()(std::size_t col) const {
    const int i = int(col % g.nx), j = int(col / g.nx);
    const double lateral =
        lateral_diagonal(g.kind_x, g.nx, i, g.dx) + lateral_diagonal(g.kind_y, g.ny, j, g.dy);
    const bool singular = lateral == 0.0 && !g.open_top;
    double cp_prev = 0.0;
    for (int k = 0; k < g.nz; ++k) {
      double b = g.dz[k] * lateral;
      if (k > 0) b += g.r / g.dzc[k];
      if (k < g.nz - 1) b += g.r / g.dzc[k + 1];
      if (k == g.nz - 1 && g.open_top) b += g.r / g.dzc[g.nz];
      if (singular) b *= 1.0 + singular_shift;
      const double inv = 1.0 / (b - column_lower(g, k) * cp_prev);
      const std::size_t c = g.cell(i, j, k);
      m[c] = inv;
      cp[c] = column_upper(g, k) * inv;
      cp_prev = cp[c];
    }
  }
};

// z = M^-1 r per column; returns the column's sum of r z (the CG's rho).
struct LinePreconditioner {
  ProjectionGrid g;
  const double* m;
  const double* cp;
  const double* r;
  double* z;
  AIRSHED_HD double operator()(std::size_t col) const {
    const std::size_t stride = g.columns();
    double dp = 0.0;
    for (int k = 0; k < g.nz; ++k) {
      const std::size_t c = col + k * stride;
      dp = (r[c] - column_lower(g, k) * dp) * m[c];
      z[c] = dp;
    }
    double above = 0.0, rz = 0.0;
    for (int k = g.nz - 1; k >= 0; --k) {
      const std::size_t c = col + k * stride;
      above = z[c] - cp[c] * above;
      z[c] = above;
      rz += r[c] * above;
    }
    return rz;
  }
};

// The corrections, one face each: u0 + G phi rounded to float once. Face
// index as GridView::xface/yface/zface. Closed boundary faces stay 0; both
// periodic faces get the same value (the first guess's face n, which the
// host copied to face 0); the ground face is never corrected.
struct CorrectXFaces {
  ProjectionGrid g;
  const double* phi;
  float* u;
  AIRSHED_HD void operator()(std::size_t idx) const {
    const int f = int(idx % (g.nx + 1));
    const std::size_t row = idx / (g.nx + 1);  // j + ny k
    const std::size_t c0 = row * g.nx;         // cell (0, j, k)
    const double lo = f > 0 ? phi[c0 + f - 1] : phi[c0 + g.nx - 1];
    const double hi = f < g.nx ? phi[c0 + f] : phi[c0];
    u[idx] = float(double(u[idx]) + lateral_gradient(g.kind_x, g.nx, f, lo, hi, g.dx));
  }
};

struct CorrectYFaces {
  ProjectionGrid g;
  const double* phi;
  float* v;
  AIRSHED_HD void operator()(std::size_t idx) const {
    const int i = int(idx % g.nx);
    const int f = int(idx / g.nx % (g.ny + 1));
    const int k = int(idx / (std::size_t(g.nx) * (g.ny + 1)));
    const double lo = phi[g.cell(i, f > 0 ? f - 1 : g.ny - 1, k)];
    const double hi = phi[g.cell(i, f < g.ny ? f : 0, k)];
    v[idx] = float(double(v[idx]) + lateral_gradient(g.kind_y, g.ny, f, lo, hi, g.dy));
  }
};

struct CorrectZFaces {
  ProjectionGrid g;
  const double* phi;
  float* w;
  AIRSHED_HD void operator()(std::size_t idx) const {
    const int f = int(idx / g.columns());
    if (f == 0) return;  // the ground: w = 0, never corrected
    const std::size_t col = idx % g.columns();
    const double lo = phi[col + (f - 1) * g.columns()];
    const double hi = f < g.nz ? phi[col + f * g.columns()] : 0.0;
    w[idx] = float(double(w[idx]) + vertical_gradient(g, f, lo, hi));
  }
};

}  // namespace airshed::kernels
