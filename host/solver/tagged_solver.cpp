#include "host/solver/tagged_solver.hpp"

#include <stdexcept>
#include <string>
#include <utility>

namespace airshed {

TransportConfig with_tags(const TransportConfig& cfg) {
  TransportConfig inner = cfg;
  inner.tags.clear();
  inner.species.clear();
  const std::size_t n = cfg.tags.size();
  std::vector<int> first;  // per outer species: its first inner field
  for (const SpeciesSpec& sp : cfg.species) {
    first.push_back(int(inner.species.size()));
    if (!sp.tagged || n == 0) {
      inner.species.push_back(sp);
      continue;
    }
    for (std::size_t k = 0; k < n; ++k) {
      SpeciesSpec t = sp;
      t.name = sp.name + "[" + cfg.tags[k] + "]";
      t.tagged = false;
      // Only the last tag ("background") sees the open-boundary inflow and
      // the open top's background; the initial field goes there too.
      if (k + 1 < n) t.background = 0;
      t.tag_fields = k == 0 ? int(n) : 0;
      inner.species.push_back(t);
    }
  }
  // The chemistry reacts each species' tags together and apportions the
  // change among them (host/solver/chemistry_process.hpp).
  ChemistryConfig& chem = inner.chemistry;
  for (std::size_t r = 0; r < chem.species.size(); ++r) {
    const int s = chem.species[r];
    if (s < 0) continue;
    chem.species[r] = first[std::size_t(s)];
    chem.tag_fields[r] = cfg.species[std::size_t(s)].tagged && n > 0 ? int(n) : 1;
  }
  return inner;
}

MassBudget sum_budgets(const std::vector<MassBudget>& budgets) {
  MassBudget sum;
  for (std::size_t k = 0; k < budgets.size(); ++k) {
    const MassBudget& b = budgets[k];
    sum.initial += b.initial;
    sum.emitted += b.emitted;
    sum.outflow += b.outflow;
    sum.deposited += b.deposited;
    sum.decayed += b.decayed;
    sum.in_domain += b.in_domain;
    if (k == 0)
      sum.processes = b.processes;
    else
      for (std::size_t p = 0; p < b.processes.size() && p < sum.processes.size(); ++p)
        sum.processes[p].added += b.processes[p].added;
  }
  return sum;
}

TaggedSolver::TaggedSolver(std::unique_ptr<TransportSolver> inner, const TransportConfig& cfg)
    : ForwardingSolver(std::move(inner)), cfg_(cfg) {
  validate(cfg_);  // the inner config no longer holds the tags it checks
  int next = 0;
  for (const SpeciesSpec& sp : cfg_.species) {
    first_.push_back(next);
    count_.push_back(sp.tagged && !cfg_.tags.empty() ? int(cfg_.tags.size()) : 1);
    next += count_.back();
  }
  if (this->inner().config().species.size() != std::size_t(next))
    throw std::logic_error("TaggedSolver: the inner solver must carry one field per tag");
  // The inner fields start at their own backgrounds: the initial field of a
  // tagged species sits in its background tag.
}

void TaggedSolver::check_species(int s) const {
  if (s < 0 || std::size_t(s) >= cfg_.species.size())
    throw std::out_of_range("species index out of range");
}

void TaggedSolver::set_emissions(const std::vector<CellEmission>& emissions) {
  std::vector<CellEmission> routed;
  routed.reserve(emissions.size());
  for (const CellEmission& e : emissions) {
    if (e.species < 0 || std::size_t(e.species) >= cfg_.species.size())
      throw std::invalid_argument("emissions: entry with bad species, cell or rate");
    const int n = count_[std::size_t(e.species)];
    if (n > 1 && (e.tag < 0 || e.tag >= n))
      throw std::invalid_argument("emissions: entry with a tag outside the config's tags");
    routed.push_back({e.cell, first_[std::size_t(e.species)] + (n > 1 ? e.tag : 0), e.rate, 0});
  }
  inner().set_emissions(routed);
}

void TaggedSolver::set_concentration(int s, const std::vector<float>& c) {
  check_species(s);
  const int n = count_[std::size_t(s)], first = first_[std::size_t(s)];
  for (int k = 0; k + 1 < n; ++k)
    inner().set_concentration(first + k, std::vector<float>(c.size()));
  inner().set_concentration(first + n - 1, c);
}

void TaggedSolver::set_background(int s, double background) {
  check_species(s);
  inner().set_background(first_[std::size_t(s)] + count_[std::size_t(s)] - 1, background);
  cfg_.species[std::size_t(s)].background = background;
}

std::vector<float> TaggedSolver::concentration(int s) const {
  check_species(s);
  const int n = count_[std::size_t(s)], first = first_[std::size_t(s)];
  if (n == 1) return inner().concentration(first);
  std::vector<double> sum;
  for (int k = 0; k < n; ++k) {
    const std::vector<float> c = inner().concentration(first + k);
    if (sum.empty()) sum.assign(c.size(), 0.0);
    for (std::size_t i = 0; i < c.size(); ++i) sum[i] += double(c[i]);
  }
  return std::vector<float>(sum.begin(), sum.end());
}

double TaggedSolver::max_deposition_velocity(int s) const {
  check_species(s);
  return inner().max_deposition_velocity(first_[std::size_t(s)]);
}

MassBudget TaggedSolver::budget(int s) const {
  check_species(s);
  if (count_[std::size_t(s)] == 1) return inner().budget(first_[std::size_t(s)]);
  return sum_budgets(tag_budgets(s));
}

std::vector<std::vector<float>> TaggedSolver::tag_concentrations(int s) const {
  check_species(s);
  const int n = count_[std::size_t(s)], first = first_[std::size_t(s)];
  std::vector<std::vector<float>> out;
  if (n == 1 && !cfg_.species[std::size_t(s)].tagged) return out;
  for (int k = 0; k < n; ++k) out.push_back(inner().concentration(first + k));
  return out;
}

std::vector<MassBudget> TaggedSolver::tag_budgets(int s) const {
  check_species(s);
  const int n = count_[std::size_t(s)], first = first_[std::size_t(s)];
  std::vector<MassBudget> out;
  if (n == 1 && !cfg_.species[std::size_t(s)].tagged) return out;
  for (int k = 0; k < n; ++k) out.push_back(inner().budget(first + k));
  return out;
}

}  // namespace airshed
