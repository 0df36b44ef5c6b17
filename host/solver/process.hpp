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
  std::size_t term;                  // this process's entry of MassBudget::processes
  bool forward;                      // an even step (process_pipeline.hpp)

  int species_count() const { return int(cfg->species.size()); }
  float* species(int s) const { return c + std::size_t(s) * species_stride; }
  // The float64 sum of column_mass (a device reduction).
  double sum_column_mass() const {
    return thrust::reduce(policy(), column_mass, column_mass + grid.columns(), 0.0);
  }
  // Adds `added` (M; a loss is negative) to this process's term of species s.
  void report(int s, double added) const { (*budgets)[s].processes[term].added += added; }
};

using ProcessLaunch = std::function<void(const ProcessContext& ctx, double dt)>;

}  // namespace airshed::AIRSHED_BACKEND_NS
