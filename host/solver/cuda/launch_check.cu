// Turns an asynchronous launch failure into an exception at the launch site.
#include <cuda_runtime.h>

#include <stdexcept>
#include <string>

#include "kernels/backend.hpp"

namespace airshed::cuda_backend {
void check_launch(const char* what) {
  const cudaError_t err = cudaGetLastError();
  if (err != cudaSuccess)
    throw std::runtime_error(std::string("CUDA launch failed in ") + what + ": " +
                             cudaGetErrorString(err));
}
}  // namespace airshed::cuda_backend
