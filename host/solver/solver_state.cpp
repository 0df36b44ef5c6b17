#include "host/solver/solver_state.hpp"

#include <stdexcept>

namespace airshed {

InvalidCell invalid_cell_at(const TransportConfig& cfg, std::size_t bad, long step, double time_s) {
  const Grid& g = cfg.grid;
  const std::size_t cell = bad % g.cells();
  InvalidCell where;
  where.step = step;
  where.time_s = time_s;
  where.species = int(bad / g.cells());
  where.species_name = cfg.species[where.species].name;
  where.i = int(cell % std::size_t(g.nx));
  where.j = int(cell / std::size_t(g.nx) % std::size_t(g.ny));
  where.k = int(cell / g.columns());
  return where;
}

void check_restorable(const TransportSolver::State& st, const TransportConfig& cfg,
                      const std::vector<std::string>& process_names) {
  const std::size_t ns = cfg.species.size(), n = cfg.grid.cells();
  if (st.fields.size() != ns || st.budgets.size() != ns)
    throw std::invalid_argument("restore: the state has " + std::to_string(st.fields.size()) +
                                " species, this run " + std::to_string(ns));
  for (const auto& f : st.fields)
    if (f.size() != n) throw std::invalid_argument("restore: a field does not match the grid");
  for (const MassBudget& b : st.budgets) {
    bool same = b.processes.size() == process_names.size();
    for (std::size_t p = 0; same && p < process_names.size(); ++p)
      same = b.processes[p].name == process_names[p];
    if (!same) throw std::invalid_argument("restore: the state's processes differ from this run's");
  }
}

MassBudget empty_budget(const std::vector<std::string>& process_names) {
  MassBudget b;
  for (const std::string& name : process_names) b.processes.push_back({name, 0.0});
  return b;
}

}  // namespace airshed
