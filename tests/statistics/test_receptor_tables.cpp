// The regulatory tables (host/statistics/receptor_tables.hpp): the receptor
// averages agree with SeriesStatistics bit for bit, and the ranks, top
// list, events, compliance percentages and background superposition of a
// synthetic series come out as worked by hand.
#include <doctest/doctest.h>

#include <cmath>
#include <optional>
#include <random>

#include "host/input/input_error.hpp"
#include "host/output/table_files.hpp"
#include "host/scenario/projection.hpp"
#include "host/statistics/receptor_averages.hpp"
#include "host/statistics/receptor_tables.hpp"
#include "host/statistics/series_statistics.hpp"
#include "tests/output/synthetic_run.hpp"

using namespace airshed;
using namespace airshed::statistics;

TEST_CASE("receptor averages equal SeriesStatistics' maxima and period mean bit for bit") {
  // Three days and a bit of 10-min outputs from 05:30 local, with gaps that
  // invalidate some hours (and so days and 8-h windows).
  const double interval = 600, sod = 5.5 * 3600, duration = 3.3 * 86400;
  SeriesStatisticsConfig c;
  c.output_interval_s = interval;
  c.start_seconds_of_day = sod;
  c.duration_s = duration;
  SeriesStatistics ref(3, c);
  ReceptorAverages got(3, interval, sod);
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> u(0, 100);
  for (double t = 0; t <= duration; t += interval) {
    const long k = long(t / interval);
    if (k % 37 == 5 || k % 53 < 3) continue;  // missing outputs
    const float v[3] = {u(rng), u(rng) * float(1 + std::sin(t / 7e4)), float(k % 144)};
    ref.add(t, v);
    got.add(t, v);
  }
  ref.finish();
  int valid_days = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    const SeriesAverages a = got.averages(i);
    auto max_of = [](const std::vector<TimedAverage>& s) {
      float m = NAN;
      for (const auto& x : s)
        if (std::isnan(m) || x.value > m) m = x.value;
      return m;
    };
    CHECK(max_of(a.hourly) == ref.max_hourly_mean[i]);
    CHECK(max_of(a.daily) == ref.max_daily_mean[i]);
    CHECK(max_of(a.daily_max_8h) == ref.max_daily_max_8h[i]);
    CHECK(a.period_mean == ref.period_mean[i]);
    CHECK(a.hourly.size() == ref.valid_hours());
    CHECK(a.daily.size() == ref.valid_days());
    CHECK(a.daily_max_8h.size() == ref.valid_8h_days());
    valid_days = int(a.daily.size());
  }
  CHECK(valid_days >= 2);  // the gaps leave whole days to compare
}

namespace {

// One receptor on a one-species run from local midnight: the snapshot at
// t = 3600 (k + 1) s holds value k (hour k's mean is k), 48 hours.
RunInfo two_days() {
  RunInfo info = test::synthetic_info("unused", false);
  info.species.resize(1);
  info.receptors = {{"school", 250, 450, 1.5}};
  info.thresholds = {{"PM2.5", "hourly 44.5", "1h", 44.5, 0},
                     {"PM2.5", "daily p98", "24h", 50.0, 98},
                     {"PM2.5", "annual", "annual", 20.0, 0}};
  info.duration_s = 48 * 3600;
  info.output_interval_s = 3600;
  return info;
}

TableResults tables_of(const RunInfo& info, std::vector<ReceptorBackground> bg = {}) {
  TableOptions o;
  o.ranks = 3;
  o.top = 2;
  o.backgrounds = std::move(bg);
  std::optional<TableResults> got;
  ReceptorTables t(o, [&](const TableResults& r) { got = r; });
  t.begin(info);
  const std::size_t cells = info.grid.cells();
  for (int k = -1; k < 48; ++k)  // k = -1: the t = 0 snapshot
    t.record({3600.0 * (k + 1), {std::vector<float>(cells, float(std::max(k, 0)))}, {}});
  t.end(RunSummary{});
  REQUIRE(got);
  return *got;
}

const ComplianceRow& row(const TableResults& t, const std::string& label,
                         const std::string& basis = "project") {
  for (const auto& c : t.compliance)
    if (c.label == label && c.basis == basis) return c;
  throw std::runtime_error("no compliance row " + label);
}

}  // namespace

TEST_CASE("ranks, top values, events and compliance of a worked series") {
  const RunInfo info = two_days();
  const TableResults t = tables_of(info);
  // 1h: the three highest are hours 47, 46, 45, starting 47 h ... after the start.
  std::vector<RankedAverage> h1;
  for (const auto& r : t.ranks)
    if (r.average.averaging == "1h") h1.push_back(r);
  REQUIRE(h1.size() == 3);
  CHECK(h1[0].rank == 1);
  CHECK(h1[0].average.value == 47);
  CHECK(h1[0].average.start_s == 47 * 3600.0);
  CHECK(h1[2].average.value == 45);
  // 24h: day 1 (mean of 24..47 = 35.5) before day 0 (11.5).
  std::vector<RankedAverage> d;
  for (const auto& r : t.ranks)
    if (r.average.averaging == "24h") d.push_back(r);
  REQUIRE(d.size() == 2);
  CHECK(d[0].average.value == 35.5f);
  CHECK(d[0].average.start_s == 86400.0);
  CHECK(d[1].average.value == 11.5f);
  // 8h: day 1's best window is [16-24): hours 40..47, mean 43.5, starting at 40 h.
  for (const auto& r : t.ranks)
    if (r.average.averaging == "8h" && r.rank == 1) {
      CHECK(r.average.value == 43.5f);
      CHECK(r.average.start_s == 40 * 3600.0);
    }
  // Period mean of the snapshots after t = 0: 0..47 -> 23.5.
  for (const auto& r : t.ranks)
    if (r.average.averaging == "period") CHECK(r.average.value == 23.5f);
  // The top list holds the overall top 2 per averaging (one receptor here).
  int top_1h = 0;
  for (const auto& r : t.top) top_1h += r.average.averaging == "1h";
  CHECK(top_1h == 2);

  // Events: hours 45, 46, 47 above 44.5; the period mean 23.5 > 20; no day above 50.
  int events_1h = 0, events_period = 0, events_24h = 0;
  for (const auto& e : t.events) {
    events_1h += e.average.averaging == "1h";
    events_period += e.average.averaging == "period";
    events_24h += e.average.averaging == "24h";
  }
  CHECK(events_1h == 3);
  CHECK(events_period == 1);
  CHECK(events_24h == 0);

  // Compliance: 1h max 47 of 44.5 -> 105.6 %; 24h p98 by HJ 663 of {11.5,
  // 35.5}: k = 1 + 0.98 (2 - 1), 11.5 + 0.98 * 24 = 35.02 -> 70.04 % of 50;
  // annual 23.5 of 20 -> 117.5 %.
  const ComplianceRow& c1 = row(t, "hourly 44.5");
  CHECK(c1.statistic == "max_hourly_mean");
  CHECK(c1.percent == doctest::Approx(100.0 * 47 / 44.5).epsilon(1e-12));
  CHECK(c1.exceedances == 3);
  CHECK(c1.averages == 48);
  const ComplianceRow& c24 = row(t, "daily p98");
  CHECK(c24.statistic == "daily_mean_p98");
  CHECK(c24.value == doctest::Approx(35.02).epsilon(1e-7));
  CHECK(c24.percent == doctest::Approx(70.04).epsilon(1e-6));
  CHECK(c24.max_value == 35.5f);
  const ComplianceRow& ca = row(t, "annual");
  CHECK(ca.percent == doctest::Approx(117.5).epsilon(1e-7));
}

TEST_CASE("a background is superposed hour by hour before any averaging (HJ 2.2-2018)") {
  const RunInfo info = two_days();
  const TableResults t = tables_of(info, {ReceptorBackground::constant("PM2.5", 10)});
  const ComplianceRow& p = row(t, "hourly 44.5", "project");
  const ComplianceRow& s = row(t, "hourly 44.5", "project+background");
  CHECK(p.max_value == 47);
  CHECK(s.max_value == 57);
  CHECK(s.exceedances == 13);  // hours 35..47 once 10 is added (34.5 < k)
  CHECK(row(t, "annual", "project+background").value == doctest::Approx(33.5));
  // 24h p98 of {21.5, 45.5}: 21.5 + 0.98 * 24 = 45.02.
  CHECK(row(t, "daily p98", "project+background").value == doctest::Approx(45.02).epsilon(1e-7));
}

TEST_CASE("an hourly background CSV: per receptor columns, and one-line errors") {
  const RunInfo info = [] {
    RunInfo i = two_days();
    i.receptors.push_back({"corner", 0, 0, 0});
    i.duration_s = 2 * 3600;
    return i;
  }();
  BackgroundSpec spec{"PM2.5", 0, "bg.csv", {"s.toml", 7, "output.background.PM2.5"}};
  const std::vector<std::string> names{"school", "corner"};
  const std::string good =
      "# hourly PM2.5 background\ntime,corner,school\n2026-01-15T00:00,1.5,2\n"
      "2026-01-15T01:00+08:00,3,4\n2026-01-15T02:00,9,9\n";
  const auto b = ReceptorBackground::parse(good, spec, names, info.start, info.duration_s);
  CHECK(b.at(0, 0) == 2);  // school is the second column
  CHECK(b.at(1, 0) == 1.5);
  CHECK(b.at(1, 3600) == 3);
  auto error_of = [&](const std::string& text) {
    try {
      ReceptorBackground::parse(text, spec, names, info.start, info.duration_s);
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(
      error_of("time,value\n2026-01-15T00:00,1\n")
          .find(
              "bg.csv:2: column 'time': no row for the hour starting 2026-01-15T01:00:00+08:00") ==
      0);
  CHECK(error_of("time,value\n2026-01-15T00:00,x\n")
            .find("bg.csv:2: column 'value': cannot read 'x'") == 0);
  CHECK(error_of("time,school\n").find("bg.csv:1: header: no column for receptor 'corner'") == 0);
  CHECK(error_of("time,value\n2026-01-15T00:30,1\n")
            .find("bg.csv:2: column 'time': '2026-01-15T00:30' is not a whole hour") == 0);
  CHECK(error_of("time,value\n2026-01-15T00:00,1\n2026-01-15T00:00,2\n")
            .find("bg.csv:3: column 'time': hour") == 0);
  CHECK(error_of("time,value\n2026-01-15T00:00,1,2\n").find("bg.csv:2: row: 3 cells") == 0);
}

TEST_CASE("table files: spreadsheet times, receptor coordinates, one row per rank") {
  const RunInfo info = two_days();
  const TableResults t = tables_of(info);
  CHECK(output::spreadsheet_time(info.start, 3600 * 14.0) == "2026-01-15 14:00");
  const std::string ranks = output::ranks_csv(info, t);
  CHECK(ranks.rfind("receptor,x_m,y_m,lon,lat,species,units,averaging,basis,rank,value,"
                    "start_local,end_local,start\n",
                    0) == 0);
  CHECK(ranks.find("school,250.0,450.0,") != std::string::npos);
  CHECK(ranks.find(",PM2.5,ug/m3,1h,project,1,47,2026-01-16 23:00,2026-01-17 00:00,"
                   "2026-01-16T23:00:00+08:00\n") != std::string::npos);
  // lon/lat of (250, 450) m from (116.3, 39.9) through the model's projection.
  REQUIRE(t.receptors.size() == 1);
  double x, y;
  LocalProjection{116.3, 39.9}.to_local(t.receptors[0].lon, t.receptors[0].lat, x, y);
  CHECK(x == doctest::Approx(250).epsilon(1e-9));
  CHECK(y == doctest::Approx(450).epsilon(1e-9));
  const std::string hourly = output::hourly_csv(info, t, t.hourly[0]);
  CHECK(std::count(hourly.begin(), hourly.end(), '\n') == 1 + 48);
}
