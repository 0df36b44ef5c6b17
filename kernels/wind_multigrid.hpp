// The multigrid preconditioner of the wind projection (kernels/wind_projection.hpp):
// one V-cycle of horizontal semi-coarsening multigrid with the vertical-line
// smoother, the standard robust choice for Poisson problems whose vertical
// couplings dominate (Trottenberg, Oosterlee & Schuller 2001, "Multigrid",
// sect. 5.1: line relaxation along the strong direction, coarsening along
// the others). Line-Jacobi CG alone needs O(n) iterations for the
// horizontally smooth modes of an n x n domain; the V-cycle removes them.
//
// Coarse levels aggregate 2 x 2 columns (levels unchanged) and keep L's
// conductance form: a coarse z face sums the fine ones it covers, a coarse
// x face sums the fine x faces it covers and halves them (the centres are
// twice as far apart), likewise y. The level is stored per cell: the
// conductance of each cell's lower x, y, z face (the boundary face at
// i = 0: to the wrapped cell if periodic, to phi = 0 if open), plus the
// upper boundary faces of open lines and an open top. The fine level is
// ProjectionGrid itself. Restriction sums over an aggregate, prolongation
// copies back (R = P^T), so the V-cycle is symmetric positive definite.
#pragma once

#include <cstddef>

#include "wind_projection.hpp"

namespace airshed::kernels {

struct StoredLevel {
  int nx, ny, nz;
  int kind_x, kind_y;
  const double* gx;      // cells: lower x face
  const double* gy;      // cells: lower y face
  const double* gz;      // cells: lower z face (0 at the ground)
  const double* gx_end;  // ny * nz: the upper face of i = nx-1 of an open line (else 0)
  const double* gy_end;  // nx * nz: the upper face of j = ny-1 of an open line (else 0)
  const double* gz_top;  // columns: the open top's face (else 0)

  AIRSHED_HD std::size_t columns() const { return std::size_t(nx) * ny; }
  AIRSHED_HD std::size_t cells() const { return columns() * nz; }
  AIRSHED_HD std::size_t cell(int i, int j, int k) const {
    return (std::size_t(k) * ny + j) * nx + i;
  }
  AIRSHED_HD double lower(std::size_t c, int) const { return gz[c]; }
  // The upper faces' conductances of cell (i, j, k) = c.
  AIRSHED_HD double x_upper(int i, int j, int k, std::size_t c) const {
    if (i < nx - 1) return gx[c + 1];
    if (kind_x == lateral_periodic) return gx[c - (nx - 1)];
    return gx_end[std::size_t(k) * ny + j];
  }
  AIRSHED_HD double y_upper(int i, int j, int k, std::size_t c) const {
    if (j < ny - 1) return gy[c + nx];
    if (kind_y == lateral_periodic) return gy[c - std::size_t(nx) * (ny - 1)];
    return gy_end[std::size_t(k) * nx + i];
  }
  AIRSHED_HD double z_upper(std::size_t c, int k) const {
    return k < nz - 1 ? gz[c + columns()] : gz_top[c % columns()];
  }
  // (L p) of a cell with all six neighbours inside; the same terms as apply().
  AIRSHED_HD double apply_interior(const double* p, int, std::size_t c) const {
    const double pc = p[c];
    const std::size_t plane = columns();
    return gx[c] * (pc - p[c - 1]) + gx[c + 1] * (pc - p[c + 1]) + gy[c] * (pc - p[c - nx]) +
           gy[c + nx] * (pc - p[c + nx]) + gz[c] * (pc - p[c - plane]) +
           gz[c + plane] * (pc - p[c + plane]);
  }
  AIRSHED_HD double apply(const double* p, int i, int j, int k, std::size_t c) const {
    const double pc = p[c];
    const std::size_t plane = columns(), row = std::size_t(nx) * (ny - 1);
    const bool px = kind_x == lateral_periodic, py = kind_y == lateral_periodic;
    const double xl = i > 0 ? p[c - 1] : px ? p[c + (nx - 1)] : 0.0;
    const double xh = i < nx - 1 ? p[c + 1] : px ? p[c - (nx - 1)] : 0.0;
    const double yl = j > 0 ? p[c - nx] : py ? p[c + row] : 0.0;
    const double yh = j < ny - 1 ? p[c + nx] : py ? p[c - row] : 0.0;
    const double zl = k > 0 ? p[c - plane] : 0.0;
    const double zh = k < nz - 1 ? p[c + plane] : 0.0;
    return gx[c] * (pc - xl) + x_upper(i, j, k, c) * (pc - xh) + gy[c] * (pc - yl) +
           y_upper(i, j, k, c) * (pc - yh) + gz[c] * (pc - zl) + z_upper(c, k) * (pc - zh);
  }
};

// res = b - L x over runs of W cells along x (XRun).
template <class Level, int W>
struct Residual {
  Level g;
  const double* b;
  const double* x;
  double* res;
  std::size_t blocks() const { return XRun<W>::count(g.nx, g.ny, g.nz); }
  AIRSHED_HD void operator()(std::size_t blk) const {
    const XRun<W> run(g.nx, g.ny, blk, g.nz);
    const std::size_t c0 = g.cell(run.i0, run.j, run.k);
    if (run.interior(g.nx, g.ny, g.nz)) {
      AIRSHED_SIMD
      for (int l = 0; l < run.lanes; ++l)
        res[c0 + l] = b[c0 + l] - g.apply_interior(x, run.k, c0 + l);
    } else {
      for (int l = 0; l < run.lanes; ++l)
        res[c0 + l] = b[c0 + l] - g.apply(x, run.i0 + l, run.j, run.k, c0 + l);
    }
  }
};

// x += omega M^-1 res for a run of W columns (M: the level's line
// preconditioner, factored as in FactorColumns); res is overwritten by the
// forward sweep.
template <class Level, int W>
struct SmoothColumns {
  Level g;
  const double* m;
  const double* cp;
  double* res;
  double* x;
  double omega;
  std::size_t blocks() const { return XRun<W>::count(g.nx, g.ny, 1); }
  AIRSHED_HD void operator()(std::size_t blk) const {
    const XRun<W> run(g.nx, g.ny, blk, 1);
    const std::size_t stride = g.columns(), c0 = g.cell(run.i0, run.j, 0);
    const int n = run.lanes;
    double y[W];
    for (int l = 0; l < W; ++l) y[l] = 0.0;
    for (int k = 0; k < g.nz; ++k) {
      const std::size_t c = c0 + k * stride;
      AIRSHED_SIMD
      for (int l = 0; l < n; ++l) {
        y[l] = (res[c + l] + g.lower(c + l, k) * y[l]) * m[c + l];
        res[c + l] = y[l];
      }
    }
    for (int l = 0; l < W; ++l) y[l] = 0.0;
    for (int k = g.nz - 1; k >= 0; --k) {
      const std::size_t c = c0 + k * stride;
      AIRSHED_SIMD
      for (int l = 0; l < n; ++l) {
        y[l] = res[c + l] - cp[c + l] * y[l];
        x[c + l] += omega * y[l];
      }
    }
  }
};

// How a fine level maps onto its coarse one: 2 cells per coarse cell along
// a coarsened direction, 1 along one that is already a single cell.
struct Aggregation {
  int fine_nx, fine_ny, coarse_nx, coarse_ny, nz;
  int sx, sy;  // 2 or 1
};

// coarse b = sum of the fine residuals in each aggregate (R = P^T), over
// runs of W coarse cells along x.
template <int W>
struct Restrict {
  Aggregation a;
  const double* fine;
  double* coarse;
  std::size_t blocks() const { return XRun<W>::count(a.coarse_nx, a.coarse_ny, a.nz); }
  AIRSHED_HD void operator()(std::size_t blk) const {
    const XRun<W> run(a.coarse_nx, a.coarse_ny, blk, a.nz);
    const std::size_t c0 = (std::size_t(run.k) * a.coarse_ny + run.j) * a.coarse_nx + run.i0;
    for (int l = 0; l < run.lanes; ++l) {
      double sum = 0.0;
      for (int dj = 0; dj < a.sy; ++dj) {
        const int j = run.j * a.sy + dj;
        if (j >= a.fine_ny) break;
        const double* row = fine + (std::size_t(run.k) * a.fine_ny + j) * a.fine_nx;
        for (int di = 0; di < a.sx; ++di) {
          const int i = (run.i0 + l) * a.sx + di;
          if (i < a.fine_nx) sum += row[i];
        }
      }
      coarse[c0 + l] = sum;
    }
  }
};

// fine x += the coarse correction of its aggregate (P: piecewise constant),
// over runs of W fine cells along x.
template <int W>
struct Prolong {
  Aggregation a;
  const double* coarse;
  double* fine;
  std::size_t blocks() const { return XRun<W>::count(a.fine_nx, a.fine_ny, a.nz); }
  AIRSHED_HD void operator()(std::size_t blk) const {
    const XRun<W> run(a.fine_nx, a.fine_ny, blk, a.nz);
    const std::size_t c0 = (std::size_t(run.k) * a.fine_ny + run.j) * a.fine_nx + run.i0;
    const double* row = coarse + (std::size_t(run.k) * a.coarse_ny + run.j / a.sy) * a.coarse_nx;
    const int shift = a.sx == 2 ? 1 : 0;
    AIRSHED_SIMD
    for (int l = 0; l < run.lanes; ++l) fine[c0 + l] += row[(run.i0 + l) >> shift];
  }
};

}  // namespace airshed::kernels
