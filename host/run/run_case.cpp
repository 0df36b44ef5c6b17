#include "host/run/run_case.hpp"

#include <cmath>

#include "host/output/output_writers.hpp"
#include "host/run/checkpoint_plan.hpp"
#include "host/run/resource_check.hpp"
#include "host/run/run_loop.hpp"
#include "host/run/run_setup.hpp"
#include "host/solver/cpu_threads.hpp"

namespace airshed {

namespace {

// The writers' options as the scenario's [output] table asks for them.
output::OutputOptions output_options(const OutputSpec& spec, bool confine,
                                     const RunInputs& inputs) {
  output::OutputOptions out;
  out.hdf5 = spec.hdf5;
  out.vtk = spec.vtk;
  out.receptors = spec.receptors;
  out.statistics = spec.statistics;
  out.fields = spec.fields;
  out.standard_tables = spec.standard_tables;
  out.confine_to_working_directory = confine;
  out.table_ranks = spec.table_ranks;
  out.table_top = spec.table_top;
  out.backgrounds = inputs.backgrounds;
  return out;
}

}  // namespace

std::string describe_solver_threads(const TransportSolver& solver, int requested) {
  const std::string policy = omp_wait_policy();
  std::string line = "threads: " + std::to_string(solver.threads()) + " (";
  // Only the OpenMP backend's count follows --threads; the others say theirs.
  if (solver.backend_name() != "cpu")
    line += solver.backend_name() + " backend; ";
  else if (requested > 0)
    line += "--threads " + std::to_string(requested) + "; ";
  return line + "default: " + describe_default_threads() +
         "; OMP_WAIT_POLICY=" + (policy.empty() ? "unset" : policy) + ")";
}

CaseResult run_case(const Scenario& s, const CaseOptions& o, std::ostream& log) {
  // The met provider reads and checks its hours first: bad input is one
  // FILE:LINE error before anything is allocated or written.
  const RunInputs opened = o.inputs ? RunInputs{} : open_run_inputs(s);
  const RunInputs& inputs = o.inputs ? *o.inputs : opened;
  // Refuse what cannot fit before allocating it.
  OutputVolume volume;
  double free_disk = -1;
  if (o.check_resources) {
    check_memory(s, memory_available());
    const long n_outputs = std::lround(s.duration_s / s.output_interval_s);
    volume = output_volume(s, o.resume ? n_outputs - o.resume->output_index : n_outputs + 1);
    free_disk = free_disk_bytes(s.output.directory);
    if (o.space_check) check_disk(s, volume, free_disk);
  }

  log << o.log_prefix << describe_backend_choice(o.backend) << "\n";
  // make_solver() sets the thread count from the config (apply_cpu_threads);
  // the solver reports what it runs on.
  const auto solver = make_solver(o.backend, transport_config(s, o.threads));
  log << describe_solver_threads(*solver, o.threads) << "\n";
  if (solver->threads() > hardware_threads())
    log << "note: " << solver->threads() << " threads on " << hardware_threads()
        << " hardware threads: oversubscribed, expect a slower run\n";
  if (o.check_resources)
    log << describe_output_volume(volume, free_disk, s.output.directory) << "\n";

  const auto writers =
      output::make_output_writers(output_options(s.output, o.confine_to_working_directory, inputs));
  std::vector<RunObserver*> observers{writers.get()};
  observers.insert(observers.end(), o.observers.begin(), o.observers.end());

  RunControl control;
  control.stop = o.stop;
  control.checkpoint_path = checkpoint_path(s);
  control.checkpoint_every = checkpoint_every(s.output.checkpoint_interval_s, s.output_interval_s);
  control.resume = o.resume;
  control.identity_extra = o.identity_extra;
  control.progress = o.progress;
  CaseResult result;
  result.summary = run_scenario(s, inputs, *solver, observers, log, control);
  result.backend = solver->backend_name();
  result.threads = solver->threads();
  return result;
}

}  // namespace airshed
