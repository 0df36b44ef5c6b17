// The multigrid V-cycle of the wind projection for one backend, compiled
// with wind_projector.hpp (kernels/wind_multigrid.hpp: what it does and
// why). The coarse levels come from build_wind_levels() on the host; the
// fine level is the projector's own ProjectionGrid and line factors.
#pragma once

#include <thrust/copy.h>
#include <thrust/fill.h>

#include <vector>

#include "host/solver/wind_multigrid.hpp"
#include "kernels/backend.hpp"
#include "kernels/wind_multigrid.hpp"

namespace airshed::AIRSHED_BACKEND_NS {

class WindMultigrid {
  // Damping of the line-Jacobi smoother: 4/5 is the best high-frequency
  // damping of Jacobi for the 5-point Laplacian (Trottenberg et al. 2001,
  // sect. 2.1); the line solves make the z couplings exact.
  static constexpr double omega = 0.8;

  struct Level {
    int nx, ny, nz, sx, sy;
    device_vector<double> gx, gy, gz, gx_end, gy_end, gz_top, m, cp;  // as kernels::StoredLevel
    device_vector<double> x, b, res;
  };

 public:
  WindMultigrid(const std::vector<WindLevel>& host, int kind_x, int kind_y)
      : kind_x_(kind_x), kind_y_(kind_y), levels_(host.size()) {
    for (std::size_t l = 1; l < host.size(); ++l) {
      const WindLevel& h = host[l];
      Level& d = levels_[l];
      d.nx = h.nx, d.ny = h.ny, d.nz = h.nz, d.sx = h.sx, d.sy = h.sy;
      d.gx = h.gx, d.gy = h.gy, d.gz = h.gz, d.m = h.m, d.cp = h.cp;
      d.gx_end = h.gx_end, d.gy_end = h.gy_end, d.gz_top = h.gz_top;
      for (device_vector<double>* v : {&d.x, &d.b, &d.res}) v->assign(h.gz.size(), 0.0);
    }
    const WindLevel& f = host[0];
    levels_[0].nx = f.nx, levels_[0].ny = f.ny, levels_[0].nz = f.nz;
    levels_[0].res.assign(f.gz.size(), 0.0);
  }

  // z = B r, one V-cycle from z = 0 on the fine level `fine` (its line
  // factors m, cp). B is symmetric positive definite.
  void cycle(const kernels::ProjectionGrid& fine, const double* m, const double* cp,
             const double* r, double* z) {
    visit(0, fine, m, cp, r, z);
  }

 private:
  kernels::StoredLevel stored(Level& d) const {
    return {d.nx,      d.ny,      d.nz,          kind_x_,       kind_y_,      raw(d.gx),
            raw(d.gy), raw(d.gz), raw(d.gx_end), raw(d.gy_end), raw(d.gz_top)};
  }

  // One smoothing sweep x += omega M^-1 (b - L x) on a level of any kind.
  template <class L>
  void smooth(const L& g, const double* m, const double* cp, const double* b, double* x,
              double* res, bool from_zero) {
    if (from_zero)  // x = 0: the residual is b
      thrust::copy(policy(), b, b + g.cells(), res);
    else
      launch(kernels::Residual<L, column_lanes>{g, b, x, res});
    launch(kernels::SmoothColumns<L, column_lanes>{g, m, cp, res, x, omega});
  }

  template <class F>
  static void launch(const F& f) {
    for_each_index(f.blocks(), f);
  }

  template <class L>
  void visit(std::size_t l, const L& g, const double* m, const double* cp, const double* b,
             double* x) {
    thrust::fill(policy(), x, x + g.cells(), 0.0);
    double* res = raw(levels_[l].res);
    if (l + 1 == levels_.size()) {  // one column: the line solve is exact
      thrust::copy(policy(), b, b + g.cells(), res);
      launch(kernels::SmoothColumns<L, column_lanes>{g, m, cp, res, x, 1.0});
      return;
    }
    smooth(g, m, cp, b, x, res, true);
    launch(kernels::Residual<L, column_lanes>{g, b, x, res});
    Level& c = levels_[l + 1];
    const kernels::Aggregation a{g.nx, g.ny, c.nx, c.ny, g.nz, c.sx, c.sy};
    launch(kernels::Restrict<column_lanes>{a, res, raw(c.b)});
    visit(l + 1, stored(c), raw(c.m), raw(c.cp), raw(c.b), raw(c.x));
    launch(kernels::Prolong<column_lanes>{a, raw(c.x), x});
    smooth(g, m, cp, b, x, res, false);
  }

  int kind_x_, kind_y_;
  std::vector<Level> levels_;  // [0]: only res (the fine level is the projector's)
};

}  // namespace airshed::AIRSHED_BACKEND_NS
