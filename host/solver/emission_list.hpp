// The emission list as the backends upload it: duplicates of a (species,
// cell) merged so the device update needs no atomics, rates per volume in
// float as the kernel adds them. Backend-independent, compiled once.
#pragma once

#include <cstddef>
#include <vector>

#include "host/core/forcing.hpp"
#include "host/core/solver_config.hpp"

namespace airshed {

struct EmissionList {
  std::vector<std::size_t> cell;       // per entry, Grid::index
  std::vector<int> species;            // per entry
  std::vector<float> rate_per_volume;  // per entry, M m^-3 s^-1
  // Per species, M/s: exactly what the kernel adds (the float rate times V),
  // for the budget's "emissions" term.
  std::vector<double> emitted_rate;
};

// Throws std::invalid_argument for an entry with a bad species, cell or rate.
EmissionList merge_emissions(const TransportConfig& cfg,
                             const std::vector<CellEmission>& emissions);

}  // namespace airshed
