// The device's memory bandwidth: a STREAM-triad kernel a = b + s c over
// three arrays of doubles (24 B per element), timed with CUDA events.
#include <cuda_runtime.h>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {
__global__ void triad(double* a, const double* b, const double* c, double s, std::size_t n) {
  for (std::size_t i = std::size_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n;
       i += std::size_t(gridDim.x) * blockDim.x)
    a[i] = b[i] + s * c[i];
}
__global__ void fill(double* p, double v, std::size_t n) {
  for (std::size_t i = std::size_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n;
       i += std::size_t(gridDim.x) * blockDim.x)
    p[i] = v;
}
}  // namespace

// Best rate in GB/s over `reps` timed launches after one warm-up; -1 without a GPU.
double device_triad_gbs(std::size_t n, int reps) {
  int devices = 0;
  if (cudaGetDeviceCount(&devices) != cudaSuccess || devices == 0) return -1;
  double *a = nullptr, *b = nullptr, *c = nullptr;
  if (cudaMalloc(&a, n * sizeof(double)) != cudaSuccess ||
      cudaMalloc(&b, n * sizeof(double)) != cudaSuccess ||
      cudaMalloc(&c, n * sizeof(double)) != cudaSuccess) {
    cudaFree(a), cudaFree(b), cudaFree(c);
    return -1;
  }
  const unsigned block = 256, grid = 4096;
  fill<<<grid, block>>>(b, 1.0, n);
  fill<<<grid, block>>>(c, 2.0, n);
  cudaEvent_t t0, t1;
  cudaEventCreate(&t0);
  cudaEventCreate(&t1);
  float best_ms = 1e30f;
  for (int r = 0; r <= reps; ++r) {
    cudaEventRecord(t0);
    triad<<<grid, block>>>(a, b, c, 3.0, n);
    cudaEventRecord(t1);
    cudaEventSynchronize(t1);
    float ms = 0;
    cudaEventElapsedTime(&ms, t0, t1);
    if (r > 0) best_ms = std::min(best_ms, ms);
  }
  cudaEventDestroy(t0);
  cudaEventDestroy(t1);
  cudaFree(a), cudaFree(b), cudaFree(c);
  return 24.0 * double(n) / (best_ms * 1e-3) / 1e9;
}
