// Runs a loaded scenario from start to end on a solver:
//   every clock hour (and whenever the met record changes): set_met, set_emissions
//   every output interval: snapshot to the observers, a progress line to `log`.
#pragma once

#include <atomic>
#include <ostream>
#include <string>
#include <vector>

#include "host/run_observer.hpp"
#include "host/scenario/scenario.hpp"
#include "host/transport_solver.hpp"

namespace airshed {

struct RunControl {
  // Set (e.g. from a SIGINT handler) to stop at the next output time; the
  // summary then says interrupted = true.
  const std::atomic<bool>* stop = nullptr;
};

// The solver must have been made from transport_config(s). Observers get
// begin / snapshot (t = 0 and every output interval) / end. On an error
// after begin (the blow-up guard's NumericalFault, a failed write) they get
// failed() instead of end() and run_scenario throws RunFailed
// (run_failure.hpp) naming the last output time written.
RunSummary run_scenario(const Scenario& s, TransportSolver& solver,
                        const std::vector<RunObserver*>& observers, std::ostream& log,
                        const RunControl& control = {});

// Load, build a solver, run. Returns 0 on success; on a bad scenario prints
// the one-line ScenarioError to `err` and returns 2; on any other failure
// prints "airshed: error: ..." and returns 1.
int run_scenario_file(const std::string& path, BackendChoice backend,
                      const std::vector<RunObserver*>& extra_observers, std::ostream& log,
                      std::ostream& err);

}  // namespace airshed
