// The time step as an ordered list of split operators (Strang splitting).
//
// Each operator is one process of the step: a name, a launch (its kernels
// on the solver's backend) and the budget terms it reports into
// (MassBudget, host/core/budget.hpp). BackendSolver::step() walks the list
// forward on even steps and backward on odd ones, so that two steps form a
// symmetric sequence; the launch is told which, for operators whose own
// parts flip too (the horizontal pair: X then Y, or Y then X). Built in:
//   horizontal  both horizontal sweeps            term "outflow" (lateral faces)
//   columns     vertical advection, decay,        terms "outflow" (top),
//               diffusion and deposition fused    "deposition", "decay"
//   emissions   the sources                       term "emissions"
// so today's step is X, Y, Z, S | S, Z, Y, X. Processes that share one pass
// over memory stay one operator (the column kernel), and an operator loops
// over the species inside its kernels where that saves passes.
//
// How to add a process (chemistry, tag bookkeeping, a plume hand-off):
//   1. Its kernel: an AIRSHED_HD functor over plain views (kernels/), e.g.
//      c <- c exp(-k dt) per column, storing each column's removed mass.
//   2. Its launch: a function (const ProcessContext& ctx, double dt) that
//      launches the kernel with for_each_index()/for_each_cell() on
//      ctx.species(s), ctx.grid, ctx.met, and reports per species the mass
//      it put in (a loss is negative): ctx.report(s, mass). ctx.column_mass
//      and ctx.sum_column_mass() are scratch for the per-column float64 sums.
//   3. One registration, before the first step:
//        solver.add_process("second_loss", launch);
//      It runs after the built-in operators on even steps and first on odd
//      ones (... S, P | P, S ...), and every species' budget gains the term
//      MassBudget::processes "second_loss". Nothing else in the solver changes:
//      tests/solver/test_process_pipeline.cpp adds a second first-order
//      loss this way and checks the solution and the budget against the
//      built-in decay.
// A process the model always runs is registered the same way in the
// BackendSolver constructor (host/solver/backend_solver.hpp).
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace airshed {

class ProcessPipeline {
 public:
  // forward: an even step (the list walked first to last).
  using Launch = std::function<void(double dt, bool forward)>;
  struct Operator {
    std::string name;
    std::vector<std::string> terms;  // the budget terms it reports into
    Launch launch;
  };

  // Appends an operator; throws std::invalid_argument on a repeated name.
  void add(std::string name, std::vector<std::string> terms, Launch launch);
  // One split step: every operator in order (forward) or in reverse.
  void step(double dt, bool forward) const;

  const std::vector<Operator>& operators() const { return ops_; }
  // The operator names in the order an even step applies them.
  std::vector<std::string> names() const;

 private:
  std::vector<Operator> ops_;
};

}  // namespace airshed
