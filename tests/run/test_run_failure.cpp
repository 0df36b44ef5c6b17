// The run loop when the blow-up guard fires mid-run (docs/robustness.md):
// observers get failed() instead of end(), with the last good output time
// and the exact step, species and cell; the caller gets one RunFailed.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <sstream>

#include "host/run/run_failure.hpp"
#include "host/run/run_loop.hpp"
#include "host/run/run_setup.hpp"
#include "host/scenario/load_scenario.hpp"
#include "tests/scenario/scenario_text.hpp"

using namespace airshed;

namespace {

// Records what the loop reports; at the snapshot at `inject_at` it puts a
// NaN into one cell through set_concentration, as a bug in a kernel would.
struct Injector final : RunObserver {
  Injector(TransportSolver& s, double t, std::size_t cell) : solver(s), inject_at(t), cell(cell) {}
  void begin(const RunInfo&) override {}
  void snapshot(const Snapshot& s) override {
    times.push_back(s.time_s);
    if (std::abs(s.time_s - inject_at) < 1e-6) {
      std::vector<float> c = s.fields[0];
      c[cell] = std::numeric_limits<float>::quiet_NaN();
      solver.set_concentration(0, c);
      steps_at_injection = solver.steps_taken();
    }
  }
  void end(const RunSummary&) override { ended = true; }
  void failed(const RunFailure& f) noexcept override { failure = f; }

  TransportSolver& solver;
  double inject_at;
  std::size_t cell;
  long steps_at_injection = -1;
  std::vector<double> times;
  bool ended = false;
  std::optional<RunFailure> failure;
};

}  // namespace

TEST_CASE("a NaN mid-run stops the run at the next step, after the last good output") {
  // Calm air: no advection, only diffusion, so the NaN spreads by the
  // stencil alone (see test_solver_blowup_guard).
  std::string text = test::replaced(test::kSmallScenario, "speed = 3.0", "speed = 0.0");
  text = test::replaced(text, "output_interval = \"1h\"", "output_interval = \"20min\"");
  const Scenario s = parse_scenario(text, "t.toml", ".");
  const auto solver = make_solver(BackendChoice::cpu, transport_config(s));
  const Grid& g = s.grid;
  Injector obs(*solver, 2400.0, g.index(4, 11, 0));
  std::ostringstream log;
  std::string message;
  try {
    run_scenario(s, *solver, {&obs}, log);
  } catch (const RunFailed& e) {
    message = e.what();
  }
  INFO(message);
  REQUIRE(obs.failure.has_value());
  CHECK_FALSE(obs.ended);
  // Outputs at 0, 20 and 40 min; the run never reached 60 min.
  REQUIRE(obs.times.size() == 3);
  CHECK(obs.failure->last_output_s == doctest::Approx(2400));
  REQUIRE(obs.failure->invalid.has_value());
  const InvalidCell& c = *obs.failure->invalid;
  CHECK(c.step == obs.steps_at_injection + 1);
  CHECK(c.species_name == "SO2");
  // The diffusive flux -K (c_i - c_{i-1}) / dx is NaN on both faces
  // of the NaN cell, so each horizontal sweep spreads it one cell either
  // way: the first invalid cell in index order is (i-1, j-1, 0).
  CHECK(c.i == 3);
  CHECK(c.j == 10);
  CHECK(c.k == 0);
  CHECK(std::isnan(c.value));
  CHECK(obs.failure->steps == c.step);
  CHECK(c.time_s > 2400.0);
  CHECK(c.time_s < 3600.0);
  CHECK(message.find("numerical blow-up at step " + std::to_string(c.step)) == 0);
  CHECK(message.find("species 'SO2' is NaN in cell i=3, j=10, k=0") != std::string::npos);
  CHECK(message.find("last output time written: t = 2400 s") != std::string::npos);
  CHECK(message.find('\n') == std::string::npos);
}
