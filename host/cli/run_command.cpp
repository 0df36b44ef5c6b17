#include "run_command.hpp"

#include <atomic>
#include <csignal>
#include <filesystem>
#include <cmath>
#include <iostream>
#include <stdexcept>

#include <omp.h>

#include "host/cli/output_options.hpp"
#include "host/output/field_names.hpp"
#include "host/output/output_writers.hpp"
#include "host/run/checkpoint.hpp"
#include "host/run/run_loop.hpp"
#include "host/run/run_setup.hpp"
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
  if (out.receptors) std::cout << "  receptors: " << abs << "/receptors.csv, receptor_summary.csv\n";
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
  try {
    s = load_scenario(options.scenario);
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  try {
    if (!options.output_dir.empty()) s.output.directory = options.output_dir;
    const double checkpoint_interval_s = checkpoint_interval(options, s);
    if (options.threads > 0) omp_set_num_threads(options.threads);
    std::cout << describe_backend_choice(options.backend) << "\n";
    auto solver = make_solver(options.backend, transport_config(s, options.threads));

    output::OutputOptions writer_options = output_options(s.output);
    // The scenario's [output].directory must stay inside the working
    // directory even through symbolic links; --output is the user's choice.
    writer_options.confine_to_working_directory = options.output_dir.empty();
    auto writers = output::make_output_writers(writer_options);

    // Ctrl-C / SIGTERM / SIGHUP (a closed terminal or ssh session) stop the
    // run after the current Strang pair with a checkpoint; what was written
    // stays readable and run.json says where it stopped.
    std::signal(SIGINT, request_stop);
    std::signal(SIGTERM, request_stop);
    std::signal(SIGHUP, request_stop);
    RunControl control;
    control.stop = &stop_requested;
    control.threads = omp_get_max_threads();
    control.checkpoint_path =
        s.output.directory + "/" + output::safe_name(s.name) + ".checkpoint";
    control.checkpoint_every = checkpoint_every(checkpoint_interval_s, s.output_interval_s);
    Checkpoint resume_from;
    if (options.resume) {
      resume_from = read_checkpoint(control.checkpoint_path);
      control.resume = &resume_from;
    }
    const RunSummary summary = run_scenario(s, *solver, {writers.get()}, std::cout, control);
    print_how_to_open(s.output.directory, s.name, s.output);
    if (summary.interrupted) {
      std::cerr << "airshed: interrupted at t = " << summary.end_time_s
                << " s; `airshed run " << options.scenario
                << " --resume` (same --output) carries on from there\n";
      return 130;
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "airshed: error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace airshed::cli
