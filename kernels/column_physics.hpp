// Everything that couples a column vertically, done by one thread per
// column in one pass over memory:
//   1. vertical advection, explicit, limited flux form (stretched levels);
//   2. first-order decay, exact factor exp(-lambda dt) (computed by the host);
//   3. vertical diffusion, backward Euler, one tridiagonal solve, with the
//      ground deposition flux v_d c and, for an open top, exchange with the
//      background above, both implicit so thin layers never limit dt.
// Returns the mass per unit area that left through the top, was deposited
// and decayed, for the float64 budget.
#pragma once

#include "limiter.hpp"
#include "tridiagonal.hpp"
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
  float vd;            // deposition velocity (m/s)
  bool open_top;
  float background;    // above the model top
};

struct ColumnPhysics {
  GridView g;
  float* c;  // one species
  const float* w;
  const float* kz;
  ColumnParams p;

  AIRSHED_HD ColumnLosses operator()(std::size_t col) const {
    const int i = int(col % std::size_t(g.nx)), j = int(col / std::size_t(g.nx));
    const int nz = g.nz;
    float x[max_levels], flux[max_levels + 1];
    for (int k = 0; k < nz; ++k) x[k] = c[g.cell(i, j, k)];
    ColumnLosses out;

    // 1. Vertical advection: F at interfaces, none through the ground.
    flux[0] = 0.0f;
    for (int f = 1; f < nz; ++f) {
      const float wf = w[g.zface(i, j, f)];
      const int up = wf >= 0 ? f - 1 : f;
      const float cm = x[up > 0 ? up - 1 : 0], cp = x[up < nz - 1 ? up + 1 : nz - 1];
      const float dist_lower = up > 0 ? g.dzc[up] : 1.0f, dist_upper = up < nz - 1 ? g.dzc[up + 1] : 1.0f;
      const float jump = (up > 0 && up < nz - 1)
                             ? mc_jump_stretched(cm, x[up], cp, g.dz[up], dist_lower, dist_upper)
                             : 0.0f;
      const float courant = abs1(wf) * p.dt / g.dz[up];
      const float sign = wf >= 0 ? 1.0f : -1.0f;
      flux[f] = wf * (x[up] + sign * 0.5f * (1.0f - courant) * jump);
    }
    const float wtop = w[g.zface(i, j, nz)];
    flux[nz] = !p.open_top ? 0.0f : (wtop > 0 ? wtop * x[nz - 1] : wtop * p.background);
    out.top_outflow += double(flux[nz]) * p.dt;
    for (int k = 0; k < nz; ++k) x[k] -= p.dt / g.dz[k] * (flux[k + 1] - flux[k]);

    // 2. Decay.
    for (int k = 0; k < nz; ++k) {
      out.decayed += double(x[k]) * g.dz[k] * (1.0 - double(p.decay_factor));
      x[k] *= p.decay_factor;
    }

    // 3. Implicit diffusion: dz_k (x_k' - x_k)/dt = G_{k+1}(x_{k+1}' - x_k') - G_k(x_k' - x_{k-1}')
    //    with G = Kz / (distance between centres); ground row loses v_d x_0'.
    float a[max_levels], b[max_levels], cc[max_levels];
    const float g_top = p.open_top ? kz[g.zface(i, j, nz)] / g.dzc[nz] : 0.0f;
    for (int k = 0; k < nz; ++k) {
      const float r = p.dt / g.dz[k];
      a[k] = k > 0 ? -r * kz[g.zface(i, j, k)] / g.dzc[k] : 0.0f;
      cc[k] = k < nz - 1 ? -r * kz[g.zface(i, j, k + 1)] / g.dzc[k + 1] : 0.0f;
      b[k] = 1.0f - a[k] - cc[k];
    }
    b[0] += p.dt * p.vd / g.dz[0];
    b[nz - 1] += p.dt * g_top / g.dz[nz - 1];
    x[nz - 1] += p.dt * g_top * p.background / g.dz[nz - 1];
    solve_tridiagonal(nz, a, b, cc, x, x);

    out.deposited += double(p.vd) * x[0] * p.dt;
    out.top_outflow += double(g_top) * (double(x[nz - 1]) - p.background) * p.dt;
    for (int k = 0; k < nz; ++k) c[g.cell(i, j, k)] = x[k];
    return out;
  }
};

}  // namespace airshed::kernels
