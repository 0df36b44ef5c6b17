// Everything that couples a column vertically, in one pass over memory,
// composed of the named pieces: vertical_face_flux() (vertical_flux.hpp),
// diffusion_row() (diffusion_row.hpp) and the Thomas steps over lanes
// (tridiagonal.hpp), each unit-tested on one column in tests/kernels/:
//   1. vertical advection, explicit, limited flux form (stretched levels);
//   2. first-order decay, exact factor exp(-lambda dt) (computed by the host);
//   3. vertical diffusion, backward Euler, one tridiagonal solve, with the
//      ground deposition flux v_d c and, for an open top, exchange with the
//      background above, both implicit so thin layers never limit dt;
//      with convective mixing (ColumnParams::convective_fraction, ACM2,
//      kernels/acm2.hpp) the same solve also carries the non-local upward
//      transport from level 0 and the subsidence that balances it.
// Returns, per column, the mass per unit area that left through the top,
// was deposited and decayed, for the float64 budget.
//
// One call advances a block of `column_lanes` adjacent columns of one row
// (kernels/backend.hpp): one column per GPU thread (lanes = 1, consecutive
// threads on consecutive i, coalesced); on the CPU a run of columns along
// x, so that every level's arithmetic, the Thomas recurrences included,
// runs SIMD across the columns and every load is contiguous. Each lane does
// exactly the arithmetic of a single column, in the same order. The last
// block of a row may be partial: its spare lanes repeat the last column and
// store nothing.
//
// Levels are visited in three passes: load the column; one upward pass
// that computes the advective flux through the upper face, applies the
// advection and the decay, builds the tridiagonal row and eliminates it
// (Thomas forward sweep); one downward pass of back substitution that
// writes the result. Three per-thread arrays of max_levels lanes.
#pragma once

#include "acm2.hpp"
#include "diffusion_row.hpp"
#include "limiter.hpp"
#include "tridiagonal.hpp"
#include "vertical_flux.hpp"
#include "views.hpp"

namespace airshed::kernels {

constexpr int max_levels = 256;

struct ColumnLosses {
  double top_outflow = 0, deposited = 0, decayed = 0;  // M m^-2
  AIRSHED_HD ColumnLosses operator+(const ColumnLosses& o) const {
    return {top_outflow + o.top_outflow, deposited + o.deposited, decayed + o.decayed};
  }
};

struct ColumnParams {
  float dt;
  float decay_factor;  // exp(-lambda dt)
  const float* vd;     // deposition velocity (m/s) per column, nx * ny, x fastest
  bool open_top;
  float background;  // above the model top
  // Tags of one species (TaggedColumnPhysics, kernels/tagged_column.hpp;
  // docs/tagging.md): the advective flux through each interior face is the
  // total's, shared_flux (z faces, from TotalVerticalFlux), times the tag's
  // fraction of the upwind level of shared_total (the tags' sum), instead
  // of the tag's own limited flux. Not read by ColumnPhysics.
  const float* shared_flux = nullptr;
  const float* shared_total = nullptr;
  // Convective mixing (kernels/acm2.hpp): per column the mixing height h
  // (m) and the convective fraction fconv; nullptr: local K-theory only.
  const float* mixing_height = nullptr;
  const float* convective_fraction = nullptr;
  // Weight of the limited jumps: 1 MC-limited, 0 first-order upwind (as
  // limited_flux's slope, kernels/horizontal_flux.hpp).
  float slope = 1.0f;
};

// v[l] = src[min(l, last)] for the W lanes of a block (last = lanes in use - 1).
template <int W>
AIRSHED_HD inline void load_lanes(float* v, const float* src, int last) {
  if (last == W - 1) {
    AIRSHED_SIMD
    for (int l = 0; l < W; ++l) v[l] = src[l];
  } else {
    for (int l = 0; l < W; ++l) v[l] = src[l < last ? l : last];
  }
}

// dst[l] = v[l] for the lanes in use.
template <int W>
AIRSHED_HD inline void store_lanes(float* dst, const float* v, int last) {
  if (last == W - 1) {
    AIRSHED_SIMD
    for (int l = 0; l < W; ++l) dst[l] = v[l];
  } else {
    for (int l = 0; l <= last; ++l) dst[l] = v[l];
  }
}

// W = column_lanes of the backend (a template parameter, so that backends
// compiled with different widths never share a definition).
template <int W>
struct ColumnPhysics {
  GridView g;
  float* c;  // one species
  const float* w;
  const float* kz;
  ColumnParams p;

  AIRSHED_HD int blocks_per_row() const { return (g.nx + W - 1) / W; }
  AIRSHED_HD std::size_t blocks() const { return std::size_t(blocks_per_row()) * g.ny; }

  // Advances the columns of block `blk`; the losses of column col go to out[col].
  AIRSHED_HD void operator()(std::size_t blk, ColumnLosses* out) const {
    const int bpr = blocks_per_row();
    const int j = int(blk / std::size_t(bpr)), i0 = int(blk % std::size_t(bpr)) * W;
    const int lanes = g.nx - i0 < W ? g.nx - i0 : W;
    const int last = lanes - 1;
    const int nz = g.nz;
    const float dt = p.dt;

    float x[max_levels * W];   // the column as loaded
    float cp[max_levels * W];  // Thomas: modified upper diagonal
    float dp[max_levels * W];  // Thomas: modified right-hand side
    for (int k = 0; k < nz; ++k) load_lanes<W>(x + k * W, c + g.cell(i0, j, k), last);

    double top_outflow[W], deposited[W], decayed[W];
    float f_lower[W];  // advective flux through the lower face of the level
    float j_lower[W];  // limited jump of the level below
    float j_here[W];   // limited jump of this level
    float wf[W], kz_lo[W], kz_hi[W];
    AIRSHED_SIMD
    for (int l = 0; l < W; ++l) {
      top_outflow[l] = deposited[l] = decayed[l] = 0.0;
      f_lower[l] = 0.0f;  // none through the ground
      j_lower[l] = 0.0f;
    }
    AIRSHED_SIMD
    for (int l = 0; l < W; ++l) j_here[l] = 0.0f;
    load_lanes<W>(kz_lo, kz + g.zface(i0, j, 0), last);
    float vd[W], ground0[W];  // v_d of each column, and dt v_d / dz_0 of its ground row
    load_lanes<W>(vd, p.vd + g.cell(i0, j, 0), last);
    AIRSHED_SIMD
    for (int l = 0; l < W; ++l) ground0[l] = dt * vd[l] / g.dz[0];
    // Convective mixing (ACM2), when asked: the layer of each column,
    // and the border column z = T^-1 u of the Sherman-Morrison solve.
    const bool acm2 = p.convective_fraction != nullptr;
    ConvectiveLayer layer[W];
    float zp[max_levels * W];
    if (acm2 && nz > 1) {
      float h[W], fc[W], k1[W];
      load_lanes<W>(h, p.mixing_height + g.cell(i0, j, 0), last);
      load_lanes<W>(fc, p.convective_fraction + g.cell(i0, j, 0), last);
      load_lanes<W>(k1, kz + g.zface(i0, j, 1), last);
      for (int l = 0; l < W; ++l) layer[l] = convective_layer(h[l], fc[l], k1[l], nz, g.dz, g.dzc);
    }
    float z_lo = 0.0f;  // height of the level's lower face

    for (int k = 0; k < nz; ++k) {
      const float* xk = x + k * W;
      // 1. Advective flux through face k + 1 (the upper face of level k).
      float f_upper[W];
      if (k + 1 < nz) {
        const int f = k + 1;
        // Jump of level f (the candidate upwind cell above face f).
        if (f < nz - 1) {
          const float* xl = x + (f - 1) * W;
          const float* xc = x + f * W;
          const float* xu = x + (f + 1) * W;
          const float dzf = g.dz[f], dl = g.dzc[f], du = g.dzc[f + 1];
          AIRSHED_SIMD
          for (int l = 0; l < W; ++l)
            j_here[l] = p.slope * mc_jump_stretched(xl[l], xc[l], xu[l], dzf, dl, du);
        } else {
          AIRSHED_SIMD
          for (int l = 0; l < W; ++l) j_here[l] = 0.0f;
        }
        load_lanes<W>(wf, w + g.zface(i0, j, f), last);
        const float* x_below = xk;
        const float* x_above = x + f * W;
        const float dz_below = g.dz[f - 1], dz_above = g.dz[f];
        AIRSHED_SIMD
        for (int l = 0; l < W; ++l)
          f_upper[l] = vertical_face_flux(wf[l], x_below[l], x_above[l], j_lower[l], j_here[l],
                                          dz_below, dz_above, dt);
      } else {
        load_lanes<W>(wf, w + g.zface(i0, j, nz), last);
        AIRSHED_SIMD
        for (int l = 0; l < W; ++l) {
          f_upper[l] = top_face_flux(wf[l], xk[l], p.open_top, p.background);
          top_outflow[l] += double(f_upper[l]) * dt;
        }
      }

      // 2.-3. Advection and decay of level k, then its tridiagonal row
      //   a x_{k-1}' + b x_k' + cc x_{k+1}' = d, G = Kz / (distance between centres),
      // eliminated at once (Thomas forward sweep).
      // Level-dependent terms are added as exact zeros elsewhere, so the
      // lane loops have no branches.
      const float r = dt / g.dz[k];
      const float dzk = g.dz[k];
      const double keep = 1.0 - double(p.decay_factor);
      const bool has_lower = k > 0, has_upper = k < nz - 1;
      const float dzc_lo = g.dzc[k], dzc_hi = g.dzc[k + 1];
      const float dzc_top = g.dzc[nz], dz_top = g.dz[nz - 1];
      load_lanes<W>(kz_hi, kz + g.zface(i0, j, k + 1), last);
      const float z_hi = z_lo + dzk;
      float u[W];  // the border column (ACM2's upward source from level 0)
      if (acm2) {  // local diffusion keeps 1 - fconv of Kz inside the layer
        for (int l = 0; l < W; ++l)
          if (z_hi < layer[l].top) kz_hi[l] *= layer[l].local;
      }
      float a[W], b[W], cc[W], d[W];
      AIRSHED_SIMD
      for (int l = 0; l < W; ++l) {
        float xa = xk[l] - r * (f_upper[l] - f_lower[l]);
        decayed[l] += double(xa) * dzk * keep;
        xa *= p.decay_factor;
        const float ground = has_lower ? 0.0f : ground0[l];
        const DiffusionRow row =
            diffusion_row(r, kz_lo[l], kz_hi[l], dzc_lo, dzc_hi, has_lower, has_upper, ground);
        a[l] = row.a, b[l] = row.b, cc[l] = row.c, d[l] = xa;
        f_lower[l] = f_upper[l];
        j_lower[l] = j_here[l];
        kz_lo[l] = kz_hi[l];
      }
      if (!has_upper) {  // the top level: implicit exchange with the background above
        AIRSHED_SIMD
        for (int l = 0; l < W; ++l) {
          const float g_top = p.open_top ? kz_hi[l] / dzc_top : 0.0f;
          add_top_exchange(b[l], d[l], g_top, p.background, dt, dz_top);
        }
      }
      if (acm2) {
        for (int l = 0; l < W; ++l) {
          const ConvectiveRow cr = convective_row(layer[l], k, dt, z_lo, z_hi, dzk);
          b[l] += cr.b;
          cc[l] += cr.c;
          u[l] = cr.u;
        }
        if (k == 0) {
          for (int l = 0; l < W; ++l) zp[l] = 0.0f;
        } else {
          border_forward<W>(a, b, u, cp + (k - 1) * W, zp + (k - 1) * W, zp + k * W);
        }
      }
      z_lo = z_hi;
      float* cpk = cp + k * W;
      float* dpk = dp + k * W;
      if (k == 0)
        thomas_first<W>(b, cc, d, cpk, dpk);
      else
        thomas_forward<W>(a, b, cc, d, cp + (k - 1) * W, dp + (k - 1) * W, cpk, dpk);
    }

    // Back substitution, written straight to the field; then the implicit
    // ground and top exchanges with the solution.
    float* xs = x;  // reused for the solution
    if (acm2) {
      // y = T^-1 d into xs, z = T^-1 u in place; then x_0 = y_0 / (1 + z_0)
      // and x = y - z x_0 (Sherman-Morrison; y >= 0, z <= 0, 1 + z_0 > 0
      // for the M-matrix, so x >= 0 with no cancellation but in 1 + z_0).
      for (int k = nz - 1; k >= 0; --k) {
        const int ka = k + 1 < nz ? k + 1 : k;
        thomas_back<W>(cp + k * W, dp + k * W, xs + ka * W, k == nz - 1, xs + k * W);
        thomas_back<W>(cp + k * W, zp + k * W, zp + ka * W, k == nz - 1, zp + k * W);
      }
      float x0[W];
      for (int l = 0; l < W; ++l) x0[l] = xs[l] / (1.0f + zp[l]);
      for (int k = 0; k < nz; ++k) {
        float* xk = xs + k * W;
        for (int l = 0; l < W; ++l) xk[l] = k == 0 ? x0[l] : xk[l] - zp[k * W + l] * x0[l];
        store_lanes<W>(c + g.cell(i0, j, k), xk, last);
      }
    } else {
      for (int k = nz - 1; k >= 0; --k) {
        float* xk = xs + k * W;
        thomas_back<W>(cp + k * W, dp + k * W, xs + (k + 1 < nz ? k + 1 : k) * W, k == nz - 1, xk);
        store_lanes<W>(c + g.cell(i0, j, k), xk, last);
      }
    }
    // kz_lo now holds Kz at face nz (the top face) per lane.
    for (int l = 0; l < lanes; ++l) {
      const float g_top = p.open_top ? kz_lo[l] / g.dzc[nz] : 0.0f;
      deposited[l] += double(vd[l]) * xs[l] * dt;
      top_outflow[l] += double(g_top) * (double(xs[(nz - 1) * W + l]) - p.background) * dt;
      out[g.cell(i0 + l, j, 0)] = ColumnLosses{top_outflow[l], deposited[l], decayed[l]};
    }
  }
};

// The advective flux of a column of the total T of a species' tags through
// its interior faces 1 .. nz-1 (one column per call, idx = i + nx j), the
// same limited flux ColumnPhysics gives an ordinary field: what the tags
// then share (ColumnParams::shared_flux).
struct TotalVerticalFlux {
  GridView g;
  const float* total;
  const float* w;
  float* flux;  // z faces
  float dt;
  float slope = 1.0f;  // as ColumnParams::slope
  AIRSHED_HD void operator()(std::size_t col) const {
    const int i = int(col % std::size_t(g.nx)), j = int(col / std::size_t(g.nx));
    const int nz = g.nz;
    float j_lower = 0.0f;  // the jump of level f - 1 (0 for the ground level)
    for (int f = 1; f < nz; ++f) {
      const float xb = total[g.cell(i, j, f - 1)], xa = total[g.cell(i, j, f)];
      const float j_here = f < nz - 1 ? slope * mc_jump_stretched(total[g.cell(i, j, f - 1)], xa,
                                                                  total[g.cell(i, j, f + 1)],
                                                                  g.dz[f], g.dzc[f], g.dzc[f + 1])
                                      : 0.0f;
      flux[g.zface(i, j, f)] = vertical_face_flux(w[g.zface(i, j, f)], xb, xa, j_lower, j_here,
                                                  g.dz[f - 1], g.dz[f], dt);
      j_lower = j_here;
    }
  }
};

}  // namespace airshed::kernels
