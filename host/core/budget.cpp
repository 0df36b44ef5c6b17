#include "host/core/budget.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "host/core/state_archive.hpp"

namespace airshed {

std::vector<BudgetTerm> MassBudget::terms() const {
  // 0 - x rather than -x: a term that is zero reads +0, not -0.
  std::vector<BudgetTerm> t = {{"emissions", emitted},
                               {"outflow", 0.0 - outflow},
                               {"deposition", 0.0 - deposited},
                               {"decay", 0.0 - decayed}};
  t.insert(t.end(), processes.begin(), processes.end());
  return t;
}

double MassBudget::added(const std::string& name) const {
  for (const BudgetTerm& t : terms())
    if (t.name == name) return t.added;
  throw std::out_of_range("mass budget: no term '" + name + "'");
}

// In this order (the built-in terms first, subtracted as before the added
// processes existed) the residual of a run without added processes is
// bitwise what it always was.
double MassBudget::residual() const {
  double r = initial + emitted - outflow - deposited - decayed;
  for (const BudgetTerm& t : processes) r += t.added;
  return r - in_domain;
}

double MassBudget::relative_residual() const {
  double sources = std::abs(initial) + std::abs(emitted);
  for (const BudgetTerm& t : processes) sources += std::max(t.added, 0.0);
  const double scale = std::max({sources, std::abs(in_domain), 1e-300});
  return residual() / scale;
}

void put_budgets(StateWriter& w, const std::vector<MassBudget>& budgets) {
  w.put(std::uint64_t(budgets.size()));
  for (const MassBudget& b : budgets) {
    for (double v : {b.initial, b.emitted, b.outflow, b.deposited, b.decayed, b.in_domain})
      w.put(v);
    w.put(std::uint64_t(b.processes.size()));
    for (const BudgetTerm& t : b.processes) {
      w.put(t.name);
      w.put(t.added);
    }
  }
}

std::vector<MassBudget> get_budgets(StateReader& r) {
  const auto n = r.get<std::uint64_t>();
  if (n > 100000) r.fail("implausible species count in the mass budgets");
  std::vector<MassBudget> budgets(n);
  for (MassBudget& b : budgets) {
    for (double* v : {&b.initial, &b.emitted, &b.outflow, &b.deposited, &b.decayed, &b.in_domain})
      r.get(*v);
    const auto terms = r.get<std::uint64_t>();
    if (terms > 1000) r.fail("implausible process count in a mass budget");
    b.processes.resize(terms);
    for (BudgetTerm& t : b.processes) {
      r.get(t.name);
      r.get(t.added);
    }
  }
  return budgets;
}

}  // namespace airshed
