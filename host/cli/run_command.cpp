#include "run_command.hpp"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "host/input/input_error.hpp"
#include "host/output/output_dir_lock.hpp"
#include "host/run/checkpoint.hpp"
#include "host/run/checkpoint_plan.hpp"
#include "host/run/resume_check.hpp"
#include "host/run/run_case.hpp"
#include "host/scenario/clock.hpp"
#include "host/scenario/load_scenario.hpp"

namespace airshed::cli {

namespace {
std::atomic<bool> stop_requested{false};
extern "C" void request_stop(int) { stop_requested = true; }

void print_how_to_open(const std::string& dir, const std::string& name, const OutputSpec& out) {
  const std::string abs = std::filesystem::absolute(dir).lexically_normal().string();
  std::cout << "outputs in " << abs << "/\n";
  if (out.hdf5) {
    std::cout << "  ParaView:  paraview " << abs << "/" << name << ".xmf   (XDMF Reader)\n";
    std::cout << "  Python:    xarray.open_dataset('" << abs << "/" << name
              << ".h5', engine='h5netcdf')\n";
  }
  if (out.vtk) std::cout << "  VTK series: " << abs << "/" << name << ".pvd\n";
  if (out.receptors)
    std::cout << "  receptors: " << abs << "/receptors.csv, receptor_summary.csv\n";
  std::cout << "  provenance and mass budget: " << abs << "/run.json\n";
}

// --checkpoint-every wins over the scenario's [output].checkpoint_interval.
double checkpoint_interval(const RunOptions& options, const Scenario& s) {
  if (options.checkpoint_every.empty()) return s.output.checkpoint_interval_s;
  const auto d = parse_checkpoint_interval(options.checkpoint_every, s.output_interval_s);
  if (!d)
    throw std::invalid_argument("--checkpoint-every '" + options.checkpoint_every +
                                "': expected off or a whole number of output intervals (" +
                                std::to_string(s.output_interval_s) + " s)");
  return *d;
}

}  // namespace

int run_command(const RunOptions& options) {
  Scenario s;
  RunInputs inputs;
  try {
    s = load_scenario(options.scenario);
    inputs = open_run_inputs(s);  // the station file, before anything is written
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  try {
    if (!options.output_dir.empty()) s.output.directory = options.output_dir;
    // What the estimates count and where run_case() takes its interval from.
    s.output.checkpoint_interval_s = checkpoint_interval(options, s);
    // Everything a resume needs is checked before any writer opens a file:
    // a refusal leaves the directory (run.json: "interrupted") as it was.
    // The directory's lock comes first: a run still writing there holds
    // NAME.h5 open, and the check would call it damaged instead of busy.
    // (The writers take the same lock again; within a process it is shared.)
    Checkpoint resume_from;
    std::shared_ptr<const void> resume_lock;
    if (options.resume) {
      if (std::filesystem::is_directory(s.output.directory))
        resume_lock = output::lock_output_directory(s.output.directory);
      resume_from = checked_resume(checkpoint_path(s), s);
    }
    CaseOptions run;
    run.backend = options.backend;
    run.threads = options.threads;
    run.inputs = &inputs;
    run.check_resources = true;
    run.space_check = options.space_check;
    // The scenario's [output].directory must stay inside the working
    // directory even through symbolic links; --output is the user's choice.
    run.confine_to_working_directory = options.output_dir.empty();
    if (options.resume) run.resume = &resume_from;
    // Ctrl-C / SIGTERM / SIGHUP (a closed terminal or ssh session) stop the
    // run after the current Strang pair with a checkpoint; what was written
    // stays readable and run.json says where it stopped.
    std::signal(SIGINT, request_stop);
    std::signal(SIGTERM, request_stop);
    std::signal(SIGHUP, request_stop);
    run.stop = &stop_requested;
    // A bar redrawn in place on a terminal; one line per output time in a
    // log or pipe; nothing with --quiet but where the outputs are.
    run.progress = isatty(STDOUT_FILENO) ? ProgressStyle::bar : ProgressStyle::lines;
    std::ostream null_log(nullptr);
    const RunSummary summary = run_case(s, run, options.quiet ? null_log : std::cout).summary;
    if (options.quiet)
      std::cout << "outputs in "
                << std::filesystem::absolute(s.output.directory).lexically_normal().string()
                << "/\n";
    else
      print_how_to_open(s.output.directory, s.name, s.output);
    if (summary.interrupted) {
      std::cerr << "airshed: interrupted at t = " << summary.end_time_s << " s; `airshed run "
                << options.scenario << " --resume` (same --output) carries on from there\n";
      return 130;
    }
    return 0;
  } catch (const std::bad_alloc&) {
    // Past the up-front memory check (memory taken by others meanwhile).
    std::cerr << "airshed: error: scenario '" << s.name
              << "': out of memory (std::bad_alloc); see docs/performance.md for what a grid "
                 "needs\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "airshed: error: " << printable_line(e.what()) << "\n";
    return 1;
  }
}

}  // namespace airshed::cli
