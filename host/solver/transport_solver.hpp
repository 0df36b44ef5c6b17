// The transport solver as the rest of airshed sees it: fields live on the
// chosen backend, the host drives steps and reads budgets and snapshots.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "host/core/budget.hpp"
#include "host/core/forcing.hpp"
#include "host/core/numerical_fault.hpp"

namespace airshed {

enum class BackendChoice { automatic, cpu, cuda, serial };

class TransportSolver {
 public:
  virtual ~TransportSolver() = default;

  virtual std::string backend_name() const = 0;
  // The host threads this solver's loops run on, as its backend counts
  // them (its factory sets it): on cpu the OpenMP team size
  // (TransportConfig::threads, or OpenMP's default when 0); 1 on serial; 1
  // on cuda (one host thread drives the GPU, whose parallelism is not a
  // thread count). The run's threads line, run.json and checkpoints report
  // this number: a bitwise resume needs the same backend and count.
  virtual int threads() const = 0;
  virtual const TransportConfig& config() const = 0;

  // Replaces wind and diffusivity (e.g. at each met hour).
  virtual void set_met(const MetFields& met) = 0;
  // Replaces the emission list (rates in M/s per cell).
  virtual void set_emissions(const std::vector<CellEmission>& emissions) = 0;
  // Replaces one species' background (M/m^3): what open lateral inflow and
  // an open top let in from then on (SpeciesSpec::background). Forcing, not
  // state: the run loop sets it at every refresh (the ozone background of
  // a run with chemistry, host/met/ozone_background.hpp).
  virtual void set_background(int species, double background) = 0;
  // Replaces one species' concentration (x fastest) and restarts its budget.
  virtual void set_concentration(int species, const std::vector<float>& c) = 0;
  virtual std::vector<float> concentration(int species) const = 0;

  // Largest stable step (s) for the current met: a device reduction of the
  // advective and explicit-diffusive rates, times config().courant.
  virtual double stable_dt() const = 0;
  // The largest advective Courant number |u| dt / d of the current met
  // with Advection::ffsl, where it is only a diagnostic of the chosen step
  // (the run log prints it); 0 with the default scheme, whose stable_dt()
  // keeps it within config().courant.
  virtual double courant_number(double /*dt*/) const { return 0; }
  // The largest deposition velocity (m/s) of a species over the columns for
  // the current met: its constant deposition_velocity, or the largest
  // per-column resistance-model v_d (kernels/dry_deposition.hpp).
  virtual double max_deposition_velocity(int species) const = 0;
  // Advances every species by dt in (0, stable_dt()]; throws
  // std::invalid_argument for any other dt, and NumericalFault
  // (numerical_fault.hpp) when the step leaves a concentration that is NaN,
  // +-Inf or negative -- checked after every step on the device.
  virtual void step(double dt) = 0;

  // The longest step advance() takes: stable_dt() capped by accuracy,
  // config().max_step_s and config().max_loss_per_step / the largest
  // first-order loss rate (decay_rate + max_deposition_velocity / dz_ground).
  // Depends only on the config and the current met (docs/numerics.md).
  double step_limit() const;

  // How advance() splits an interval: an even number of equal steps, so that
  // it is made of whole symmetric (Strang) pairs and ends at the same point
  // of the split step whatever its length; dt = duration / steps <= step_limit().
  struct StepPlan {
    long steps = 0;
    double dt = 0;
  };
  StepPlan plan_steps(double duration) const;
  // Takes the steps of `plan` from step number `done` (even) on, asking
  // `stop` before every pair; returns how many of the plan's steps are done
  // (plan.steps unless stopped). Resuming with the same plan and that count
  // continues exactly as an uninterrupted advance would.
  long advance(const StepPlan& plan, long done, const std::function<bool()>& stop);
  // Advances to time() + duration by plan_steps(duration); returns the steps taken.
  int advance(double duration);

  virtual double time() const = 0;
  virtual long steps_taken() const = 0;
  virtual MassBudget budget(int species) const = 0;

  // Source attribution (tagged_solver.hpp, docs/tagging.md): the field of
  // `species` per tag of config().tags, x fastest, in the units of
  // concentration(); empty when the species carries no tags (the default:
  // an untagged solver). The fields add up to concentration(species).
  virtual std::vector<std::vector<float>> tag_concentrations(int /*species*/) const { return {}; }
  // The budget of each of those tags; they add up to budget(species).
  virtual std::vector<MassBudget> tag_budgets(int /*species*/) const { return {}; }

  // Everything a step depends on besides the forcing (met, emissions),
  // which the caller re-applies: restoring a saved state and the same
  // forcing continues bitwise as the original would have (same backend and
  // thread count), budgets included.
  struct State {
    double time = 0;
    long steps = 0;
    std::vector<std::vector<float>> fields;  // per species, x fastest
    std::vector<MassBudget> budgets;         // accumulated terms; in_domain unused
  };
  virtual State state() const = 0;
  // Throws std::invalid_argument when the state does not fit this solver.
  virtual void restore(const State& state) = 0;
};

// Throws std::runtime_error when `cuda` is requested and no GPU is usable.
std::unique_ptr<TransportSolver> make_solver(BackendChoice choice, const TransportConfig& cfg);

// One line saying which backend `automatic` picks here and why.
std::string describe_backend_choice(BackendChoice choice);
BackendChoice parse_backend(const std::string& name);  // throws std::invalid_argument

}  // namespace airshed
