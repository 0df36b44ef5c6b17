// Backend agreement of the chemistry body: chemistry_step run by CUDA
// threads against the same function on the host, over random cells, met
// and steps. The body is shared source (kernels/chemistry.hpp); what may
// differ is the device's libm (exp, pow, log, sqrt within 1-2 ulp) and its
// fused multiply-adds, so the bound is rounding-sized: 1e-11 of the cell's
// largest element total. Exits 77 (ctest: skipped) without a GPU.
#include <cuda_runtime.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "kernels/chemistry.hpp"

using namespace airshed::kernels;

namespace {

struct Case {
  ChemistryCell cell;
  ChemistryEnvironment env;
  double dt;
};

__global__ void step_all(Case* cases, int n, ChemistryOptions opt) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) chemistry_step(cases[i].cell, cases[i].env, opt, cases[i].dt);
}

// A fixed linear congruential sequence in [0, 1): the same cases everywhere.
double uniform(unsigned long long& s) {
  s = s * 6364136223846793005ULL + 1442695040888963407ULL;
  return double(s >> 11) * (1.0 / 9007199254740992.0);
}

}  // namespace

int main() {
  int devices = 0;
  if (cudaGetDeviceCount(&devices) != cudaSuccess || devices == 0) {
    std::printf("skipped: no CUDA device\n");
    return 77;
  }
  const int n = 20000;
  unsigned long long seed = 16;
  std::vector<Case> cases(n);
  for (Case& c : cases) {
    double* a = &c.cell.no;
    for (int k = 0; k < 9; ++k) a[k] = 200.0 * std::pow(uniform(seed), 3.0);
    c.env = {240.0 + 75.0 * uniform(seed), 6e4 + 4.5e4 * uniform(seed), uniform(seed),
             cos_solar_zenith(1.7e9 + 3.2e7 * uniform(seed), 116.4, 39.9), uniform(seed)};
    c.dt = 3600.0 * uniform(seed);
  }
  Case* device = nullptr;
  if (cudaMalloc(&device, n * sizeof(Case)) != cudaSuccess) return 1;
  cudaMemcpy(device, cases.data(), n * sizeof(Case), cudaMemcpyHostToDevice);
  const ChemistryOptions opt;
  step_all<<<(n + 127) / 128, 128>>>(device, n, opt);
  std::vector<Case> gpu(n);
  if (cudaMemcpy(gpu.data(), device, n * sizeof(Case), cudaMemcpyDeviceToHost) != cudaSuccess) {
    std::printf("FAILED: the kernel did not run (%s)\n", cudaGetErrorString(cudaGetLastError()));
    return 1;
  }
  cudaFree(device);
  double worst = 0;
  for (int i = 0; i < n; ++i) {
    Case host = cases[i];
    chemistry_step(host.cell, host.env, opt, host.dt);
    const ChemistryCell& h = host.cell;
    const double scale = h.no + h.no2 + h.o3 + h.so2 + h.so4 + h.hno3 + h.no3 + h.nh3 + h.nh4;
    const double* a = &h.no;
    const double* b = &gpu[i].cell.no;
    for (int k = 0; k < 9; ++k) worst = std::fmax(worst, std::fabs(a[k] - b[k]) / scale);
  }
  std::printf("chemistry_step, CUDA vs host, %d cells: worst |difference| / cell total = %.3g\n", n,
              worst);
  if (!(worst <= 1e-11)) {
    std::printf("FAILED: above the 1e-11 bound\n");
    return 1;
  }
  return 0;
}
