// The one place that knows which backend a translation unit is compiled for.
//
// Kernels are written once as AIRSHED_HD functors over plain views; this
// header turns them into CUDA launches (nvcc), OpenMP loops (the optimised
// CPU backend) or plain serial loops (AIRSHED_SERIAL). Every backend #if of
// the project lives here; host code and kernel bodies never branch on it.
#pragma once

#include <cstddef>

#if defined(__CUDACC__)
#include <thrust/device_vector.h>
#include <thrust/execution_policy.h>
#define AIRSHED_HD __host__ __device__
#define AIRSHED_BACKEND_NS cuda_backend
#define AIRSHED_BACKEND_NAME "cuda"
#define AIRSHED_SIMD
#elif defined(AIRSHED_SERIAL)
#include <thrust/system/cpp/execution_policy.h>
#include <thrust/system/cpp/vector.h>
#define AIRSHED_HD
#define AIRSHED_BACKEND_NS serial_backend
#define AIRSHED_BACKEND_NAME "serial"
#define AIRSHED_SIMD
#else
#if defined(__SSE2__)
#include <xmmintrin.h>
#endif
#include <thrust/system/omp/execution_policy.h>
#include <thrust/system/omp/vector.h>
#define AIRSHED_HD
#define AIRSHED_BACKEND_NS omp_backend
#define AIRSHED_BACKEND_NAME "cpu"
// A loop over the lanes of a column block (kernels/column_physics.hpp):
// independent iterations, vectorised.
#define AIRSHED_SIMD _Pragma("omp simd")
#endif

namespace airshed {

// Columns advanced together by one call of the column kernel
// (kernels/column_physics.hpp): one per GPU thread; on the OpenMP backend
// a run of adjacent columns along x whose levels are processed SIMD across
// the run (32 floats: two AVX-512 registers, four AVX2 ones, eight SSE2
// ones; wider runs give more independent work per level); one column on
// the plain serial backend, so the oracle in the tests checks the blocked
// code against the one-column path.
#if defined(__CUDACC__) || defined(AIRSHED_SERIAL)
constexpr int column_lanes = 1;
#else
constexpr int column_lanes = 32;
#endif

}  // namespace airshed

namespace airshed::AIRSHED_BACKEND_NS {

#if defined(__CUDACC__)
template <class T>
using device_vector = thrust::device_vector<T>;
inline auto policy() { return thrust::device; }

template <class F>
__global__ void cell_kernel(int nx, int ny, int nz, F f) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;  // x fastest: coalesced
  const int j = blockIdx.y * blockDim.y + threadIdx.y;
  const int k = blockIdx.z;
  if (i < nx && j < ny) f(i, j, k);
}

template <class F>
__global__ void index_kernel(std::size_t n, F f) {
  const std::size_t idx = std::size_t(blockIdx.x) * blockDim.x + threadIdx.x;
  if (idx < n) f(idx);
}

void check_launch(const char* what);  // defined in host/solver/cuda/launch_check.cu

// f(i, j, k) for every cell; one thread per cell, x along threadIdx.x.
template <class F>
void for_each_cell(int nx, int ny, int nz, const F& f) {
  if (nx == 0 || ny == 0 || nz == 0) return;
  const dim3 block(64, 4, 1);
  const dim3 grid((nx + 63) / 64, (ny + 3) / 4, nz);
  cell_kernel<<<grid, block>>>(nx, ny, nz, f);
  check_launch("for_each_cell");
}

// The face-flux sweeps (kernels/horizontal_sweep.hpp): one thread per
// cell computes both of its faces (f(i, j, k)); only the warps at a line's
// ends take the edge-face path.
template <class F>
void for_each_cell_faces(int nx, int ny, int nz, const F& f) {
  for_each_cell(nx, ny, nz, f);
}

// f(idx) for idx in [0, n): columns, source entries, boundary faces.
template <class F>
void for_each_index(std::size_t n, const F& f) {
  if (n == 0) return;
  const unsigned block = 128;
  index_kernel<<<unsigned((n + block - 1) / block), block>>>(n, f);
  check_launch("for_each_index");
}

#elif defined(AIRSHED_SERIAL)
template <class T>
using device_vector = thrust::cpp::vector<T>;
inline auto policy() { return thrust::cpp::par; }

template <class F>
void for_each_cell(int nx, int ny, int nz, const F& f) {
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i) f(i, j, k);
}

// The oracle: each cell computes both of its faces, as on the GPU.
template <class F>
void for_each_cell_faces(int nx, int ny, int nz, const F& f) {
  for_each_cell(nx, ny, nz, f);
}

template <class F>
void for_each_index(std::size_t n, const F& f) {
  for (std::size_t idx = 0; idx < n; ++idx) f(idx);
}

#else
template <class T>
using device_vector = thrust::omp::vector<T>;
inline auto policy() { return thrust::omp::par; }

// Subnormal floats (below 1.2e-38, far below any meaningful concentration)
// are flushed to zero on the CPU threads: x86 handles them in microcode,
// ~100x slower, and far-field tails of a plume reach them (GPUs handle
// them at full speed). MXCSR is per thread, so each parallel region sets it.
inline void flush_subnormals() {
#if defined(__SSE2__)
  _mm_setcsr(_mm_getcsr() | 0x8040);  // FTZ | DAZ
#endif
}

// Rows are shared among threads; the contiguous x loop is left to the
// compiler's vectoriser.
template <class F>
void for_each_cell(int nx, int ny, int nz, const F& f) {
#pragma omp parallel
  {
    flush_subnormals();
#pragma omp for collapse(2) schedule(static)
    for (int k = 0; k < nz; ++k)
      for (int j = 0; j < ny; ++j)
#pragma omp simd
        for (int i = 0; i < nx; ++i) f(i, j, k);
  }
}

// The face-flux sweeps (kernels/horizontal_sweep.hpp), rows as above: each
// face's flux is computed once into a row buffer, the interior faces
// (f.interior_faces) in simd loops, the few edge faces by f.face(); along
// y the upper faces of a row are the lower faces of the next one, which the
// same thread does next under the static schedule. Generic over the
// functor: f.face(i, j, k) is the flux through the lower face of cell
// (i, j, k) along the sweep (i or j may be n), f.interior_flux the same for
// an interior face, f.update(i, j, k, f_in, f_out) the cell update.
template <class F>
void for_each_cell_faces(int nx, int ny, int nz, const F& f) {
#pragma omp parallel
  {
    flush_subnormals();
    float* lower = new float[2 * (std::size_t(nx) + 1)];
    float* upper = lower + nx + 1;
    long previous = -2;  // the last row this thread did
    int lo, hi;
    f.interior_faces(lo, hi);
    const int n = F::along_rows ? nx : ny;
    const int edge_lo = lo < n + 1 ? lo : n + 1;              // faces [0, edge_lo) are edge faces
    const int edge_hi = hi + 1 > edge_lo ? hi + 1 : edge_lo;  // and [edge_hi, n]
    // One row of face fluxes along y: faces (i, jf, k) for every i.
    const auto y_faces = [&](float* out, int jf, int k) {
      if (jf >= lo && jf <= hi) {
#pragma omp simd
        for (int i = 0; i < nx; ++i) out[i] = f.interior_flux(i, jf, k);
      } else {
        for (int i = 0; i < nx; ++i) out[i] = f.face(i, jf, k);
      }
    };
#pragma omp for schedule(static)
    for (long r = 0; r < long(nz) * ny; ++r) {
      const int k = int(r / ny), j = int(r % ny);
      if (F::along_rows) {
        for (int i = 0; i < edge_lo; ++i) lower[i] = f.face(i, j, k);
#pragma omp simd
        for (int i = lo; i <= hi; ++i) lower[i] = f.interior_flux(i, j, k);
        for (int i = edge_hi; i <= nx; ++i) lower[i] = f.face(i, j, k);
#pragma omp simd
        for (int i = 0; i < nx; ++i) f.update(i, j, k, lower[i], lower[i + 1]);
      } else {
        if (previous == r - 1 && j > 0) {
          float* t = lower;
          lower = upper, upper = t;
        } else {
          y_faces(lower, j, k);
        }
        y_faces(upper, j + 1, k);
#pragma omp simd
        for (int i = 0; i < nx; ++i) f.update(i, j, k, lower[i], upper[i]);
        previous = r;
      }
    }
    delete[](lower < upper ? lower : upper);
  }
}

template <class F>
void for_each_index(std::size_t n, const F& f) {
#pragma omp parallel
  {
    flush_subnormals();
#pragma omp for schedule(static)
    for (std::ptrdiff_t idx = 0; idx < std::ptrdiff_t(n); ++idx) f(std::size_t(idx));
  }
}
#endif

template <class T>
T* raw(device_vector<T>& v) {
  return thrust::raw_pointer_cast(v.data());
}
template <class T>
const T* raw(const device_vector<T>& v) {
  return thrust::raw_pointer_cast(v.data());
}

}  // namespace airshed::AIRSHED_BACKEND_NS
