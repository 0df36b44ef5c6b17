// RunStatistics as a recorder on its own, without any writer: what it
// reports at end() from snapshots in output units, and a checkpoint in the
// middle that changes nothing.
#include <doctest/doctest.h>

#include <cmath>
#include <optional>
#include <stdexcept>

#include "host/statistics/run_statistics.hpp"
#include "tests/output/synthetic_run.hpp"

using namespace airshed;
using namespace airshed::statistics;

namespace {

// The synthetic run's snapshots from `from_s` to its end into `stats`.
void feed(OutputRecorder& stats, const RunInfo& info, double from_s) {
  for (double t = from_s; t <= info.duration_s + 1e-9; t += info.output_interval_s)
    stats.record(in_output_units(test::synthetic_snapshot(info, t), info.species));
  stats.end(RunSummary{});
}

const GroundStatistic& ground(const Results& r, const std::string& species,
                              const std::string& statistic) {
  for (const auto& g : r.ground)
    if (g.species == species && g.statistic == statistic) return g;
  throw std::runtime_error("no " + species + " " + statistic);
}

}  // namespace

TEST_CASE("the statistics report maxima, arrival times and areas in output units") {
  RunInfo info = test::synthetic_info("unused");
  info.thresholds = {{"PM2.5", "low", "instant", 10.0}};
  std::optional<Results> got;
  RunStatistics stats({}, [&](const Results& r) { got = r; });
  stats.begin(info);
  feed(stats, info, 0);
  REQUIRE(got);
  // Fields grow with time, so the footprint is the last snapshot's ground
  // layer, converted once: float(float(solver) * 1e6).
  const GroundStatistic& max = ground(*got, "PM2.5", "max_instant");
  CHECK(max.units == "ug/m3");
  const Grid& g = info.grid;
  long above = 0;
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const float v =
          float(double(float(test::synthetic_value(info, 0, i, j, 0, info.duration_s))) *
                info.species[0].to_output_units);
      CHECK(max.values[g.index(i, j, 0)] == v);
      above += v > 10.0f;
    }
  const GroundStatistic& arrival = ground(*got, "PM2.5", "arrival_time");
  CHECK(arrival.label == "low");
  CHECK(arrival.units == "s");
  REQUIRE(got->areas.size() == 1);
  CHECK(got->areas[0].cells == above);
  CHECK(got->areas[0].area_m2 == above * g.dx * g.dy);
  CHECK(above > 0);
  CHECK(above < g.columns());
  // A receptor's maximum is at the end, labelled in the scenario's local time.
  bool found = false;
  for (const auto& r : got->receptors)
    if (r.receptor == "school" && r.species == "SO2" && r.statistic == "max_instant") {
      found = true;
      CHECK(r.when == "2026-01-15T03:00:00+08:00");
    }
  CHECK(found);
}

TEST_CASE("an output interval that does not divide an hour is refused at begin") {
  RunInfo info = test::synthetic_info("unused");
  info.output_interval_s = 7000;
  RunStatistics stats({}, nullptr);
  CHECK_THROWS_AS(stats.begin(info), std::invalid_argument);
}

TEST_CASE("statistics resumed from a checkpoint report what an unbroken run does") {
  const RunInfo info = test::synthetic_info("unused");
  std::optional<Results> whole, resumed;
  RunStatistics a({}, [&](const Results& r) { whole = r; });
  a.begin(info);
  feed(a, info, 0);

  RunStatistics first({}, nullptr);
  first.begin(info);
  for (double t = 0; t <= 3600; t += info.output_interval_s)
    first.record(in_output_units(test::synthetic_snapshot(info, t), info.species));
  StateWriter w;
  first.save(w);
  StateReader r(w.bytes(), "ck");
  RunStatistics second({}, [&](const Results& res) { resumed = res; });
  second.resume(info, r);
  CHECK(r.at_end());
  feed(second, info, 3600 + info.output_interval_s);
  REQUIRE(whole);
  REQUIRE(resumed);
  REQUIRE(whole->ground.size() == resumed->ground.size());
  for (std::size_t k = 0; k < whole->ground.size(); ++k)
    for (std::size_t i = 0; i < whole->ground[k].values.size(); ++i) {
      const float x = whole->ground[k].values[i], y = resumed->ground[k].values[i];
      CHECK((x == y || (std::isnan(x) && std::isnan(y))));
    }
  REQUIRE(whole->receptors.size() == resumed->receptors.size());
  for (std::size_t k = 0; k < whole->receptors.size(); ++k) {
    const double x = whole->receptors[k].value, y = resumed->receptors[k].value;
    CHECK((x == y || (std::isnan(x) && std::isnan(y))));
    CHECK(whole->receptors[k].when == resumed->receptors[k].when);
  }
}
