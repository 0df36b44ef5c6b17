// What a process added to the pipeline (process_pipeline.hpp) works on
// during its launch: the backend's fields as plain views, scratch for
// float64 per-column sums, and its own budget term. Compiled per backend,
// like backend_solver.hpp, which builds one of these for every launch.
#pragma once

#include <thrust/reduce.h>

#include <cstddef>
#include <functional>
#include <vector>

#include "host/core/budget.hpp"
#include "host/core/solver_config.hpp"
#include "kernels/backend.hpp"
#include "kernels/views.hpp"

namespace airshed::AIRSHED_BACKEND_NS {

struct ProcessContext {
  const TransportConfig* cfg;
  kernels::GridView grid;  // index cells with grid.cell(i, j, k)
  kernels::MetView met;
  float* c;                          // every species' field on the backend
  std::size_t species_stride;        // floats from one species' field to the next
  double* column_mass;               // grid.columns() doubles of backend scratch
  std::vector<MassBudget>* budgets;  // per species
  std::size_t term;                  // this process's first entry of MassBudget::processes
  bool forward;                      // an even step (process_pipeline.hpp)
  double time;                       // s, the solver's time at the start of this step
  // The met's chemistry fields (MetFields), null until a met that has them
  // was set: temperature (K), pressure (Pa), relative humidity (0..1) per
  // cell, and the radiation factor (0..1) per column.
  const float* temperature;
  const float* pressure;
  const float* relative_humidity;
  const float* radiation_factor;

  int species_count() const { return int(cfg->species.size()); }
  float* species(int s) const { return c + std::size_t(s) * species_stride; }
  // The float64 sum of column_mass (a device reduction).
  double sum_column_mass() const {
    return thrust::reduce(policy(), column_mass, column_mass + grid.columns(), 0.0);
  }
  // Adds `added` (M; a loss is negative) to this process's term of species
  // s: its first, or the `which`-th of the terms it was registered with.
  void report(int s, double added, std::size_t which = 0) const {
    (*budgets)[s].processes[term + which].added += added;
  }
};

using ProcessLaunch = std::function<void(const ProcessContext& ctx, double dt)>;

}  // namespace airshed::AIRSHED_BACKEND_NS
