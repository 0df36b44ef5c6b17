// How the run loop stops on an error after the observers have begun: tell
// every observer (so run.json and the HDF5 file say "failed" and why), then
// rethrow. Kept apart from run_loop.cpp so the loop itself only marks where
// the last good output time is.
#pragma once

#include <exception>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "host/core/run_observer.hpp"
#include "host/solver/transport_solver.hpp"

namespace airshed {

// Thrown in place of an error that stopped a run: the original message plus
// the last good output time.
class RunFailed : public std::runtime_error {
 public:
  RunFailed(const std::string& what, RunFailure failure)
      : std::runtime_error(what), failure_(std::move(failure)) {}
  const RunFailure& failure() const { return failure_; }

 private:
  RunFailure failure_;
};

// Call from a catch block. Notifies `observers` of the current exception,
// then throws RunFailed (a ScenarioError is rethrown unchanged, so the CLI
// keeps its exit code).
[[noreturn]] void stop_run_on_error(const std::vector<RunObserver*>& observers,
                                    const TransportSolver& solver, double last_output_s);

}  // namespace airshed
