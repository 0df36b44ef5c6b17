// A test-only seam in make_solver(): a test executable installs a decorator
// before it calls the command line's entry point (airshed::cli::main_entry,
// host/cli/cli_main.hpp), and every solver make_solver() builds is passed
// through it. Fault injection (tests/cli/nan_injected_main.cpp) then runs
// the shipped code path with no source compiled twice and no function
// replaced by link order. airshed itself never installs one.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "host/solver/transport_solver.hpp"

namespace airshed {

// A decorator's base: forwards every call to the wrapped solver, so a
// decorator overrides only what it changes.
class ForwardingSolver : public TransportSolver {
 public:
  explicit ForwardingSolver(std::unique_ptr<TransportSolver> inner) : inner_(std::move(inner)) {}
  std::string backend_name() const override { return inner_->backend_name(); }
  int threads() const override { return inner_->threads(); }
  const TransportConfig& config() const override { return inner_->config(); }
  void set_met(const MetFields& m) override { inner_->set_met(m); }
  void set_emissions(const std::vector<CellEmission>& e) override { inner_->set_emissions(e); }
  void set_concentration(int s, const std::vector<float>& c) override {
    inner_->set_concentration(s, c);
  }
  std::vector<float> concentration(int s) const override { return inner_->concentration(s); }
  double stable_dt() const override { return inner_->stable_dt(); }
  void step(double dt) override { inner_->step(dt); }
  double time() const override { return inner_->time(); }
  long steps_taken() const override { return inner_->steps_taken(); }
  MassBudget budget(int s) const override { return inner_->budget(s); }
  State state() const override { return inner_->state(); }
  void restore(const State& st) override { inner_->restore(st); }

 protected:
  TransportSolver& inner() { return *inner_; }
  const TransportSolver& inner() const { return *inner_; }

 private:
  std::unique_ptr<TransportSolver> inner_;
};

// Takes the backend's solver, returns the one the caller gets (typically a
// wrapper that forwards to it).
using SolverDecorator = std::unique_ptr<TransportSolver> (*)(std::unique_ptr<TransportSolver>);

// Installs `d` for every later make_solver() call of this process; nullptr
// removes it. Not thread-safe: install before any solver is made.
void install_solver_decorator(SolverDecorator d);

}  // namespace airshed
