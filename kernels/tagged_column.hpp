// The column step of the tags of one species (docs/tagging.md): the
// arithmetic of ColumnPhysics (column_physics.hpp) for every tag, with what
// the tags share computed once per column instead of once per tag. All tags
// of a species see the same K_z, w, v_d, decay and dt, so the implicit
// matrix (diffusion, deposition, the top exchange's diagonal term, ACM2's
// convective rows) and its Thomas pivots are the same for all of them, and
// so are the ACM2 border column z = T^-1 u and the total's advective face
// fluxes with their upwind totals (ColumnParams::shared_flux /
// shared_total). Only the right-hand side differs: per tag the advection
// (the total's flux times the tag's upwind fraction), the decay, the top
// exchange with the tag's background, the forward recursion of d and the
// back substitution (a multi-right-hand-side Thomas solve, Press et al.,
// "Numerical Recipes", 3rd ed., sect. 2.4). Each tag gets exactly the
// float operations, in the same order, that ColumnPhysics gave it, so one
// tag holding everything is still the untagged run bit for bit.
//
// One call advances a block of W adjacent columns (as ColumnPhysics) for
// the tags of one chunk: thread idx = chunk * blocks() + block, chunk c
// holding tags c * tags_per_thread .. (the CPU takes every tag in one
// chunk; the GPU a few, to keep enough threads in flight).
#pragma once

#include "column_physics.hpp"

namespace airshed::kernels {

template <int W>
struct TaggedColumnPhysics {
  GridView g;
  float* c;  // the species' first tag; tag t at c + t g.cells()
  const float* w;
  const float* kz;
  ColumnParams p;            // shared_flux and shared_total set; p.background unused
  const float* backgrounds;  // per tag
  int tags;
  int tags_per_thread;

  AIRSHED_HD int blocks_per_row() const { return (g.nx + W - 1) / W; }
  AIRSHED_HD std::size_t blocks() const { return std::size_t(blocks_per_row()) * g.ny; }
  AIRSHED_HD int chunks() const { return (tags + tags_per_thread - 1) / tags_per_thread; }
  AIRSHED_HD std::size_t threads() const { return blocks() * std::size_t(chunks()); }

  // The losses of tag t's column col go to out[t * columns + col].
  AIRSHED_HD void operator()(std::size_t idx, ColumnLosses* out, std::size_t columns) const {
    const std::size_t nb = blocks();
    const std::size_t blk = idx % nb;
    const int t0 = int(idx / nb) * tags_per_thread;
    const int t1 = t0 + tags_per_thread < tags ? t0 + tags_per_thread : tags;
    const int bpr = blocks_per_row();
    const int j = int(blk / std::size_t(bpr)), i0 = int(blk % std::size_t(bpr)) * W;
    const int lanes = g.nx - i0 < W ? g.nx - i0 : W;
    const int last = lanes - 1;
    const int nz = g.nz;
    const float dt = p.dt;

    // Shared by the tags, per level k (lane-fastest): the lower diagonal,
    // the modified upper diagonal, the pivot (b_0 on level 0, else
    // 1 / (b_k - a_k c'_{k-1})), ACM2's border column, and the total's
    // flux through face k + 1 with its upwind total and side.
    float lower[max_levels * W], cp[max_levels * W], pivot[max_levels * W];
    float zp[max_levels * W];
    float face_flux[max_levels * W], face_total[max_levels * W];
    bool from_below[max_levels * W];
    float w_top[W], g_top[W], vd[W];

    float kz_lo[W], kz_hi[W], ground0[W];
    load_lanes<W>(kz_lo, kz + g.zface(i0, j, 0), last);
    load_lanes<W>(vd, p.vd + g.cell(i0, j, 0), last);
    AIRSHED_SIMD
    for (int l = 0; l < W; ++l) {
      ground0[l] = dt * vd[l] / g.dz[0];
      w_top[l] = g_top[l] = 0.0f;  // set on the top level
    }
    const bool acm2 = p.convective_fraction != nullptr;
    ConvectiveLayer layer[W];
    if (acm2 && nz > 1) {
      float h[W], fc[W], k1[W];
      load_lanes<W>(h, p.mixing_height + g.cell(i0, j, 0), last);
      load_lanes<W>(fc, p.convective_fraction + g.cell(i0, j, 0), last);
      load_lanes<W>(k1, kz + g.zface(i0, j, 1), last);
      for (int l = 0; l < W; ++l) layer[l] = convective_layer(h[l], fc[l], k1[l], nz, g.dz, g.dzc);
    }
    float z_lo = 0.0f;
    for (int k = 0; k < nz; ++k) {
      if (k + 1 < nz) {
        const int f = k + 1;
        float wf[W], af[W], t_below[W], t_above[W];
        load_lanes<W>(wf, w + g.zface(i0, j, f), last);
        load_lanes<W>(af, p.shared_flux + g.zface(i0, j, f), last);
        load_lanes<W>(t_below, p.shared_total + g.cell(i0, j, f - 1), last);
        load_lanes<W>(t_above, p.shared_total + g.cell(i0, j, f), last);
        AIRSHED_SIMD
        for (int l = 0; l < W; ++l) {
          const bool below = wf[l] >= 0;
          from_below[k * W + l] = below;
          face_total[k * W + l] = below ? t_below[l] : t_above[l];
          face_flux[k * W + l] = af[l];
        }
      } else {
        load_lanes<W>(w_top, w + g.zface(i0, j, nz), last);
      }
      const float r = dt / g.dz[k];
      const float dzk = g.dz[k];
      const bool has_lower = k > 0, has_upper = k < nz - 1;
      const float dzc_lo = g.dzc[k], dzc_hi = g.dzc[k + 1];
      const float dzc_top = g.dzc[nz], dz_top = g.dz[nz - 1];
      load_lanes<W>(kz_hi, kz + g.zface(i0, j, k + 1), last);
      const float z_hi = z_lo + dzk;
      if (acm2) {
        for (int l = 0; l < W; ++l)
          if (z_hi < layer[l].top) kz_hi[l] *= layer[l].local;
      }
      float a[W], b[W], cc[W], u[W];
      AIRSHED_SIMD
      for (int l = 0; l < W; ++l) {
        const float ground = has_lower ? 0.0f : ground0[l];
        const DiffusionRow row =
            diffusion_row(r, kz_lo[l], kz_hi[l], dzc_lo, dzc_hi, has_lower, has_upper, ground);
        a[l] = row.a, b[l] = row.b, cc[l] = row.c;
        kz_lo[l] = kz_hi[l];
      }
      if (!has_upper) {
        AIRSHED_SIMD
        for (int l = 0; l < W; ++l) {
          g_top[l] = p.open_top ? kz_hi[l] / dzc_top : 0.0f;
          b[l] += top_exchange_diagonal(g_top[l], dt, dz_top);
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
      float* pk = pivot + k * W;
      AIRSHED_SIMD
      for (int l = 0; l < W; ++l) lower[k * W + l] = a[l];
      if (k == 0) {  // thomas_first
        AIRSHED_SIMD
        for (int l = 0; l < W; ++l) {
          cpk[l] = cc[l] / b[l];
          pk[l] = b[l];
        }
      } else {  // thomas_forward's pivot and c'
        const float* cp_prev = cp + (k - 1) * W;
        AIRSHED_SIMD
        for (int l = 0; l < W; ++l) {
          const float m = 1.0f / (b[l] - a[l] * cp_prev[l]);
          cpk[l] = cc[l] * m;
          pk[l] = m;
        }
      }
    }
    if (acm2)  // z = T^-1 u, in place
      for (int k = nz - 1; k >= 0; --k)
        thomas_back<W>(cp + k * W, zp + k * W, zp + (k + 1 < nz ? k + 1 : k) * W, k == nz - 1,
                       zp + k * W);

    const double keep = 1.0 - double(p.decay_factor);
    for (int t = t0; t < t1; ++t) {
      float* ct = c + std::size_t(t) * g.cells();
      const float background = backgrounds[t];
      float x[max_levels * W];   // the column as loaded, then the solution
      float dp[max_levels * W];  // the modified right-hand side
      for (int k = 0; k < nz; ++k) load_lanes<W>(x + k * W, ct + g.cell(i0, j, k), last);
      double top_outflow[W], deposited[W], decayed[W];
      float f_lower[W];
      AIRSHED_SIMD
      for (int l = 0; l < W; ++l) {
        top_outflow[l] = deposited[l] = decayed[l] = 0.0;
        f_lower[l] = 0.0f;
      }
      for (int k = 0; k < nz; ++k) {
        const float* xk = x + k * W;
        float f_upper[W];
        if (k + 1 < nz) {  // the total's flux times the upwind fraction
          const float* xa = x + (k + 1) * W;
          AIRSHED_SIMD
          for (int l = 0; l < W; ++l) {
            const float tu = face_total[k * W + l];
            const float xu = from_below[k * W + l] ? xk[l] : xa[l];
            f_upper[l] = tu > 0 ? face_flux[k * W + l] * (xu / (tu > 0 ? tu : 1.0f)) : 0.0f;
          }
        } else {
          AIRSHED_SIMD
          for (int l = 0; l < W; ++l) {
            f_upper[l] = top_face_flux(w_top[l], xk[l], p.open_top, background);
            top_outflow[l] += double(f_upper[l]) * dt;
          }
        }
        const float r = dt / g.dz[k];
        const float dzk = g.dz[k];
        float d[W];
        AIRSHED_SIMD
        for (int l = 0; l < W; ++l) {
          float xa = xk[l] - r * (f_upper[l] - f_lower[l]);
          decayed[l] += double(xa) * dzk * keep;
          xa *= p.decay_factor;
          d[l] = xa;
          f_lower[l] = f_upper[l];
        }
        if (k == nz - 1) {
          const float dz_top = g.dz[nz - 1];
          AIRSHED_SIMD
          for (int l = 0; l < W; ++l) d[l] += top_exchange_rhs(g_top[l], background, dt, dz_top);
        }
        float* dpk = dp + k * W;
        const float* pk = pivot + k * W;
        if (k == 0) {  // thomas_first
          AIRSHED_SIMD
          for (int l = 0; l < W; ++l) dpk[l] = d[l] / pk[l];
        } else {  // thomas_forward
          const float* dp_prev = dp + (k - 1) * W;
          const float* ak = lower + k * W;
          AIRSHED_SIMD
          for (int l = 0; l < W; ++l) dpk[l] = (d[l] - ak[l] * dp_prev[l]) * pk[l];
        }
      }
      // Back substitution into x (as ColumnPhysics), then the ground and
      // top exchanges with the solution.
      if (acm2) {
        for (int k = nz - 1; k >= 0; --k)
          thomas_back<W>(cp + k * W, dp + k * W, x + (k + 1 < nz ? k + 1 : k) * W, k == nz - 1,
                         x + k * W);
        float x0[W];
        for (int l = 0; l < W; ++l) x0[l] = x[l] / (1.0f + zp[l]);
        for (int k = 0; k < nz; ++k) {
          float* xk = x + k * W;
          for (int l = 0; l < W; ++l) xk[l] = k == 0 ? x0[l] : xk[l] - zp[k * W + l] * x0[l];
          store_lanes<W>(ct + g.cell(i0, j, k), xk, last);
        }
      } else {
        for (int k = nz - 1; k >= 0; --k) {
          float* xk = x + k * W;
          thomas_back<W>(cp + k * W, dp + k * W, x + (k + 1 < nz ? k + 1 : k) * W, k == nz - 1, xk);
          store_lanes<W>(ct + g.cell(i0, j, k), xk, last);
        }
      }
      ColumnLosses* out_t = out + std::size_t(t) * columns;
      for (int l = 0; l < lanes; ++l) {
        deposited[l] += double(vd[l]) * x[l] * dt;
        top_outflow[l] += double(g_top[l]) * (double(x[(nz - 1) * W + l]) - background) * dt;
        out_t[g.cell(i0 + l, j, 0)] = ColumnLosses{top_outflow[l], deposited[l], decayed[l]};
      }
    }
  }
};

}  // namespace airshed::kernels
