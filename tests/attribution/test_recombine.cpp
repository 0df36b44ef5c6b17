// Recombination of tagged contributions (host/attribution) on a hand-made
// contributions file: the statistics of a cut scenario, computed from the
// recombined series by the run's own code, against values worked out by
// hand from the series (the golden numbers below), and the emergency-list
// check against its percentages.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <limits>

#include "host/attribution/emergency.hpp"
#include "host/attribution/recombine.hpp"
#include "host/batch/cuts_summary.hpp"
#include "tests/attribution/synthetic_contributions.hpp"

using namespace airshed;
using namespace airshed::attribution;

namespace {

struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& tag)
      : path(std::filesystem::temp_directory_path() /
             ("airshed-cuts-" + tag + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string str() const { return path.string(); }
};

// Tags: steel (group), truck (source), other, background. Snapshots every
// 30 min for two local days from midnight (96 after t = 0).
//   receptor "village": steel a(t) = 10 on day 1 except hour 05-06, whose
//     two snapshots are 100 and 60; 20 on day 2. truck 4, other 1,
//     background 0.5.
//   receptor "school": steel 0, truck 30, other 1, background 0.5.
// Ground 2 x 3 cells: steel a(t) (i + 1) / 6 in cell i, background 0.5.
test::SyntheticContributions two_days() {
  test::SyntheticContributions c;
  c.tags = {"steel", "truck", "other", "background"};
  c.kinds = {"tag", "tag", "other", "background"};
  c.selectors = {"groups=steel", "sources=port-truck-road", "", ""};
  c.receptors = {"village", "school"};
  c.ny = 2;
  c.nx = 3;
  const std::size_t nt = 97, nk = 4, nr = 2, cells = 6;
  test::SyntheticSpecies pm{"PM2.5", "ug/m3", {}, {}, {100, 50, 50, 0}};
  pm.receptors.assign(nt * nk * nr, 0.0);
  pm.ground.assign(nt * nk * cells, 0.0f);
  for (std::size_t j = 0; j < nt; ++j) {
    c.time.push_back(1800.0 * double(j));
    const double a = j == 0 ? 0 : j == 11 ? 100 : j == 12 ? 60 : j <= 48 ? 10 : 20;
    auto r = [&](std::size_t k, std::size_t i) -> double& {
      return pm.receptors[(j * nk + k) * nr + i];
    };
    r(0, 0) = a;
    r(1, 0) = j ? 4 : 0;
    r(2, 0) = j ? 1 : 0;
    r(3, 0) = 0.5;
    r(1, 1) = j ? 30 : 0;
    r(2, 1) = j ? 1 : 0;
    r(3, 1) = 0.5;
    for (std::size_t i = 0; i < cells; ++i) {
      pm.ground[(j * nk + 0) * cells + i] = float(a * double(i + 1) / 6.0);
      pm.ground[(j * nk + 3) * cells + i] = 0.5f;
    }
  }
  c.species.push_back(pm);
  c.thresholds = {{"PM2.5", "hourly 20", "1h", 20.0},
                  {"PM2.5", "daily 10", "24h", 10.0},
                  {"PM2.5", "instant 50", "instant", 50.0}};
  return c;
}

double stat(const CutResults& r, std::size_t scenario, std::size_t receptor,
            const std::string& name, const std::string& when = "") {
  const SpeciesResults& sp = r.species.at(0);
  for (std::size_t s = 0; s < sp.statistic.size(); ++s)
    if (sp.statistic[s] == name && sp.when[s] == when)
      return sp.values[r.value_index(scenario, receptor, s, sp.statistic.size())];
  FAIL("no statistic " << name << " " << when);
  return 0;
}

// The results are float32 values (the run's statistics keep float32), each
// the float rounding of one exact mean or an interpolation between two
// such values: within 2 ulp, 2^-22 relative, of the exact number.
doctest::Approx exact(double v) { return doctest::Approx(v).epsilon(std::ldexp(1.0, -22)); }

}  // namespace

TEST_CASE("a cut scenario's statistics are those of the recombined series") {
  TempDir dir("golden");
  test::write_contributions(dir.str(), two_days());
  const Contributions c = read_contributions(dir.str());
  REQUIRE(c.ntags() == 4);
  CHECK(c.linear);  // no attribute: linear
  std::string why;
  const FactorSet cut = factors_from_arguments(c.tags, {"steel=0.5", "source:port-truck-road=1"},
                                               "half-steel-no-trucks");
  CHECK(cut.factor == std::vector<double>{0.5, 0.0, 1.0, 1.0});
  const CutResults r = evaluate_cuts(c, {cut}, true);
  REQUIRE(r.scenarios.size() == 2);

  // Village, cut: x = a / 2 + 1.5: 6.5 on day 1 (hour 05-06: 51.5, 31.5,
  // mean 41.5), 11.5 on day 2.
  const double day1 = (23 * 6.5 + 41.5) / 24;  // 7.958333...
  CHECK(stat(r, 1, 0, "period_mean") == exact((46 * 6.5 + 51.5 + 31.5 + 48 * 11.5) / 96));
  CHECK(stat(r, 1, 0, "max_instant") == exact(51.5));
  CHECK(stat(r, 1, 0, "max_hourly_mean") == exact(41.5));
  CHECK(stat(r, 1, 0, "daily_mean", "2026-01-15") == exact(day1));
  CHECK(stat(r, 1, 0, "daily_mean", "2026-01-16") == exact(11.5));
  CHECK(stat(r, 1, 0, "max_daily_mean") == exact(11.5));
  // HJ 663 over n = 2 days: X(1) + p (X(2) - X(1)); US rule: the
  // (floor(0.98 * 2) + 1) = 2nd smallest, i.e. the highest.
  CHECK(stat(r, 1, 0, "daily_mean_p90") == exact(day1 + 0.90 * (11.5 - day1)));
  CHECK(stat(r, 1, 0, "daily_mean_p95") == exact(day1 + 0.95 * (11.5 - day1)));
  CHECK(stat(r, 1, 0, "daily_mean_p98") == exact(day1 + 0.98 * (11.5 - day1)));
  CHECK(stat(r, 1, 0, "daily_mean_p98_us") == exact(11.5));
  // Day 1's best 8-h window holds hour 05-06: (7 * 6.5 + 41.5) / 8 = 10.875.
  CHECK(stat(r, 1, 0, "max_daily_max_8h") == exact(11.5));
  CHECK(stat(r, 1, 0, "daily_max_8h_p90") == exact(10.875 + 0.9 * (11.5 - 10.875)));
  CHECK(stat(r, 1, 0, "exceedances hourly 20") == 1);  // hour 05-06 only
  CHECK(stat(r, 1, 0, "exceedances daily 10") == 1);   // day 2 only
  CHECK(stat(r, 1, 0, "exceedances instant 50") == 1);
  CHECK(stat(r, 1, 0, "arrival_time instant 50") == 19800);  // the snapshot at 05:30

  // School: the trucks were all of it but 1.5.
  CHECK(stat(r, 1, 1, "period_mean") == exact(1.5));
  CHECK(stat(r, 1, 1, "exceedances hourly 20") == 0);
  CHECK(stat(r, 0, 1, "period_mean") == exact(31.5));
  CHECK(stat(r, 0, 1, "exceedances hourly 20") == 48);
  CHECK(stat(r, 0, 1, "exceedances daily 10") == 2);
  // The uncut baseline at the village: a + 5.5; the t = 0 snapshot (0.5)
  // enters only the instantaneous maximum.
  CHECK(stat(r, 0, 0, "max_instant") == exact(105.5));
  CHECK(stat(r, 0, 0, "max_hourly_mean") == exact(85.5));

  // The batch table's rows: change against the baseline.
  const auto rows = batch::cuts_summary_rows(r);
  REQUIRE(rows.size() == 4);
  CHECK(rows[2].member == "half-steel-no-trucks");
  CHECK(rows[2].receptor == "village");
  const double base_mean = (46 * 15.5 + 105.5 + 65.5 + 48 * 25.5) / 96;
  CHECK(*rows[2].period_mean_change_pct ==
        doctest::Approx(100 * (*rows[2].period_mean - base_mean) / base_mean).epsilon(1e-6));
  CHECK(*rows[3].max_hourly_change_pct == exact(100 * (1.5 - 31.5) / 31.5));

  // Ground: cell i gets a (i + 1) / 12 + 0.5 after the cut; cell 5 is the
  // largest; the hour 05-06 mean 80 (i + 1) / 12 + 0.5 exceeds 20 in
  // cells 2 ... 5.
  const SpeciesResults& sp = r.species[0];
  CHECK(sp.ground_max_period_mean[1] == exact(0.5 * 1580.0 / 96 + 0.5));
  CHECK(sp.ground_max_hourly_mean[1] == exact(40.5));
  CHECK(sp.ground_cells_above[1][0] == 4);
  CHECK(sp.ground_cells_above[0][0] == 5);  // uncut: 80 (i + 1) / 6 + 0.5 > 20 from cell 1
  // Day 2's mean a (i + 1) / 12 + 0.5 = 20 (i + 1) / 12 + 0.5 > 10 in cells 5 only.
  CHECK(sp.ground_cells_above[1][1] == 1);
}

TEST_CASE("ground accumulators in blocks give the same numbers as all at once") {
  TempDir dir("blocks");
  test::write_contributions(dir.str(), two_days());
  const Contributions c = read_contributions(dir.str());
  std::vector<FactorSet> sets;
  for (int i = 0; i < 5; ++i)
    sets.push_back({"s" + std::to_string(i), {1.0 - 0.2 * i, 0.1 * i, 1.0, 1.0}});
  const CutResults all = evaluate_cuts(c, sets, true);
  const CutResults one = evaluate_cuts(c, sets, true, 1);  // one scenario per block
  CHECK(all.species[0].ground_max_period_mean == one.species[0].ground_max_period_mean);
  CHECK(all.species[0].ground_cells_above == one.species[0].ground_cells_above);
  const auto& a = all.species[0].values;
  const auto& b = one.species[0].values;
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    CHECK((a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i]))));
}

TEST_CASE("a run with a non-linear process gives estimates, and says so") {
  TempDir dir("nonlinear");
  auto s = two_days();
  s.linear = 0;
  test::write_contributions(dir.str(), s);
  const CutResults r = evaluate_cuts(read_contributions(dir.str()), {}, false);
  CHECK_FALSE(r.linear);
  CHECK(batch::cuts_method(r) == "tags, estimate (non-linear processes present)");
  CHECK(batch::cuts_csv(r).find("estimate (non-linear processes present)") != std::string::npos);
}

TEST_CASE("the emergency check reports the achieved cut of each pollutant against its target") {
  TempDir dir("emergency");
  test::write_contributions(dir.str(), two_days());
  const Contributions c = read_contributions(dir.str());
  // Emitted: steel 100 g, truck 50 g, other 50 g.
  const EmergencyList list = parse_emergency_list(
      c.tags, "enterprise,yellow,orange,red\nsteel,0.1,0.3,0.5\nsource:port-truck-road,0,0.2,0.4\n",
      "list.csv");
  auto cut = [&](Level l) { return emission_cuts(c, emergency_factors(list, c.ntags(), l), l)[0]; };
  const EmissionCut y = cut(Level::yellow), o = cut(Level::orange), r = cut(Level::red);
  CHECK(y.pollutant == "PM");
  CHECK(y.emitted == 200);
  CHECK(y.cut_percent == doctest::Approx(5.0));  // 10 of 200 g
  CHECK(y.target_percent == 10);
  CHECK_FALSE(y.met);
  CHECK(o.cut_percent == doctest::Approx(20.0));  // 30 + 10 of 200 g: exactly the target
  CHECK(o.met);
  CHECK(r.cut_percent == doctest::Approx(35.0));  // 50 + 20 of 200 g
  CHECK(r.target_percent == 30);
  CHECK(r.met);
  CHECK(pollutant_of("NO2") == "NOx");
  CHECK(pollutant_of("nh3").empty());
}
