// The run loop against a recording solver: forcing refreshed at every clock
// hour, snapshots at t = 0 and each output interval, budgets in the summary.
#include <doctest/doctest.h>

#include <sstream>

#include "host/run/run_loop.hpp"
#include "host/run/run_setup.hpp"
#include "host/scenario/load_scenario.hpp"
#include "tests/scenario/scenario_text.hpp"

using namespace airshed;

namespace {

// A solver that moves nothing: it integrates the emission rates into the
// budget and records what the loop asked for.
class RecordingSolver final : public TransportSolver {
 public:
  explicit RecordingSolver(TransportConfig cfg) : cfg_(std::move(cfg)) {}
  std::string backend_name() const override { return "recording"; }
  int threads() const override { return 1; }
  const TransportConfig& config() const override { return cfg_; }
  void set_met(const MetFields& m) override {
    validate(cfg_, m);
    met_times.push_back(time_);
  }
  void set_emissions(const std::vector<CellEmission>& e) override {
    emissions_ = e;
    emission_totals.push_back(0);
    for (const auto& c : e) emission_totals.back() += c.rate;
  }
  void set_background(int, double) override {}
  void set_concentration(int, const std::vector<float>&) override {}
  std::vector<float> concentration(int) const override {
    return std::vector<float>(cfg_.grid.cells(), 0.0f);
  }
  double stable_dt() const override { return 7.0; }
  double max_deposition_velocity(int s) const override {
    return cfg_.species[std::size_t(s)].deposition_velocity;
  }
  void step(double dt) override {
    for (const auto& c : emissions_) emitted_ += c.rate * dt;
    time_ += dt;
    ++steps_;
  }
  double time() const override { return time_; }
  long steps_taken() const override { return steps_; }
  MassBudget budget(int) const override {
    MassBudget b;
    b.emitted = emitted_;
    b.in_domain = emitted_;
    return b;
  }
  State state() const override {
    State st;
    st.time = time_;
    st.steps = steps_;
    st.budgets.push_back(budget(0));
    return st;
  }
  void restore(const State& st) override {
    time_ = st.time;
    steps_ = st.steps;
    emitted_ = st.budgets.at(0).emitted;
  }

  std::vector<double> met_times, emission_totals;

 private:
  TransportConfig cfg_;
  std::vector<CellEmission> emissions_;
  double time_ = 0, emitted_ = 0;
  long steps_ = 0;
};

struct Recorder final : RunObserver {
  void begin(const RunInfo& i) override { info = i; }
  void snapshot(const Snapshot& s) override { times.push_back(s.time_s); }
  void end(const RunSummary& s) override { summary = s; }
  RunInfo info;
  std::vector<double> times;
  RunSummary summary;
};

}  // namespace

TEST_CASE("run loop: hourly forcing, outputs, emitted mass") {
  // Start at 00:30 local so the first forcing change comes after 30 min.
  std::string text =
      airshed::test::replaced(airshed::test::kSmallScenario, "T00:00:00+08:00", "T00:30:00+08:00");
  text = airshed::test::replaced(text, "output_interval = \"1h\"", "output_interval = \"20min\"");
  text += R"(
[[profile]]
name = "p"
hour_of_day = [1, 2, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
)";
  text = airshed::test::replaced(text, "emissions = { SO2 = 10.0 }",
                                 "emissions = { SO2 = 10.0 }\nprofile = \"p\"");
  const Scenario s = parse_scenario(text, "t.toml", ".");
  RecordingSolver solver(transport_config(s));
  Recorder rec;
  std::ostringstream log;
  const RunSummary sum = run_scenario(s, solver, {&rec}, log);

  // Forcing at t = 0 (hour 0), 30 min (hour 1), 90 min (hour 2).
  REQUIRE(solver.met_times.size() == 3);
  CHECK(solver.met_times[1] == doctest::Approx(1800));
  CHECK(solver.met_times[2] == doctest::Approx(5400));
  CHECK(solver.emission_totals[0] == doctest::Approx(1e7));  // 10 g/s in ug/s
  CHECK(solver.emission_totals[1] == doctest::Approx(2e7));
  CHECK(solver.emission_totals[2] == doctest::Approx(3e7));
  // Snapshots every 20 min over 2 h: 7 of them, the first at 0.
  REQUIRE(rec.times.size() == 7);
  CHECK(rec.times.front() == 0);
  CHECK(rec.times.back() == doctest::Approx(7200));
  CHECK(rec.info.scenario_name == "t");
  CHECK(format_iso8601(rec.info.start) == "2026-01-15T00:30:00+08:00");
  // 1e7 ug/s for 30 min + 2e7 for 60 min + 3e7 for 30 min
  CHECK(sum.budgets[0].emitted == doctest::Approx(1e7 * 1800 + 2e7 * 3600 + 3e7 * 1800));
  CHECK(rec.summary.end_time_s == doctest::Approx(7200));
  CHECK(sum.steps == solver.steps_taken());
  CHECK(log.str().find("2026-01-15T02:30:00+08:00") != std::string::npos);
  CHECK(log.str().find("SO2 [ug]") != std::string::npos);
}
