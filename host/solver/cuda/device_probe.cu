// How many usable CUDA devices this process sees (0 without a driver).
#include <cuda_runtime.h>

#include <string>

namespace airshed {
int cuda_device_count(std::string& why) {
  int n = 0;
  const cudaError_t err = cudaGetDeviceCount(&n);
  if (err != cudaSuccess) {
    why = cudaGetErrorString(err);
    cudaGetLastError();  // clear the sticky error state
    return 0;
  }
  if (n == 0) why = "no CUDA device found";
  return n;
}
bool cuda_backend_built() { return true; }
}  // namespace airshed
