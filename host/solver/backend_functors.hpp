// Small device functors and the upload helper of backend_solver.hpp,
// compiled per backend with it (kernels/backend.hpp).
#pragma once

#include <cstddef>
#include <vector>

#include "kernels/backend.hpp"
#include "kernels/column_physics.hpp"
#include "kernels/tagged_column.hpp"
#include "kernels/views.hpp"

namespace airshed::AIRSHED_BACKEND_NS {

namespace k = airshed::kernels;

struct SumLosses {
  AIRSHED_HD k::ColumnLosses operator()(const k::ColumnLosses& a, const k::ColumnLosses& b) const {
    return a + b;
  }
};

struct StoreColumnLosses {
  k::ColumnPhysics<column_lanes> physics;
  k::ColumnLosses* out;
  AIRSHED_HD void operator()(std::size_t block) const { physics(block, out); }
};

// The column pass of every tag of a species in one launch
// (kernels/tagged_column.hpp): the shared matrix once per block of
// columns and chunk of tags; tag t's losses go to out[t * columns + col].
struct StoreTaggedColumnLosses {
  k::TaggedColumnPhysics<column_lanes> physics;
  std::size_t columns;
  k::ColumnLosses* out;
  AIRSHED_HD void operator()(std::size_t idx) const { physics(idx, out, columns); }
};

struct MaxFloat {
  AIRSHED_HD float operator()(float a, float b) const { return a > b ? a : b; }
};

// c * V for the in-domain mass, float64.
struct CellMass {
  const float* c;
  k::GridView g;
  AIRSHED_HD double operator()(std::size_t idx) const {
    const int level = int(idx / (std::size_t(g.nx) * g.ny));
    return double(c[idx]) * g.dz[level];
  }
};

// Host vector to backend vector. An empty source clears the target instead
// of being copied: Thrust 1.17's trivial copy takes &*first even for an
// empty range, which binds a reference to the null data() of an empty
// std::vector (undefined behaviour, caught by -fsanitize=null). Hours
// without emissions (a release that starts later) hit this.
template <class T>
void upload(device_vector<T>& to, const std::vector<T>& from) {
  if (from.empty())
    to.clear();
  else
    to = from;
}

}  // namespace airshed::AIRSHED_BACKEND_NS
