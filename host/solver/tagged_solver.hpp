// Source attribution in one run (docs/tagging.md). A tagged species is
// carried as one field per tag of TransportConfig::tags, each a species of
// the wrapped solver with the same properties, advanced by the same
// operators in the same pass: the "background" tag holds the initial field
// and the inflow at the species' background, every other tag starts at 0
// with background 0 and receives only the emissions routed to it
// (CellEmission::tag). A species' tags are consecutive fields of the
// backend, so its fields stay one contiguous array.
//
// To the run this solver looks like the untagged one: concentration(s) is
// the sum of s's tag fields (float64, then rounded), budget(s) the sum of
// their budgets, and set_concentration(s) puts the field in the background
// tag. Its step plan is the untagged one's (same config, same deposition
// velocities), so every tag sees the same steps.
#pragma once

#include <memory>
#include <vector>

#include "host/solver/forwarding_solver.hpp"

namespace airshed {

class TaggedSolver final : public ForwardingSolver {
 public:
  // `inner` was made from with_tags(cfg); `cfg` (with tags) is what callers see.
  TaggedSolver(std::unique_ptr<TransportSolver> inner, const TransportConfig& cfg);

  const TransportConfig& config() const override { return cfg_; }
  void set_emissions(const std::vector<CellEmission>& emissions) override;
  void set_concentration(int species, const std::vector<float>& c) override;
  // The background (open-boundary inflow, e.g. the hour's ozone) goes to
  // the species' "background" tag, the others keep 0.
  void set_background(int species, double background) override;
  std::vector<float> concentration(int species) const override;
  double max_deposition_velocity(int species) const override;
  MassBudget budget(int species) const override;
  std::vector<std::vector<float>> tag_concentrations(int species) const override;
  std::vector<MassBudget> tag_budgets(int species) const override;

 private:
  void check_species(int s) const;

  TransportConfig cfg_;
  std::vector<int> first_;  // per species: its first field in the inner solver
  std::vector<int> count_;  // per species: its fields (the tag count, or 1 when untagged)
};

// The inner solver's config: every tagged species replaced by one species
// per tag ("NAME[TAG]", background only on the last tag, "background"),
// the untagged ones as they are, tags cleared.
TransportConfig with_tags(const TransportConfig& cfg);

// The sum of budgets term by term (the tags of one species).
MassBudget sum_budgets(const std::vector<MassBudget>& budgets);

}  // namespace airshed
