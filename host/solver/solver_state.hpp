// The backend-independent parts of the solver's state handling, compiled
// once: where an invalid value the blow-up guard found lies, whether a
// saved state fits a solver, and a budget with the added processes' terms.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "host/core/budget.hpp"
#include "host/core/numerical_fault.hpp"
#include "host/core/solver_config.hpp"
#include "host/solver/transport_solver.hpp"

namespace airshed {

// The cell of index `bad` into every species' fields (species after
// species, x fastest), at the end of step `step` (time_s); value not set.
InvalidCell invalid_cell_at(const TransportConfig& cfg, std::size_t bad, long step, double time_s);

// Throws std::invalid_argument unless `st` has one field of the grid's
// size and one budget with exactly these added processes per species.
void check_restorable(const TransportSolver::State& st, const TransportConfig& cfg,
                      const std::vector<std::string>& process_names);

// Every term zero, with one entry per added process.
MassBudget empty_budget(const std::vector<std::string>& process_names);

}  // namespace airshed
