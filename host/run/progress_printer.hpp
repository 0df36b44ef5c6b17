// Progress on a text stream: one line per output time with the simulated
// clock, steps, the current stable step and each species' mass budget.
// The run loop feeds it the solver state (observers never touch the solver).
#pragma once

#include <chrono>
#include <ostream>
#include <vector>

#include "host/core/run_observer.hpp"

namespace airshed {

struct Progress {
  double time_s = 0;
  std::string local_time;  // ISO 8601 on the scenario's clock
  long steps = 0;
  double dt = 0;  // current stable step, s
  std::vector<MassBudget> budgets;
};

class ProgressPrinter final : public RunObserver {
 public:
  explicit ProgressPrinter(std::ostream& out) : out_(out) {}
  void begin(const RunInfo& info) override;
  void snapshot(const Snapshot&) override {}
  void end(const RunSummary& summary) override;
  void report(const Progress& p);

 private:
  std::ostream& out_;
  RunInfo info_;
};

}  // namespace airshed
