// Small device functors, reductions and the boundary-face set-up of the
// wind projection's driver (wind_projector.hpp), compiled per backend with it.
#pragma once

#include <thrust/functional.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/transform_reduce.h>

#include <cstddef>

#include "host/core/forcing.hpp"
#include "host/core/solver_config.hpp"
#include "kernels/backend.hpp"
#include "kernels/wind_projection.hpp"

namespace airshed::AIRSHED_BACKEND_NS {

namespace wp {

namespace k = airshed::kernels;

struct MaxDouble {
  AIRSHED_HD double operator()(double a, double b) const { return a > b ? a : b; }
};
struct AbsFloat {
  const float* x;
  AIRSHED_HD double operator()(std::size_t i) const { return x[i] < 0 ? -double(x[i]) : x[i]; }
};
struct Product {
  const double* a;
  const double* b;
  AIRSHED_HD double operator()(std::size_t i) const { return a[i] * b[i]; }
};
struct Element {
  const double* a;
  AIRSHED_HD double operator()(std::size_t i) const { return a[i]; }
};
struct SubtractConstant {
  double* a;
  double c;
  AIRSHED_HD void operator()(std::size_t i) const { a[i] -= c; }
};
// phi += alpha p, r -= alpha q; returns the new r^2.
struct CgUpdate {
  double alpha;
  const double* p;
  const double* q;
  double* phi;
  double* r;
  AIRSHED_HD double operator()(std::size_t i) const {
    phi[i] += alpha * p[i];
    const double ri = r[i] - alpha * q[i];
    r[i] = ri;
    return ri * ri;
  }
};
// p = z + beta p
struct NewDirection {
  double beta;
  const double* z;
  double* p;
  AIRSHED_HD void operator()(std::size_t i) const { p[i] = z[i] + beta * p[i]; }
};
// (b - q)^2: the true residual once q = L phi.
struct ResidualSquare {
  const double* b;
  const double* q;
  AIRSHED_HD double operator()(std::size_t i) const {
    const double d = b[i] - q[i];
    return d * d;
  }
};

inline int lateral_kind(LateralBoundary b) {
  return b == LateralBoundary::open       ? k::lateral_open
         : b == LateralBoundary::periodic ? k::lateral_periodic
                                          : k::lateral_closed;
}

template <class F>
double sum_over(std::size_t n, const F& f) {
  return thrust::transform_reduce(policy(), thrust::counting_iterator<std::size_t>(0),
                                  thrust::counting_iterator<std::size_t>(n), f, 0.0,
                                  thrust::plus<double>());
}
template <class F>
double max_over(std::size_t n, const F& f) {
  return thrust::transform_reduce(policy(), thrust::counting_iterator<std::size_t>(0),
                                  thrust::counting_iterator<std::size_t>(n), f, 0.0, MaxDouble{});
}

// Host side, before upload: the boundary faces as the solver reads them
// (kernels/boundary_fill.hpp): closed faces 0, periodic face 0 = face n;
// the ground face (and a closed top) 0.
inline void set_boundary_faces(const Grid& g, const Boundaries& bc, MetFields& met) {
  const std::size_t nx = g.nx, ny = g.ny, nz = g.nz;
  for (std::size_t row = 0; row < ny * nz; ++row) {
    float* u = met.u.data() + row * (nx + 1);
    if (bc.x == LateralBoundary::closed) u[0] = u[nx] = 0.0f;
    if (bc.x == LateralBoundary::periodic) u[0] = u[nx];
  }
  for (std::size_t k = 0; k < nz; ++k)
    for (std::size_t i = 0; i < nx; ++i) {
      float* v = met.v.data() + k * (ny + 1) * nx + i;
      if (bc.y == LateralBoundary::closed) v[0] = v[ny * nx] = 0.0f;
      if (bc.y == LateralBoundary::periodic) v[0] = v[ny * nx];
    }
  for (std::size_t c = 0; c < nx * ny; ++c) {
    met.w[c] = 0.0f;
    if (bc.top == TopBoundary::closed) met.w[nz * nx * ny + c] = 0.0f;
  }
}

}  // namespace wp

}  // namespace airshed::AIRSHED_BACKEND_NS
