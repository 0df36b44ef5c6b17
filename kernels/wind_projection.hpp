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
//
// Over 250 lines: the divergence, the operator, the line preconditioner and
// the face corrections are one discretisation and must agree on every
// boundary rule; kept in one file. The multigrid's pieces are in
// wind_multigrid.hpp.
#pragma once

#include <cstddef>

#include "views.hpp"

namespace airshed::kernels {

// The grid as the projection sees it: double spacings, the boundary kinds
// (LateralKind), the vertical weight r, and L's conductances per level.
struct ProjectionGrid {
  int nx, ny, nz;
  double dx, dy;
  const double* dz;   // nz layer thicknesses
  const double* dzc;  // nz + 1: centre-to-centre distances; [0] unused, [nz] = dz[nz-1] / 2
  double r;           // vertical weight (alpha_h / alpha_v)^2
  int kind_x, kind_y;
  bool open_top;
  // L's coefficients: dz_k / dx^2 and dz_k / dy^2 per level (times the
  // face weight: 1 inside, 2 on an open boundary face, whose phi = 0 is
  // half a cell away, 0 on a closed one, 1 on a periodic one); r / dzc
  // across the level's lower and upper z faces (0 at the ground and a
  // closed top; r / (dz / 2) to the open top's phi = 0).
  const double* cx;
  const double* cy;
  const double* cz_lower;
  const double* cz_upper;
  double edge_x, edge_y;

  AIRSHED_HD std::size_t cell(int i, int j, int k) const {
    return (std::size_t(k) * ny + j) * nx + i;
  }
  AIRSHED_HD std::size_t columns() const { return std::size_t(nx) * ny; }
  AIRSHED_HD std::size_t cells() const { return columns() * nz; }
  // The multigrid's level interface (kernels/wind_multigrid.hpp): (L p) of
  // a cell, and the coupling to the cell below in its column's tridiagonal.
  AIRSHED_HD inline double apply(const double* p, int i, int j, int k, std::size_t c) const;
  // The same for a cell with all six neighbours inside, without the
  // boundary cases (the same arithmetic: its weights are 1).
  AIRSHED_HD double apply_interior(const double* p, int k, std::size_t c) const {
    const double pc = p[c];
    const std::size_t plane = columns();
    return cx[k] * ((pc - p[c - 1]) + (pc - p[c + 1])) +
           cy[k] * ((pc - p[c - nx]) + (pc - p[c + nx])) + cz_lower[k] * (pc - p[c - plane]) +
           cz_upper[k] * (pc - p[c + plane]);
  }
  AIRSHED_HD double lower(std::size_t, int k) const { return cz_lower[k]; }
};

// The weight of a lateral boundary face in L (see ProjectionGrid).
AIRSHED_HD inline double edge_weight(int kind) {
  return kind == lateral_open ? 2.0 : kind == lateral_periodic ? 1.0 : 0.0;
}

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

// (L p) of cell (i, j, k) = c: the conductance-weighted differences to
// its six neighbours (the wrapped cell on periodic lines, phi = 0 beyond
// an open face, nothing beyond a closed one).
AIRSHED_HD inline double poisson_cell(const ProjectionGrid& g, const double* p, int i, int j, int k,
                                      std::size_t c) {
  const double pc = p[c];
  const std::size_t plane = g.columns(), row = std::size_t(g.nx) * (g.ny - 1);
  const bool px = g.kind_x == lateral_periodic, py = g.kind_y == lateral_periodic;
  const double xl = i > 0 ? p[c - 1] : px ? p[c + (g.nx - 1)] : 0.0;
  const double xh = i < g.nx - 1 ? p[c + 1] : px ? p[c - (g.nx - 1)] : 0.0;
  const double yl = j > 0 ? p[c - g.nx] : py ? p[c + row] : 0.0;
  const double yh = j < g.ny - 1 ? p[c + g.nx] : py ? p[c - row] : 0.0;
  const double zl = k > 0 ? p[c - plane] : 0.0;
  const double zh = k < g.nz - 1 ? p[c + plane] : 0.0;
  const double wxl = i > 0 ? 1.0 : g.edge_x, wxh = i < g.nx - 1 ? 1.0 : g.edge_x;
  const double wyl = j > 0 ? 1.0 : g.edge_y, wyh = j < g.ny - 1 ? 1.0 : g.edge_y;
  return g.cx[k] * (wxl * (pc - xl) + wxh * (pc - xh)) +
         g.cy[k] * (wyl * (pc - yl) + wyh * (pc - yh)) + g.cz_lower[k] * (pc - zl) +
         g.cz_upper[k] * (pc - zh);
}

AIRSHED_HD inline double ProjectionGrid::apply(const double* p, int i, int j, int k,
                                               std::size_t c) const {
  return poisson_cell(*this, p, i, j, k, c);
}

// Runs of W adjacent cells along x (W = column_lanes: one cell on the GPU,
// 32 on the CPU, so the index is decoded once per run). Block b covers
// cells i0 .. i0 + lanes - 1 of row (j, k).
template <int W>
struct XRun {
  int i0, j, k, lanes;
  AIRSHED_HD XRun(int nx, int ny, std::size_t b, int levels) {
    const std::size_t per_row = (std::size_t(nx) + W - 1) / W;
    const std::size_t row = b / per_row;
    i0 = int(b - row * per_row) * W;
    j = int(row % std::size_t(ny));
    k = levels > 1 ? int(row / std::size_t(ny)) : 0;
    lanes = nx - i0 < W ? nx - i0 : W;
  }
  // Every cell of the run has all six neighbours inside the grid.
  AIRSHED_HD bool interior(int nx, int ny, int nz) const {
    return i0 > 0 && i0 + lanes < nx && j > 0 && j < ny - 1 && k > 0 && k < nz - 1;
  }
  static std::size_t count(int nx, int ny, int levels) {
    return (std::size_t(nx) + W - 1) / W * ny * levels;
  }
};

// q = L p over one run of cells; returns the run's sum of p q (the CG
// step length's denominator). L is exactly -dz D(G .) of the corrections
// (kernels below) in real arithmetic.
template <int W>
struct ApplyPoisson {
  ProjectionGrid g;
  const double* p;
  double* q;
  std::size_t blocks() const { return XRun<W>::count(g.nx, g.ny, g.nz); }
  AIRSHED_HD double operator()(std::size_t b) const {
    const XRun<W> run(g.nx, g.ny, b, g.nz);
    const std::size_t c0 = g.cell(run.i0, run.j, run.k);
    if (run.interior(g.nx, g.ny, g.nz)) {
      AIRSHED_SIMD
      for (int l = 0; l < run.lanes; ++l) q[c0 + l] = g.apply_interior(p, run.k, c0 + l);
    } else {
      for (int l = 0; l < run.lanes; ++l)
        q[c0 + l] = poisson_cell(g, p, run.i0 + l, run.j, run.k, c0 + l);
    }
    double pq = 0.0;
    for (int l = 0; l < run.lanes; ++l) pq += p[c0 + l] * q[c0 + l];
    return pq;
  }
};

// The vertical-line preconditioner M: per column, the vertical part of L
// plus the diagonal of its lateral part, a tridiagonal system solved by the
// Thomas algorithm (Press et al., "Numerical Recipes", 3rd ed., sect. 2.4).
// The z couplings dominate on airshed's grids (dx / dz ~ 10..500), which is
// why a line method and not point Jacobi. The matrix depends only on the
// grid, so it is factored once: per cell 1 / pivot (m) and c' (cp); row k
// is -cz_lower[k] phi_{k-1} + d_k phi_k - cz_upper[k] phi_{k+1}.
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
    const double wx = (i > 0 ? 1.0 : g.edge_x) + (i < g.nx - 1 ? 1.0 : g.edge_x);
    const double wy = (j > 0 ? 1.0 : g.edge_y) + (j < g.ny - 1 ? 1.0 : g.edge_y);
    const bool singular = wx == 0.0 && wy == 0.0 && !g.open_top;
    double cp_prev = 0.0;
    for (int k = 0; k < g.nz; ++k) {
      double d = g.cx[k] * wx + g.cy[k] * wy + g.cz_lower[k] + g.cz_upper[k];
      if (singular) d *= 1.0 + singular_shift;
      const double inv =
          1.0 / (d + g.cz_lower[k] * cp_prev);  // b_k - a_k c'_{k-1}, a_k = -cz_lower
      const std::size_t c = g.cell(i, j, k);
      m[c] = inv;
      cp[c] = k < g.nz - 1 ? -g.cz_upper[k] * inv : 0.0;
      cp_prev = cp[c];
    }
  }
};

// z = M^-1 r for a run of W adjacent columns, SIMD across them on the CPU
// (as kernels/tridiagonal.hpp's lanes); returns the run's sum of r z (the
// CG's rho).
template <int W>
struct LinePreconditioner {
  ProjectionGrid g;
  const double* m;
  const double* cp;
  const double* r;
  double* z;
  std::size_t blocks() const { return XRun<W>::count(g.nx, g.ny, 1); }
  AIRSHED_HD double operator()(std::size_t b) const {
    const XRun<W> run(g.nx, g.ny, b, 1);
    const std::size_t stride = g.columns(), c0 = g.cell(run.i0, run.j, 0);
    const int n = run.lanes;
    double x[W], rz[W];
    for (int l = 0; l < W; ++l) x[l] = rz[l] = 0.0;
    for (int k = 0; k < g.nz; ++k) {
      const std::size_t c = c0 + k * stride;
      const double a = g.cz_lower[k];
      AIRSHED_SIMD
      for (int l = 0; l < n; ++l) {
        x[l] = (r[c + l] + a * x[l]) * m[c + l];
        z[c + l] = x[l];
      }
    }
    for (int k = g.nz - 1; k >= 0; --k) {
      const std::size_t c = c0 + k * stride;
      AIRSHED_SIMD
      for (int l = 0; l < n; ++l) {
        x[l] = z[c + l] - cp[c + l] * x[l];
        z[c + l] = x[l];
        rz[l] += r[c + l] * x[l];
      }
    }
    double sum = 0.0;
    for (int l = 0; l < n; ++l) sum += rz[l];
    return sum;
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
