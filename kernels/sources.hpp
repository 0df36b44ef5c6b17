// Emissions: c += S dt / V for each (cell, species) entry of a sparse list
// (entries are unique, merged by the host, so no atomics are needed).
#pragma once

#include "views.hpp"

namespace airshed::kernels {

struct AddEmissions {
  float* c;                      // all species
  std::size_t cells;             // per species
  const std::size_t* cell;       // entry -> cell index
  const int* species;            // entry -> species
  const float* rate_per_volume;  // entry -> M m^-3 s^-1
  float dt;

  AIRSHED_HD void operator()(std::size_t e) const {
    c[std::size_t(species[e]) * cells + cell[e]] += rate_per_volume[e] * dt;
  }
};

}  // namespace airshed::kernels
