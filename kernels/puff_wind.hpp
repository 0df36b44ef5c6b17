// The wind at a puff's centre (kernels/puff.hpp) from the solver's
// Arakawa C-grid face velocities (kernels/views.hpp): u interpolated
// bilinearly between the x faces and the row centres, v between the column
// centres and the y faces, both linearly in z between layer centres. A
// point beyond the outermost faces or centres takes the nearest one (no
// extrapolation), as receptors do (docs/output-format.md).
#pragma once

#include <cstddef>

#include "backend.hpp"
#include "views.hpp"

namespace airshed::kernels {

// Position along one axis as (cell index, weight of index + 1): points at
// s = (i + offset) * d for i = 0..n-1, clamped at both ends.
AIRSHED_HD inline void puff_axis(double s, double d, double offset, int n, int& i, double& w) {
  double t = s / d - offset;
  if (t < 0) t = 0;
  if (t > n - 1) t = n - 1;
  i = int(t);
  if (i > n - 2) i = n - 2 < 0 ? 0 : n - 2;
  w = n > 1 ? t - i : 0;
}

// Layer below z's interval between layer centres and the weight of the one above.
AIRSHED_HD inline void puff_level(const GridView& g, double z, int& k, double& w) {
  double base = 0, below = 0.5 * g.dz[0];
  k = 0;
  w = 0;
  if (z <= below || g.nz == 1) return;
  for (int m = 0; m + 1 < g.nz; ++m) {
    base += g.dz[m];
    const double above = base + 0.5 * g.dz[m + 1];
    k = m;
    if (z < above) {
      w = (z - below) / (above - below);
      return;
    }
    below = above;
  }
  w = 1;  // above the top layer's centre
}

struct PuffWind {
  double u = 0, v = 0;
};

AIRSHED_HD inline PuffWind puff_wind(const GridView& g, const MetView& m, double x, double y,
                                     double z) {
  int k;
  double wk;
  puff_level(g, z, k, wk);
  const int k1 = g.nz > 1 ? k + 1 : k;
  PuffWind out;
  {  // u: x faces (offset 0, nx + 1 of them), rows at centres (offset 0.5)
    int i, j;
    double wi, wj;
    puff_axis(x, g.dx, 0, g.nx + 1, i, wi);
    puff_axis(y, g.dy, 0.5, g.ny, j, wj);
    const int i1 = g.nx > 0 ? i + 1 : i, j1 = g.ny > 1 ? j + 1 : j;
    auto at = [&](int f, int jj, int kk) { return double(m.u[g.xface(f, jj, kk)]); };
    double lv[2];
    for (int n = 0; n < 2; ++n) {
      const int kk = n ? k1 : k;
      lv[n] = (1 - wj) * ((1 - wi) * at(i, j, kk) + wi * at(i1, j, kk)) +
              wj * ((1 - wi) * at(i, j1, kk) + wi * at(i1, j1, kk));
    }
    out.u = (1 - wk) * lv[0] + wk * lv[1];
  }
  {  // v: columns at centres, y faces (ny + 1 of them)
    int i, j;
    double wi, wj;
    puff_axis(x, g.dx, 0.5, g.nx, i, wi);
    puff_axis(y, g.dy, 0, g.ny + 1, j, wj);
    const int i1 = g.nx > 1 ? i + 1 : i, j1 = j + 1;
    auto at = [&](int ii, int f, int kk) { return double(m.v[g.yface(ii, f, kk)]); };
    double lv[2];
    for (int n = 0; n < 2; ++n) {
      const int kk = n ? k1 : k;
      lv[n] = (1 - wj) * ((1 - wi) * at(i, j, kk) + wi * at(i1, j, kk)) +
              wj * ((1 - wi) * at(i, j1, kk) + wi * at(i1, j1, kk));
    }
    out.v = (1 - wk) * lv[0] + wk * lv[1];
  }
  return out;
}

}  // namespace airshed::kernels
