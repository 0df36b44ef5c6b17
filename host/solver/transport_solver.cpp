#include "host/solver/transport_solver.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "host/solver/cpu_threads.hpp"
#include "host/solver/mixing_ratio_solver.hpp"
#include "host/solver/solver_decorator.hpp"
#include "host/solver/tagged_solver.hpp"

namespace airshed {

std::unique_ptr<TransportSolver> make_omp_solver(const TransportConfig& cfg);
std::unique_ptr<TransportSolver> make_serial_solver(const TransportConfig& cfg);
std::unique_ptr<TransportSolver> make_cuda_solver(const TransportConfig& cfg);
int cuda_device_count(std::string& why);

double TransportSolver::step_limit() const {
  const TransportConfig& cfg = config();
  double loss_rate = 0;  // 1/s, the fastest first-order loss of any species
  for (std::size_t s = 0; s < cfg.species.size(); ++s)
    loss_rate = std::max(
        loss_rate, cfg.species[s].decay_rate + max_deposition_velocity(int(s)) / cfg.grid.dz(0));
  double limit = std::min(stable_dt(), cfg.max_step_s);
  if (loss_rate > 0) limit = std::min(limit, cfg.max_loss_per_step / loss_rate);
  return limit;
}

TransportSolver::StepPlan TransportSolver::plan_steps(double duration) const {
  if (!(duration > 0)) return {};
  // The fewest equal steps within the limit that land exactly on the end
  // time, rounded up to whole pairs: n = 2 ceil(T / (2 dt_max)).
  const double pairs = std::ceil(duration / (2 * step_limit()) * (1 - 1e-12));
  const long steps = 2 * std::max(1L, long(pairs));
  return {steps, duration / double(steps)};
}

long TransportSolver::advance(const StepPlan& plan, long done, const std::function<bool()>& stop) {
  if (done < 0 || done % 2 != 0 || done > plan.steps)
    throw std::invalid_argument("advance: the steps done must be an even number within the plan");
  while (done < plan.steps) {
    if (stop && stop()) break;
    step(plan.dt);
    step(plan.dt);
    done += 2;
  }
  return done;
}

int TransportSolver::advance(double duration) {
  const StepPlan plan = plan_steps(duration);
  return int(advance(plan, 0, {}));
}

BackendChoice parse_backend(const std::string& name) {
  if (name == "auto") return BackendChoice::automatic;
  if (name == "cpu") return BackendChoice::cpu;
  if (name == "cuda") return BackendChoice::cuda;
  if (name == "serial") return BackendChoice::serial;
  throw std::invalid_argument("unknown backend '" + name + "'; allowed: auto, cpu, cuda, serial");
}

std::string describe_backend_choice(BackendChoice choice) {
  std::string why;
  const int gpus = cuda_device_count(why);
  switch (choice) {
    case BackendChoice::cpu:
      return "backend: cpu (requested)";
    case BackendChoice::serial:
      return "backend: serial reference (requested)";
    case BackendChoice::cuda:
      return gpus > 0 ? "backend: cuda (requested)"
                      : "backend: cuda requested but unusable: " + why;
    case BackendChoice::automatic:
      return gpus > 0 ? "backend: cuda (" + std::to_string(gpus) + " GPU(s) found)"
                      : "backend: cpu (no GPU: " + why + ")";
  }
  return "";
}

namespace {

SolverDecorator installed_decorator = nullptr;  // tests only (solver_decorator.hpp)

std::unique_ptr<TransportSolver> make_backend_solver(BackendChoice choice,
                                                     const TransportConfig& cfg) {
  std::string why;
  switch (choice) {
    case BackendChoice::cpu:
      return make_omp_solver(cfg);
    case BackendChoice::serial:
      return make_serial_solver(cfg);
    case BackendChoice::cuda:
      if (cuda_device_count(why) == 0) throw std::runtime_error("--backend cuda: " + why);
      return make_cuda_solver(cfg);
    case BackendChoice::automatic:
      return cuda_device_count(why) > 0 ? make_cuda_solver(cfg) : make_omp_solver(cfg);
  }
  throw std::logic_error("unreachable backend choice");
}

}  // namespace

void install_solver_decorator(SolverDecorator d) { installed_decorator = d; }

std::unique_ptr<TransportSolver> make_solver(BackendChoice choice, const TransportConfig& cfg) {
  apply_cpu_threads(cfg);  // TransportConfig::threads: the one place the count is set
  // Tags (tagged_solver.hpp) split species into per-tag fields of the
  // backend; the air, when carried, comes after all of them.
  const TransportConfig fields = cfg.tags.empty() ? cfg : with_tags(cfg);
  std::unique_ptr<TransportSolver> solver =
      fields.carry_air ? std::make_unique<MixingRatioSolver>(
                             make_backend_solver(choice, with_air(fields)), fields)
                       : make_backend_solver(choice, fields);
  if (!cfg.tags.empty()) solver = std::make_unique<TaggedSolver>(std::move(solver), cfg);
  if (installed_decorator) return installed_decorator(std::move(solver));
  return solver;
}

}  // namespace airshed
