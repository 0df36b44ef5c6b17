// What users of the winter-haze scenario (scenarios/winter_haze.toml) will
// check, on its first 3 hours (18:00-21:00 local) through the run loop:
//   - the run closes every budget with the chemistry's terms, and PM2.5_total
//     is primary PM2.5 + SO4 + NO3 + NH4 (the derived output, to float
//     rounding of the sum, 4 2^-24 relative);
//   - halving every NH3 source lowers nitrate at the receptors downwind of
//     the yard and the plant: the inflow's nitric acid is short of ammonia
//     (NH3 background 0.3 ug/m3 against 1.5 ug/m3 HNO3), so the nitrate
//     made inside the domain is limited by the NH3 emitted and must fall,
//     by at most the whole local increment (nitrate >= the inflow's);
//   - halving the road's NOx raises O3 at the roadside (less NO to titrate
//     it: NO + O3 -> NO2 in the dark) while NO2 there falls.
// The numbers are in README.md ("Chemistry: ... (winter haze)").
#include <doctest/doctest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "host/run/run_loop.hpp"
#include "host/run/run_setup.hpp"
#include "host/scenario/load_scenario.hpp"

using namespace airshed;

namespace {

// The mean over the output times after t = 0 of every species and derived
// output at each receptor's ground cell.
class ReceptorMeans final : public RunObserver {
 public:
  explicit ReceptorMeans(const Scenario& s) : s_(s) {}
  void begin(const RunInfo& info) override {
    info_ = info;
    sums_.assign(s_.receptors.size(), std::vector<double>(info.species.size(), 0.0));
  }
  void snapshot(const Snapshot& snap) override {
    last_ = snap;
    if (snap.time_s <= 0) return;
    ++count_;
    for (std::size_t r = 0; r < s_.receptors.size(); ++r) {
      const int i = int(s_.receptors[r].x / s_.grid.dx), j = int(s_.receptors[r].y / s_.grid.dy);
      for (std::size_t n = 0; n < snap.fields.size(); ++n)
        sums_[r][n] += snap.fields[n][s_.grid.index(i, j, 0)] * info_.species[n].to_output_units;
    }
  }
  void end(const RunSummary& sum) override { summary_ = sum; }

  double mean(const std::string& receptor, const std::string& species) const {
    for (std::size_t r = 0; r < s_.receptors.size(); ++r)
      for (std::size_t n = 0; n < info_.species.size(); ++n)
        if (s_.receptors[r].name == receptor && info_.species[n].name == species)
          return sums_[r][n] / count_;
    FAIL("no receptor " << receptor << " or species " << species);
    return 0;
  }
  const RunInfo& info() const { return info_; }
  const Snapshot& last() const { return last_; }
  const RunSummary& summary() const { return summary_; }

 private:
  const Scenario& s_;
  RunInfo info_;
  std::vector<std::vector<double>> sums_;
  int count_ = 0;
  Snapshot last_{0, {}, {}};
  RunSummary summary_;
};

Scenario haze() {
  Scenario s = load_scenario("scenarios/winter_haze.toml");
  s.duration_s = 3 * 3600;
  return s;
}

void scale(Scenario& s, const std::string& source, const std::vector<std::string>& species,
           double f) {
  for (Source& src : s.sources)
    if (source.empty() || src.name == source)
      for (const std::string& name : species)
        for (std::size_t n = 0; n < s.species.size(); ++n)
          if (s.species[n].spec.name == name) src.rates[n] *= f;
}

struct Run {
  Scenario scenario;
  ReceptorMeans means;
  explicit Run(Scenario s) : scenario(std::move(s)), means(scenario) {
    const auto solver = make_solver(BackendChoice::cpu, transport_config(scenario, 1));
    std::ostringstream log;
    run_scenario(scenario, *solver, {&means}, log);
  }
};

}  // namespace

TEST_CASE("winter haze: NH3 and road NOx cuts move nitrate and ozone the way chemistry says") {
  const Run base(haze());
  Scenario nh3 = haze();
  scale(nh3, "", {"NH3"}, 0.5);
  const Run half_nh3(nh3);
  Scenario road = haze();
  scale(road, "truck-road", {"NO", "NO2"}, 0.5);
  const Run half_road(road);

  // Budgets close with production and loss; the derived PM2.5 adds up.
  for (const MassBudget& b : base.means.summary().budgets) {
    double throughput = b.initial + b.emitted + std::abs(b.outflow) + b.deposited;
    for (const BudgetTerm& t : b.processes) throughput += std::abs(t.added);
    CHECK(std::abs(b.residual()) <= 1e-5 * throughput);
  }
  const RunInfo& info = base.means.info();
  const Snapshot& last = base.means.last();
  auto field = [&](const std::string& name) -> const std::vector<float>& {
    for (std::size_t n = 0; n < info.species.size(); ++n)
      if (info.species[n].name == name) return last.fields[n];
    FAIL("no output " << name);
    return last.fields[0];
  };
  double worst = 0;
  for (std::size_t c = 0; c < base.scenario.grid.cells(); ++c) {
    const double sum =
        double(field("PM2.5")[c]) + field("SO4")[c] + field("NO3")[c] + field("NH4")[c];
    worst = std::max(worst, std::abs(field("PM2.5_total")[c] - sum) / sum);
  }
  INFO("PM2.5_total against the sum of its parts: ", worst);
  CHECK(worst <= 4 * std::ldexp(1.0, -24));

  const double inflow_no3 = 2.0;  // ug/m3, the scenario's NO3 background
  for (const char* r : {"village-west", "town"}) {
    const double b = base.means.mean(r, "NO3"), h = half_nh3.means.mean(r, "NO3");
    MESSAGE(std::string(r) << ": NO3 " << b << " -> " << h << " ug/m3 with NH3 halved ("
                           << 100 * (h / b - 1) << " %); NH4 " << base.means.mean(r, "NH4")
                           << " -> " << half_nh3.means.mean(r, "NH4") << "; PM2.5_total "
                           << base.means.mean(r, "PM2.5_total") << " -> "
                           << half_nh3.means.mean(r, "PM2.5_total"));
    CHECK(h < b);
    CHECK(h > inflow_no3 * 0.9);  // never below what flows in (less what deposits)
  }
  const double o3b = base.means.mean("roadside", "O3"),
               o3h = half_road.means.mean("roadside", "O3");
  const double no2b = base.means.mean("roadside", "NO2"),
               no2h = half_road.means.mean("roadside", "NO2");
  MESSAGE("roadside: O3 " << o3b << " -> " << o3h << " ppb, NO2 " << no2b << " -> " << no2h
                          << " ppb with the road's NOx halved");
  CHECK(o3h > o3b);
  CHECK(no2h < no2b);
}
