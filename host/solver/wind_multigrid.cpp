// The coarse levels of the wind projection's multigrid (wind_multigrid.hpp).
#include "host/solver/wind_multigrid.hpp"

#include <cstddef>

namespace airshed {

namespace {

std::size_t cell(const WindLevel& l, int i, int j, int k) {
  return (std::size_t(k) * l.ny + j) * l.nx + i;
}

// Conductances of L = -dz D(G .) on the model grid (kernels/wind_projection.hpp).
WindLevel fine_level(const Grid& g, const Boundaries& bc, double r) {
  WindLevel l;
  l.nx = g.nx, l.ny = g.ny, l.nz = g.nz;
  const std::size_t n = g.cells();
  l.gx.assign(n, 0.0), l.gy.assign(n, 0.0), l.gz.assign(n, 0.0);
  l.gx_end.assign(std::size_t(g.ny) * g.nz, 0.0);
  l.gy_end.assign(std::size_t(g.nx) * g.nz, 0.0);
  l.gz_top.assign(g.columns(), 0.0);
  const auto edge = [](LateralBoundary b) {
    return b == LateralBoundary::open ? 2.0 : b == LateralBoundary::periodic ? 1.0 : 0.0;
  };
  for (int k = 0; k < g.nz; ++k) {
    const double cx = g.dz(k) / (g.dx * g.dx), cy = g.dz(k) / (g.dy * g.dy);
    const double cz = k > 0 ? r / (g.z_centre(k) - g.z_centre(k - 1)) : 0.0;
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) {
        const std::size_t c = cell(l, i, j, k);
        l.gx[c] = i > 0 ? cx : cx * edge(bc.x);
        l.gy[c] = j > 0 ? cy : cy * edge(bc.y);
        l.gz[c] = cz;
      }
    if (bc.x == LateralBoundary::open)
      for (int j = 0; j < g.ny; ++j) l.gx_end[std::size_t(k) * g.ny + j] = 2 * cx;
    if (bc.y == LateralBoundary::open)
      for (int i = 0; i < g.nx; ++i) l.gy_end[std::size_t(k) * g.nx + i] = 2 * cy;
  }
  if (bc.top == TopBoundary::open)
    for (double& t : l.gz_top) t = r / (0.5 * g.dz(g.nz - 1));
  return l;
}

// 2 x 2 aggregation: a coarse z face sums the fine ones; a coarse x face
// sums the fine x faces it covers and halves the sum along a coarsened x
// (centres twice as far apart); likewise y.
WindLevel coarsen(const WindLevel& f) {
  WindLevel c;
  c.sx = f.nx > 1 ? 2 : 1, c.sy = f.ny > 1 ? 2 : 1;
  c.nx = (f.nx + c.sx - 1) / c.sx, c.ny = (f.ny + c.sy - 1) / c.sy, c.nz = f.nz;
  const double hx = c.sx == 2 ? 0.5 : 1.0, hy = c.sy == 2 ? 0.5 : 1.0;
  const std::size_t n = std::size_t(c.nx) * c.ny * c.nz;
  c.gx.assign(n, 0.0), c.gy.assign(n, 0.0), c.gz.assign(n, 0.0);
  c.gx_end.assign(std::size_t(c.ny) * c.nz, 0.0);
  c.gy_end.assign(std::size_t(c.nx) * c.nz, 0.0);
  c.gz_top.assign(std::size_t(c.nx) * c.ny, 0.0);
  for (int k = 0; k < f.nz; ++k)
    for (int j = 0; j < f.ny; ++j)
      for (int i = 0; i < f.nx; ++i) {
        const int ic = i / c.sx, jc = j / c.sy;
        const std::size_t fc = cell(f, i, j, k), cc = cell(c, ic, jc, k);
        if (i % c.sx == 0) c.gx[cc] += hx * f.gx[fc];  // the aggregate's lower x face
        if (j % c.sy == 0) c.gy[cc] += hy * f.gy[fc];
        c.gz[cc] += f.gz[fc];
        if (k == 0) c.gz_top[std::size_t(jc) * c.nx + ic] += f.gz_top[std::size_t(j) * f.nx + i];
      }
  for (int k = 0; k < f.nz; ++k) {
    for (int j = 0; j < f.ny; ++j)
      c.gx_end[std::size_t(k) * c.ny + j / c.sy] += hx * f.gx_end[std::size_t(k) * f.ny + j];
    for (int i = 0; i < f.nx; ++i)
      c.gy_end[std::size_t(k) * c.nx + i / c.sx] += hy * f.gy_end[std::size_t(k) * f.nx + i];
  }
  return c;
}

// The vertical-line preconditioner's factors of a stored level, as
// kernels::FactorColumns does for the fine one (a periodic line of one
// cell joins the cell to itself: no coupling).
void factor(WindLevel& l, const Boundaries& bc) {
  const std::size_t plane = std::size_t(l.nx) * l.ny;
  l.m.assign(plane * l.nz, 0.0), l.cp.assign(plane * l.nz, 0.0);
  const bool self_x = bc.x == LateralBoundary::periodic && l.nx == 1;
  const bool self_y = bc.y == LateralBoundary::periodic && l.ny == 1;
  for (int j = 0; j < l.ny; ++j)
    for (int i = 0; i < l.nx; ++i) {
      double cp_prev = 0.0;
      std::vector<double> d(l.nz);
      bool lateral = false;
      for (int k = 0; k < l.nz; ++k) {
        const std::size_t c = cell(l, i, j, k);
        const double xu = i < l.nx - 1                        ? l.gx[c + 1]
                          : bc.x == LateralBoundary::periodic ? l.gx[c - (l.nx - 1)]
                                                              : l.gx_end[std::size_t(k) * l.ny + j];
        const double yu = j < l.ny - 1 ? l.gy[c + l.nx]
                          : bc.y == LateralBoundary::periodic
                              ? l.gy[c - std::size_t(l.nx) * (l.ny - 1)]
                              : l.gy_end[std::size_t(k) * l.nx + i];
        const double lat = (self_x ? 0.0 : l.gx[c] + xu) + (self_y ? 0.0 : l.gy[c] + yu);
        lateral = lateral || lat > 0;
        const double zu = k < l.nz - 1 ? l.gz[c + plane] : l.gz_top[std::size_t(j) * l.nx + i];
        d[k] = lat + l.gz[c] + zu;
      }
      // One column with every face Neumann: singular; raised as FactorColumns does.
      const bool singular = !lateral && l.gz_top[std::size_t(j) * l.nx + i] == 0.0;
      for (int k = 0; k < l.nz; ++k) {
        const std::size_t c = cell(l, i, j, k);
        const double dk = singular ? d[k] * (1.0 + 1e-3) : d[k];
        const double inv = 1.0 / (dk + l.gz[c] * cp_prev);  // b_k - a_k c'_{k-1}, a_k = -gz
        l.m[c] = inv;
        l.cp[c] = k < l.nz - 1 ? -l.gz[c + plane] * inv : 0.0;
        cp_prev = l.cp[c];
      }
    }
}

}  // namespace

std::vector<WindLevel> build_wind_levels(const Grid& g, const Boundaries& bc,
                                         double vertical_weight) {
  std::vector<WindLevel> levels;
  levels.push_back(fine_level(g, bc, vertical_weight));
  while (levels.back().nx > 1 || levels.back().ny > 1) {
    levels.push_back(coarsen(levels.back()));
    factor(levels.back(), bc);
  }
  return levels;
}

}  // namespace airshed
