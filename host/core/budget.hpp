// The mass budget the solver reports per species (a result, not an input).
#pragma once

#include <string>
#include <vector>

namespace airshed {

class StateWriter;
class StateReader;

// One named term of a budget. Sign convention: `added` is the mass (M) the
// process has put into the domain since the budget started, so a source is
// positive and a sink (a loss, an outflow) negative.
struct BudgetTerm {
  std::string name;
  double added = 0;
};

// Float64 mass accounting of one species since the solver was created (M):
// one term per process of the time step (host/solver/process_pipeline.hpp).
// The built-in processes' terms are the named fields (what run.json and
// the progress lines report, each positive in its own sense); every process
// added to the pipeline has its own entry in `processes`.
struct MassBudget {
  double initial = 0;
  double emitted = 0;    // "emissions": the sources
  double outflow = 0;    // "horizontal" and "columns": net mass out through the boundaries
  double deposited = 0;  // "columns": ground flux v_d * c
  double decayed = 0;    // "columns": first-order decay
  std::vector<BudgetTerm> processes;  // added processes, in pipeline order
  double in_domain = 0;               // sum of c * V now

  // Every term as mass added: "emissions" (+emitted), "outflow" (-outflow),
  // "deposition" (-deposited), "decay" (-decayed), then `processes`.
  std::vector<BudgetTerm> terms() const;
  // The named entry of terms(); throws std::out_of_range if there is none.
  double added(const std::string& name) const;

  // initial + sum of terms() - in_domain: zero up to rounding when every
  // process reports what it changed.
  double residual() const;
  // residual / max(initial + the sources, in_domain).
  double relative_residual() const;
};

// Checkpoint form of the per-species budgets (host/run/checkpoint.cpp).
void put_budgets(StateWriter& w, const std::vector<MassBudget>& budgets);
std::vector<MassBudget> get_budgets(StateReader& r);

}  // namespace airshed
