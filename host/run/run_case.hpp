// One case from a loaded scenario to its outputs: the solver, the writers
// its [output] table asks for, checkpoints and the log's first lines. This
// is what `airshed run` (host/cli/run_command.cpp), each batch member
// (host/batch/batch_member.cpp) and the tests run; the loop itself is
// run_scenario() (run_loop.hpp).
#pragma once

#include <atomic>
#include <ostream>
#include <string>
#include <vector>

#include "host/core/run_observer.hpp"
#include "host/run/checkpoint.hpp"
#include "host/run/progress_printer.hpp"
#include "host/run/run_setup.hpp"
#include "host/scenario/scenario.hpp"
#include "host/solver/transport_solver.hpp"

namespace airshed {

struct CaseOptions {
  BackendChoice backend = BackendChoice::automatic;
  int threads = 0;         // TransportConfig::threads (0: OpenMP's default)
  std::string log_prefix;  // before the backend line, e.g. "member NAME: "
  // Before anything is allocated: refuse a grid past the available memory,
  // estimate the outputs (a log line) and, when `space_check`, refuse them
  // past the free disk space (resource_check.hpp). `airshed run` does;
  // batch members do not.
  bool check_resources = false;
  bool space_check = true;
  // The writers' OutputOptions::confine_to_working_directory: the output
  // directory came from the scenario file, not from the user.
  bool confine_to_working_directory = false;
  std::vector<RunObserver*> observers;  // besides the writers (a test's recorder)
  // The case's inputs when the caller opened them already (open_run_inputs,
  // to refuse bad input before it made anything); else run_case opens them
  // first.
  const RunInputs* inputs = nullptr;
  // Carry on from this checkpoint, already checked against the case
  // (checked_resume() in resume_check.hpp, or a batch member's own test).
  const Checkpoint* resume = nullptr;
  std::string identity_extra;                     // RunControl::identity_extra
  const std::atomic<bool>* stop = nullptr;        // RunControl::stop
  ProgressStyle progress = ProgressStyle::lines;  // RunControl::progress
};

struct CaseResult {
  RunSummary summary;
  std::string backend;  // the solver's backend_name()
  int threads = 0;      // the solver's threads()
};

// Runs `s` with its outputs in s.output.directory and its checkpoints at
// checkpoint_path(s) every s.output.checkpoint_interval_s. Prints to `log`
// the backend line, the threads line (describe_solver_threads), a note
// when the threads oversubscribe the hardware and, with check_resources,
// the output estimate; then the run's progress. Throws what the checks,
// the solver factory or run_scenario() throw (RunFailed after a failure
// the outputs have recorded).
CaseResult run_case(const Scenario& s, const CaseOptions& options, std::ostream& log);

// The run's threads line as the solver reports its count, e.g.
// "threads: 2 (--threads 2; default: all 2 hardware threads; OMP_WAIT_POLICY=passive)"
// or "threads: 1 (serial backend; default: ...)". `requested`: the
// --threads asked for (0: none).
std::string describe_solver_threads(const TransportSolver& solver, int requested);

}  // namespace airshed
