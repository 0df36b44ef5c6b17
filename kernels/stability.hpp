// The largest rate (1/s) at which any cell can lose its content in one
// directional update: outflow velocity over the cell width plus the
// explicit diffusion rate. dt = courant / max over cells (a device
// reduction); with courant <= 0.5 every update stays positive
// (docs/numerics.md). Vertical diffusion is implicit and does not count.
#pragma once

#include "views.hpp"

namespace airshed::kernels {

struct CellRate {
  GridView g;
  MetView m;
  bool open_top;

  AIRSHED_HD float operator()(std::size_t idx) const {
    const int i = int(idx % std::size_t(g.nx));
    const int j = int((idx / std::size_t(g.nx)) % std::size_t(g.ny));
    const int k = int(idx / (std::size_t(g.nx) * g.ny));
    const float kc = m.kh[idx];
    const float kw = m.kh[g.cell(i > 0 ? i - 1 : i, j, k)],
                ke = m.kh[g.cell(i < g.nx - 1 ? i + 1 : i, j, k)];
    const float ks = m.kh[g.cell(i, j > 0 ? j - 1 : j, k)],
                kn = m.kh[g.cell(i, j < g.ny - 1 ? j + 1 : j, k)];
    const float rx =
        (max2(m.u[g.xface(i + 1, j, k)], 0.0f) - min2(m.u[g.xface(i, j, k)], 0.0f)) / g.dx +
        (kw + 2.0f * kc + ke) * 0.5f / (g.dx * g.dx);
    const float ry =
        (max2(m.v[g.yface(i, j + 1, k)], 0.0f) - min2(m.v[g.yface(i, j, k)], 0.0f)) / g.dy +
        (ks + 2.0f * kc + kn) * 0.5f / (g.dy * g.dy);
    const float w_top = (k < g.nz - 1 || open_top) ? m.w[g.zface(i, j, k + 1)] : 0.0f;
    const float w_bottom = k > 0 ? m.w[g.zface(i, j, k)] : 0.0f;
    const float rz = (max2(w_top, 0.0f) - min2(w_bottom, 0.0f)) / g.dz[k];
    return max2(rx, max2(ry, rz));
  }
};

}  // namespace airshed::kernels
