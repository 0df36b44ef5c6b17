// Plain views the kernels read: raw pointers plus extents, nothing owned.
// Index order: x fastest, then y, then z (then species).
#pragma once

#include <cstddef>

#include "backend.hpp"

namespace airshed::kernels {

// Boundary kinds as the kernels see them (mirrors host LateralBoundary).
enum LateralKind : int { lateral_open = 0, lateral_periodic = 1, lateral_closed = 2 };

struct GridView {
  int nx, ny, nz;
  float dx, dy;
  const float* dz;  // nz layer thicknesses (m)
  // nz + 1 distances between the centres either side of interface k;
  // [0] and [nz] are the half-thicknesses of the ground and top layers.
  const float* dzc;

  AIRSHED_HD std::size_t cells() const { return std::size_t(nx) * ny * nz; }
  AIRSHED_HD std::size_t columns() const { return std::size_t(nx) * ny; }
  AIRSHED_HD std::size_t cell(int i, int j, int k) const {
    return (std::size_t(k) * ny + j) * nx + i;
  }
  // Face-centred arrays: x faces (nx+1) * ny * nz, y faces nx * (ny+1) * nz,
  // z faces nx * ny * (nz+1).
  AIRSHED_HD std::size_t xface(int f, int j, int k) const {
    return (std::size_t(k) * ny + j) * (nx + 1) + f;
  }
  AIRSHED_HD std::size_t yface(int i, int f, int k) const {
    return (std::size_t(k) * (ny + 1) + f) * nx + i;
  }
  AIRSHED_HD std::size_t zface(int i, int j, int f) const {
    return (std::size_t(f) * ny + j) * nx + i;
  }
};

struct MetView {
  const float* u;   // x faces
  const float* v;   // y faces
  const float* w;   // z faces
  const float* kh;  // cells
  const float* kz;  // z faces
};

AIRSHED_HD inline float min2(float a, float b) { return a < b ? a : b; }
AIRSHED_HD inline float max2(float a, float b) { return a > b ? a : b; }
AIRSHED_HD inline float abs1(float a) { return a < 0 ? -a : a; }

}  // namespace airshed::kernels
