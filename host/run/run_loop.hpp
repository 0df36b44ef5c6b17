// Runs a loaded scenario from start to end on a solver:
//   every clock hour (and whenever the met record changes): set_met, set_emissions
//   every output interval: snapshot to the observers, a progress line to `log`.
// The loop alone, on any solver (tests drive it with their own); a whole
// case with its solver, writers and checkpoints is run_case() (run_case.hpp).
#pragma once

#include <atomic>
#include <ostream>
#include <string>
#include <vector>

#include "host/core/run_observer.hpp"
#include "host/run/checkpoint.hpp"
#include "host/run/checkpoint_plan.hpp"
#include "host/run/progress_printer.hpp"
#include "host/run/run_setup.hpp"
#include "host/scenario/scenario.hpp"
#include "host/solver/transport_solver.hpp"

namespace airshed {

struct RunControl {
  // Set (e.g. from a SIGINT handler) to stop before the next Strang pair of
  // steps, part-way through an output interval, with a checkpoint; the
  // summary then says interrupted = true and end_time_s = the solver time.
  const std::atomic<bool>* stop = nullptr;
  // Checkpoints go to `checkpoint_path` (none when empty) every
  // `checkpoint_every` output intervals (never when 0), and at an early stop.
  // A run that completes removes its checkpoint: there is nothing to resume.
  std::string checkpoint_path;
  long checkpoint_every = 0;
  // Carry on from this checkpoint instead of starting at t = 0: the solver
  // state is restored, the forcing re-applied, observers get resume().
  // Throws std::runtime_error when it belongs to a different scenario.
  const Checkpoint* resume = nullptr;
  // Bytes that identify the run beyond its scenario file (a batch member's
  // batch file and name), folded into the checkpoint's scenario digest.
  std::string identity_extra;
  // How the progress is printed to the log (progress_printer.hpp).
  ProgressStyle progress = ProgressStyle::lines;
};

// The solver must have been made from transport_config(s). Observers get
// begin / snapshot (t = 0 and every output interval) / end. On an error
// after begin (the blow-up guard's NumericalFault, a failed write) they get
// failed() instead of end() and run_scenario throws RunFailed
// (run_failure.hpp) naming the last output time written.
// `inputs` come from open_run_inputs(s), called before any observer was
// made (so that bad input leaves no output behind). The overload without
// them opens them first: a bad input then throws before begin(), but only
// after the observers were made (tests).
RunSummary run_scenario(const Scenario& s, const RunInputs& inputs, TransportSolver& solver,
                        const std::vector<RunObserver*>& observers, std::ostream& log,
                        const RunControl& control = {});
RunSummary run_scenario(const Scenario& s, TransportSolver& solver,
                        const std::vector<RunObserver*>& observers, std::ostream& log,
                        const RunControl& control = {});

}  // namespace airshed
