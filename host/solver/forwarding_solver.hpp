// A solver that forwards every call to a wrapped one, so that a wrapper
// overrides only what it changes: the mixing-ratio solver
// (mixing_ratio_solver.hpp) and the test decorators (solver_decorator.hpp).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "host/solver/transport_solver.hpp"

namespace airshed {

class ForwardingSolver : public TransportSolver {
 public:
  explicit ForwardingSolver(std::unique_ptr<TransportSolver> inner) : inner_(std::move(inner)) {}
  std::string backend_name() const override { return inner_->backend_name(); }
  int threads() const override { return inner_->threads(); }
  const TransportConfig& config() const override { return inner_->config(); }
  void set_met(const MetFields& m) override { inner_->set_met(m); }
  void set_emissions(const std::vector<CellEmission>& e) override { inner_->set_emissions(e); }
  void set_background(int s, double b) override { inner_->set_background(s, b); }
  void set_concentration(int s, const std::vector<float>& c) override {
    inner_->set_concentration(s, c);
  }
  std::vector<float> concentration(int s) const override { return inner_->concentration(s); }
  double stable_dt() const override { return inner_->stable_dt(); }
  double courant_number(double dt) const override { return inner_->courant_number(dt); }
  double max_deposition_velocity(int s) const override {
    return inner_->max_deposition_velocity(s);
  }
  void step(double dt) override { inner_->step(dt); }
  double time() const override { return inner_->time(); }
  long steps_taken() const override { return inner_->steps_taken(); }
  MassBudget budget(int s) const override { return inner_->budget(s); }
  std::vector<std::vector<float>> tag_concentrations(int s) const override {
    return inner_->tag_concentrations(s);
  }
  std::vector<MassBudget> tag_budgets(int s) const override { return inner_->tag_budgets(s); }
  State state() const override { return inner_->state(); }
  void restore(const State& st) override { inner_->restore(st); }

 protected:
  TransportSolver& inner() { return *inner_; }
  const TransportSolver& inner() const { return *inner_; }

 private:
  std::unique_ptr<TransportSolver> inner_;
};

}  // namespace airshed
