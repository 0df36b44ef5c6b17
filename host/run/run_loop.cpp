#include "host/run/run_loop.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>

#include "host/emissions/emission_model.hpp"
#include "host/input/input_error.hpp"
#include "host/met/met_provider.hpp"
#include "host/run/progress_printer.hpp"
#include "host/run/run_failure.hpp"
#include "host/run/run_setup.hpp"
#include "host/solver/wind_projection.hpp"

namespace airshed {

namespace {

// Seconds since start of the first local clock hour strictly after t_s.
double next_clock_hour(const Scenario& s, double t_s) {
  const long long local0 = s.start.utc_epoch_s + s.start.offset_minutes * 60LL;
  const double local = double(local0) + t_s;
  return (std::floor(local / 3600.0) + 1) * 3600.0 - double(local0);
}

// The transported species' fields, then the derived outputs' (RunInfo::species);
// `tagged`: the species whose per-tag fields go along (TaggingInfo::species).
Snapshot take_snapshot(const TransportSolver& solver, std::size_t n_species,
                       const std::vector<DerivedOutput>& derived, const std::vector<int>& tagged,
                       double t) {
  Snapshot snap{t, {}, {}};
  for (std::size_t sp = 0; sp < n_species; ++sp)
    snap.fields.push_back(solver.concentration(int(sp)));
  for (std::vector<float>& f : derived_fields(derived, snap.fields))
    snap.fields.push_back(std::move(f));
  for (int sp : tagged) snap.tags.push_back(solver.tag_concentrations(sp));
  return snap;
}

}  // namespace

namespace {

// Steps of `plan` a restored solver has already taken in the segment that
// starts at t_segment: its time must lie on the plan's pair boundaries.
long steps_done_in(const TransportSolver::StepPlan& plan, double t_segment, double t_solver,
                   const std::string& checkpoint_path) {
  const double steps = (t_solver - t_segment) / plan.dt;
  const long done = std::lround(steps);
  if (done < 0 || done >= plan.steps || done % 2 != 0 || std::abs(steps - double(done)) > 0.1)
    throw std::runtime_error("cannot resume from '" + checkpoint_path + "': its solver time " +
                             std::to_string(t_solver) + " s is not on this run's step plan (" +
                             std::to_string(plan.steps) + " steps of " + std::to_string(plan.dt) +
                             " s from " + std::to_string(t_segment) +
                             " s); run without --resume to start again");
  return done;
}

}  // namespace

namespace {

// The run itself; `last_output` follows the last output time every observer
// has recorded (the last good state, docs/robustness.md).
RunSummary run_observed(const Scenario& s, const RunInputs& inputs, TransportSolver& solver,
                        const std::vector<RunObserver*>& observers, std::ostream& log,
                        const RunControl& control, double& last_output) {
  const auto wall0 = std::chrono::steady_clock::now();
  MetProvider* met = inputs.met.get();
  const EmissionModel& emissions = *inputs.emissions;
  ProgressPrinter printer(log, control.progress);
  std::vector<RunObserver*> all = observers;
  all.push_back(&printer);

  const std::size_t n_species = s.species.size();
  const std::vector<DerivedOutput> derived = derived_outputs(s);
  RunInfo info = run_info(s, solver.backend_name());
  info.threads = solver.threads();  // as the backend counts them (TransportSolver::threads)
  info.terrain = met->terrain();

  // A gridded met's first-guess wind is made mass-consistent on the
  // solver's backend before the solver sees it (Sherman 1978).
  std::unique_ptr<WindProjector> projector;
  if (met->first_guess()) {
    WindProjectionOptions o;
    o.vertical_weight = s.met.adjustment_vertical_weight;
    projector = make_wind_projector(parse_backend(solver.backend_name()), s.grid, s.boundaries, o);
  }
  // A provider that can project at its own times (WRF: once per WRF time,
  // on its read-ahead thread) takes the projection; otherwise the run
  // projects at every refresh. Either way the reports are summed here under
  // a lock, and their log lines wait for the run's own thread (force()).
  std::mutex adjusted_lock;
  WindAdjustmentSummary adjusted;
  std::string adjusted_log;
  auto adjust = [&](MetFields& f, const std::string& when) {
    const WindProjectionReport r = projector->project(f);
    std::lock_guard<std::mutex> lock(adjusted_lock);
    if (adjusted.adjustments++ == 0 || !r.converged) {
      std::ostringstream line;
      line << "wind " << when << " made mass-consistent in " << r.iterations
           << " iterations: max divergence " << r.divergence_before << " -> " << r.divergence_after
           << " of |u|/dx, residual " << r.residual
           << (r.converged ? "" : " (NOT converged: the iteration limit was reached)") << "\n";
      adjusted_log += line.str();
    }
    adjusted.max_iterations = std::max(adjusted.max_iterations, r.iterations);
    adjusted.max_divergence_before = std::max(adjusted.max_divergence_before, r.divergence_before);
    adjusted.max_divergence_after = std::max(adjusted.max_divergence_after, r.divergence_after);
    adjusted.max_residual = std::max(adjusted.max_residual, r.residual);
    adjusted.not_converged += r.converged ? 0 : 1;
  };
  auto flush_adjusted_log = [&] {
    std::lock_guard<std::mutex> lock(adjusted_lock);
    log << adjusted_log;
    adjusted_log.clear();
  };
  const bool project_each_refresh =
      projector && !met->project_at_source([&](MetFields& f) { adjust(f, "of a met time"); });
  // The provider outlives this run: take the projection back (waiting for
  // any read ahead) before `adjust` goes out of scope, however the run ends.
  struct GiveBack {
    MetProvider* met;
    bool given;
    ~GiveBack() {
      if (!given) return;
      try {
        met->project_at_source({});
      } catch (...) {  // a read-ahead error: the run is over, nothing to report it to
      }
    }
  } give_back{met, projector && !project_each_refresh};

  // The hour's forcing: wind and diffusivity, and the sources with that
  // hour's profile factors and plume rise.
  double forced_at = 0;
  auto force = [&](double t) {
    forced_at = t;
    MetFields f = met->fields(t);
    if (project_each_refresh) adjust(f, "at t = " + std::to_string(long(t)) + " s");
    flush_adjusted_log();
    solver.set_met(f);
    solver.set_emissions(emissions.at(t, *met));
    // The ozone background of the hour: what open boundaries let in.
    if (inputs.ozone) solver.set_background(s.chemistry.species[chem_o3], inputs.ozone->at(t));
  };
  auto report = [&](double t) {
    const Snapshot snap = take_snapshot(solver, n_species, derived, info.tagging.species, t);
    for (RunObserver* o : all) o->snapshot(snap);
    Progress p{
        t,
        format_iso8601({s.start.utc_epoch_s + (long long)std::llround(t), s.start.offset_minutes}),
        solver.steps_taken(),
        solver.step_limit(),
        {}};
    for (std::size_t sp = 0; sp < n_species; ++sp) p.budgets.push_back(solver.budget(int(sp)));
    p.courant = solver.courant_number(solver.plan_steps(s.output_interval_s).dt);
    printer.report(p);
  };

  const CheckpointIdentity identity = checkpoint_identity(s, control.identity_extra);
  auto save_checkpoint = [&](long k, double t) {
    Checkpoint c;
    c.identity = identity;
    c.backend = solver.backend_name();
    c.threads = solver.threads();
    c.output_index = k;
    c.time_s = t;
    c.forcing_time_s = forced_at;
    c.solver = solver.state();
    for (const RunObserver* o : all) {
      StateWriter w;
      o->save(w);
      c.observers.push_back(w.bytes());
    }
    write_checkpoint(control.checkpoint_path, c);
  };

  double t = 0;     // the march's position: an output time or a forcing change
  long k_done = 0;  // snapshots 0..k_done are written
  bool resumed = false;
  if (const Checkpoint* c = control.resume) {
    const std::string why = identity_mismatch(c->identity, identity);
    if (!why.empty())
      throw std::runtime_error("cannot resume from '" + control.checkpoint_path + "': " + why +
                               " since it was written; run without --resume to start again");
    if (c->observers.size() != all.size())
      throw std::runtime_error("cannot resume from '" + control.checkpoint_path +
                               "': it was written with a different set of outputs");
    if (c->backend != solver.backend_name() || c->threads != solver.threads())
      log << "note: the checkpoint was written by backend " << c->backend << " with " << c->threads
          << " thread(s); resuming on " << solver.backend_name() << " with " << solver.threads()
          << " matches an uninterrupted run to rounding, not bitwise\n";
    solver.restore(c->solver);
    force(c->forcing_time_s);
    for (std::size_t i = 0; i < all.size(); ++i) {
      StateReader r(c->observers[i], control.checkpoint_path);
      all[i]->resume(info, r);
    }
    t = c->time_s;
    k_done = c->output_index;
    last_output = k_done * s.output_interval_s;
    resumed = true;
    log << "resumed at t = " << solver.time() << " s (output " << k_done << ") from "
        << control.checkpoint_path << "\n";
  } else {
    for (RunObserver* o : all) o->begin(info);
    force(t);
    // The ozone background is the initial O3 field too (a profile's or a
    // file's first hour, where the constructor used the species' own).
    if (inputs.ozone) {
      const int o3 = s.chemistry.species[chem_o3];
      solver.set_concentration(o3, std::vector<float>(s.grid.cells(), float(inputs.ozone->at(t))));
    }
    report(t);
    last_output = t;
  }
  // A stop request (SIGTERM, SIGINT, SIGHUP) is honoured between whole
  // Strang pairs, not only at output times: the checkpoint then records the
  // march position t and the solver part-way through the segment from t.
  const auto stop_requested = [&] { return control.stop && control.stop->load(); };
  const long n_outputs = std::lround(s.duration_s / s.output_interval_s);
  bool interrupted = false;
  double stopped_at = t;  // where the run ends: t, or the solver's time part-way through a segment
  for (long k = k_done + 1; k <= n_outputs && !interrupted; ++k) {
    const double t_out = k * s.output_interval_s;
    // March to the output time, refreshing the forcing at every clock hour
    // and met-record boundary on the way. Each segment's step plan depends
    // only on its length, the config and the forcing, so a resumed segment
    // is planned exactly as the interrupted one was.
    while (t < t_out - 1e-9) {
      const double t_force = std::min(next_clock_hour(s, t), met->next_change(t));
      const double t_next = std::min(t_out, t_force);
      const TransportSolver::StepPlan plan = solver.plan_steps(t_next - t);
      long done = 0;
      if (resumed) {  // the checkpoint may lie part-way through this segment
        done = steps_done_in(plan, t, solver.time(), control.checkpoint_path);
        resumed = false;
      }
      done = solver.advance(plan, done, stop_requested);
      if (done < plan.steps) {
        interrupted = true;
        stopped_at = solver.time();
        if (!control.checkpoint_path.empty()) save_checkpoint(k - 1, t);
        break;
      }
      t = t_next;
      if (t >= t_force - 1e-9 && t < s.duration_s - 1e-9) force(t);
    }
    if (interrupted) break;
    stopped_at = t;
    report(t);
    last_output = t;
    interrupted = stop_requested() && k < n_outputs;
    const bool due = control.checkpoint_every > 0 && k % control.checkpoint_every == 0;
    if (!control.checkpoint_path.empty() && k < n_outputs && (due || interrupted))
      save_checkpoint(k, t);
  }

  RunSummary summary;
  summary.end_time_s = stopped_at;
  summary.steps = solver.steps_taken();
  summary.interrupted = interrupted;
  for (std::size_t sp = 0; sp < n_species; ++sp) summary.budgets.push_back(solver.budget(int(sp)));
  for (int sp : info.tagging.species) summary.tag_budgets.push_back(solver.tag_budgets(sp));
  {
    std::lock_guard<std::mutex> lock(adjusted_lock);
    summary.wind_adjustment = adjusted;
  }
  summary.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  for (RunObserver* o : all) o->end(summary);
  // Complete: nothing is left to resume, and a stale checkpoint would only
  // invite resuming a finished run.
  if (!interrupted && !control.checkpoint_path.empty())
    std::remove(control.checkpoint_path.c_str());
  return summary;
}

}  // namespace

RunSummary run_scenario(const Scenario& s, TransportSolver& solver,
                        const std::vector<RunObserver*>& observers, std::ostream& log,
                        const RunControl& control) {
  const RunInputs inputs = open_run_inputs(s);  // before observers see anything
  return run_scenario(s, inputs, solver, observers, log, control);
}

RunSummary run_scenario(const Scenario& s, const RunInputs& inputs, TransportSolver& solver,
                        const std::vector<RunObserver*>& observers, std::ostream& log,
                        const RunControl& control) {
  double last_output = -1;
  try {
    return run_observed(s, inputs, solver, observers, log, control, last_output);
  } catch (...) {
    // A blow-up, a failed write, a bad met record: run.json and the HDF5
    // file say why and where the last good state is, then the error goes on.
    stop_run_on_error(observers, solver, last_output);
  }
}

}  // namespace airshed
