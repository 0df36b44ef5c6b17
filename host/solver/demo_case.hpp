// The built-in demo: a continuous point source in a uniform wind.
#pragma once

#include "host/core/forcing.hpp"

namespace airshed {

struct DemoCase {
  TransportConfig config;
  MetFields met;
  std::vector<CellEmission> emissions;
  double duration_s;
};

// 4 km x 2 km x 500 m, 3 m/s westerly, a 100 g/s stack at 50 m; SO2-like
// species with slow decay and deposition so every budget term is exercised.
DemoCase make_demo_case(int nx = 80, int ny = 40, int nz = 20, double duration_s = 1800);

}  // namespace airshed
