// Fault injection for the end-to-end blow-up test (tests/cli/blowup.sh): the
// real `airshed` command (airshed::cli::main_entry) with every solver
// wrapped, through the test-only seam of host/solver/solver_decorator.hpp,
// by a decorator that turns one cell NaN just before step kNanStep.
// Everything else is the shipped code path: run loop, guard, writers,
// run.json, exit status. A valid scenario cannot reach Inf
// (docs/robustness.md), hence the injection.
#include <cmath>
#include <limits>
#include <memory>
#include <utility>

#include "host/cli/cli_main.hpp"
#include "host/solver/solver_decorator.hpp"
#include "host/solver/transport_solver.hpp"

namespace airshed {

namespace {

constexpr long kNanStep = 200;           // the guard must name this step
constexpr int kI = 20, kJ = 30, kK = 0;  // and a cell next to this one

class NanInjectingSolver final : public ForwardingSolver {
 public:
  using ForwardingSolver::ForwardingSolver;
  void step(double dt) override {
    if (inner().steps_taken() == kNanStep - 1) {
      std::vector<float> c = inner().concentration(0);
      c[config().grid.index(kI, kJ, kK)] = std::numeric_limits<float>::quiet_NaN();
      inner().set_concentration(0, c);
    }
    inner().step(dt);
  }
};

std::unique_ptr<TransportSolver> inject_nan(std::unique_ptr<TransportSolver> solver) {
  return std::make_unique<NanInjectingSolver>(std::move(solver));
}

}  // namespace

}  // namespace airshed

int main(int argc, char** argv) {
  airshed::install_solver_decorator(airshed::inject_nan);
  return airshed::cli::main_entry(argc, argv);
}
