#include "host/statistics/receptor_sampling.hpp"

#include <algorithm>

namespace airshed::statistics {
namespace {

// Lower index and weight of the upper neighbour along one axis of centres.
struct Bracket {
  int lo, hi;
  double w;
};

Bracket bracket_uniform(double x, double spacing, int n) {
  const double s = std::clamp(x / spacing - 0.5, 0.0, double(n - 1));  // in centre units
  const int lo = std::min(int(s), std::max(n - 2, 0));
  const int hi = std::min(lo + 1, n - 1);
  return {lo, hi, hi == lo ? 0.0 : s - lo};
}

Bracket bracket_levels(const Grid& g, double z) {
  const int n = g.nz;
  if (n == 1 || z <= g.z_centre(0)) return {0, 0, 0.0};
  if (z >= g.z_centre(n - 1)) return {n - 1, n - 1, 0.0};
  int lo = 0;
  while (g.z_centre(lo + 1) < z) ++lo;
  const double z0 = g.z_centre(lo), z1 = g.z_centre(lo + 1);
  return {lo, lo + 1, (z - z0) / (z1 - z0)};
}

}  // namespace

Stencil trilinear_stencil(const Grid& g, double x, double y, double z) {
  const Bracket bx = bracket_uniform(x, g.dx, g.nx), by = bracket_uniform(y, g.dy, g.ny),
                bz = bracket_levels(g, z);
  Stencil s{};
  int c = 0;
  for (int k = 0; k < 2; ++k)
    for (int j = 0; j < 2; ++j)
      for (int i = 0; i < 2; ++i, ++c) {
        s.cell[c] = g.index(i ? bx.hi : bx.lo, j ? by.hi : by.lo, k ? bz.hi : bz.lo);
        s.weight[c] = (i ? bx.w : 1 - bx.w) * (j ? by.w : 1 - by.w) * (k ? bz.w : 1 - bz.w);
      }
  return s;
}

}  // namespace airshed::statistics
