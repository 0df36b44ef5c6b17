// The WRF met provider over synthetic in-memory files: linear in time
// between WRF times (exact for fields linear in t), refreshes at the update
// interval and at WRF times, reads lazily (at most three times held, each
// read once), and refuses times that don't cover the run, gaps, times out
// of order and a domain outside the WRF grid with one line naming the file.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "host/met/wrf/wrf_met_provider.hpp"
#include "tests/met/wrf/synthetic_wrf.hpp"

using namespace airshed;
using airshed::test::SyntheticWrf;

namespace {

std::vector<long long> hourly(long long t0, int n, long long step = 3600) {
  std::vector<long long> t;
  for (int i = 0; i < n; ++i) t.push_back(t0 + i * step);
  return t;
}

struct Case {
  SyntheticWrf s;
  Grid g = test::synthetic_airshed_grid();
  test::ReadLog log;
  std::map<std::string, std::vector<long long>> files;
  std::vector<std::string> order;
  double duration_s = 9 * 3600.0, update_s = 3600;
  long long start_utc = s.t0;

  std::unique_ptr<WrfMetProvider> make() {
    std::vector<InputSite> sites;
    for (std::size_t i = 0; i < order.size(); ++i)
      sites.push_back({"case.toml", long(20 + i), "met.files"});
    return std::make_unique<WrfMetProvider>(
        order, sites, g, s.proj, Instant{start_utc, 0}, duration_s, update_s,
        test::synthetic_opener(s, files, &log), s.index_map_factory());
  }
  std::string error() {
    try {
      (void)make();
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return "";
  }
};

}  // namespace

TEST_CASE("time interpolation is exact for fields linear in t") {
  Case c;
  c.files["a.nc"] = hourly(c.s.t0, 4);          // 0..3 h
  c.files["b.nc"] = hourly(c.s.t0 + 14400, 6);  // 4..9 h
  c.order = {"a.nc", "b.nc"};
  const auto met = c.make();
  const Grid& g = c.g;
  const std::size_t nx = g.nx, ny = g.ny;
  for (double t : {0.0, 1800.0, 3600.0, 12000.0, 14400.0 + 900, 9 * 3600.0}) {
    const MetFields m = met->fields(t);
    double worst = 0;
    for (int k = 0; k < g.nz; ++k)
      for (std::size_t j = 0; j < ny; ++j)
        for (std::size_t i = 0; i <= nx; ++i) {
          const double want = c.s.u.at(double(i) * g.dx, (j + 0.5) * g.dy, g.z_centre(k), t);
          const double got = m.u[(k * ny + j) * (nx + 1) + i];
          worst = std::max(worst, std::abs(got - want) / std::max(std::abs(want), 1.0));
        }
    CHECK(worst < 1e-6);
    // Each column's surface layer, as surface_at reads it (deposition).
    REQUIRE(m.ustar.size() == g.columns());
    REQUIRE(m.inverse_L.size() == g.columns());
    REQUIRE(m.z0.size() == g.columns());
    for (std::size_t c = 0; c < g.columns(); c += 7) {
      const SurfaceState s =
          met->surface_at(t, (double(c % nx) + 0.5) * g.dx, (double(c / nx) + 0.5) * g.dy);
      CHECK(double(m.ustar[c]) == s.ustar);
      CHECK(double(m.inverse_L[c]) == s.inverse_L);
      CHECK(double(m.z0[c]) == s.z0);
    }
  }
  CHECK(met->first_guess());
  CHECK(met->terrain().size() == g.columns());
}

TEST_CASE("refreshes at the update interval and at every WRF time in between") {
  Case c;
  c.files["a.nc"] = hourly(c.s.t0, 4, 3 * 3600);  // 3-hourly, 0..9 h
  c.order = {"a.nc"};
  auto met = c.make();
  CHECK(met->next_change(0) == 3600);
  CHECK(met->next_change(3600) == 7200);
  CHECK(met->next_change(5000) == 7200);
  c.update_s = 4 * 3600;  // longer than WRF's interval: the WRF times
  met = c.make();
  CHECK(met->next_change(0) == 3 * 3600);
  CHECK(met->next_change(3 * 3600) == 4 * 3600);
  CHECK(met->next_change(4 * 3600) == 6 * 3600);
}

TEST_CASE("lazy reading: at most three times held, each read once, none far ahead") {
  Case c;
  // Ten hourly times in ten files of one time each (frames_per_outfile = 1).
  for (int i = 0; i < 10; ++i) {
    const std::string name = "wrfout_" + std::to_string(i);
    c.files[name] = {c.s.t0 + i * 3600LL};
    c.order.push_back(name);
  }
  const auto met = c.make();
  std::size_t most_held = 0;
  for (double t = 0; t < c.duration_s; t = met->next_change(t)) {
    (void)met->fields(t);
    (void)met->surface_at(t, 2500, 2500);
    most_held = std::max(most_held, met->times_held());
    // In [T_k, T_k+1) nothing beyond T_k+2 (the read-ahead) has been read.
    const long long k = (long long)(t / 3600);
    CHECK(c.log.latest_read() <= c.s.t0 + (k + 2) * 3600);
  }
  CHECK(most_held <= 3);
  CHECK(most_held == 3);  // the read-ahead does run
  CHECK(c.log.reads.size() == 10);
  for (const auto& [utc, n] : c.log.reads) CHECK(n == 1);
  CHECK(c.log.opens == 10 + 10);  // indexed once each, then opened again to be read
}

TEST_CASE("a jump back in time (a resumed run) reads its bracket again, with the same values") {
  Case c;
  c.files["a.nc"] = hourly(c.s.t0, 10);
  c.order = {"a.nc"};
  const auto met = c.make();
  const MetFields first = met->fields(5400);
  (void)met->fields(7 * 3600.0);
  const MetFields again = met->fields(5400);
  CHECK(again.u == first.u);
  CHECK(again.kz == first.kz);
  CHECK(met->times_held() <= 3);
}

TEST_CASE("an error while reading ahead reaches the run when it needs that time") {
  Case c;
  c.files["a.nc"] = hourly(c.s.t0, 10);
  c.order = {"a.nc"};
  c.log.corrupt = c.s.t0 + 3 * 3600;
  const auto met = c.make();
  CHECK_NOTHROW(met->fields(3600));  // enters [1 h, 2 h]: time 3 h is read ahead, and fails
  std::string msg;
  try {
    (void)met->fields(2 * 3600.0);  // needs 3 h
  } catch (const ScenarioError& e) {
    msg = e.what();
  }
  CHECK(msg.find("wrfout_bad: variable 'T'") == 0);
  CHECK_THROWS_AS(met->fields(2 * 3600.0), ScenarioError);  // again, not a half-read bracket
}

TEST_CASE("a moving nest: airshed's points are mapped again at every place of the grid") {
  Case c;
  c.s.drift_deg_per_h = 0.001;  // ~79 m east per hour, 0.009 degrees in 9 h
  c.files["a.nc"] = hourly(c.s.t0, 10);
  c.order = {"a.nc"};
  const auto met = c.make();
  const Grid& g = c.g;
  const std::size_t nx = g.nx, ny = g.ny;
  for (double t : {0.0, 5400.0, 8 * 3600.0 + 100}) {
    const MetFields m = met->fields(t);
    double worst = 0;
    for (int k = 0; k < g.nz; ++k)
      for (std::size_t j = 0; j < ny; ++j)
        for (std::size_t i = 0; i <= nx; ++i) {
          const double want = c.s.u.at(double(i) * g.dx, (j + 0.5) * g.dy, g.z_centre(k), t);
          const double got = m.u[(k * ny + j) * (nx + 1) + i];
          worst = std::max(worst, std::abs(got - want) / std::max(std::abs(want), 1.0));
        }
    CHECK(worst < 1e-6);
  }
  // A nest that leaves the domain behind: refused, naming the time.
  Case far;
  far.s.drift_deg_per_h = 0.02;  // the grid's west edge passes lon 10 after 5 h
  far.files["a.nc"] = hourly(far.s.t0, 10);
  far.order = {"a.nc"};
  const std::string e = far.error();
  CHECK(e.find("outside the WRF grid of 'a.nc' at 2005-08-27T1") != std::string::npos);
}

TEST_CASE("surface state per column: the WRF values at the column holding (x, y)") {
  Case c;
  c.files["a.nc"] = hourly(c.s.t0, 10);
  c.order = {"a.nc"};
  const auto met = c.make();
  const SurfaceState west = met->surface_at(0, 500, 2500), east = met->surface_at(0, 5500, 2500);
  CHECK(west.temperature == doctest::Approx(c.s.theta.at(500, 2500, 2, 0)).epsilon(1e-6));
  CHECK(west.ustar > 0);
  CHECK(west.mixing_height >= 20);
  // u at 10 m grows eastwards in the synthetic field (bx > 0).
  CHECK(east.wind_speed != doctest::Approx(west.wind_speed));
  CHECK(west.ref_height == 10);
}

TEST_CASE("precipitation is the rain of the WRF interval as a rate") {
  Case c;
  c.s.rain_mm_per_h = 1.5;
  c.files["a.nc"] = hourly(c.s.t0, 4, 3 * 3600);
  c.order = {"a.nc"};
  const auto met = c.make();
  CHECK(met->surface_at(3600, 2500, 2500).precipitation == doctest::Approx(1.5).epsilon(1e-5));
  CHECK(met->surface_at(0, 2500, 2500).precipitation == doctest::Approx(1.5).epsilon(1e-5));
}

TEST_CASE("bad WRF input: one line naming the file") {
  SUBCASE("times that start after the run") {
    Case c;
    c.files["late.nc"] = hourly(c.s.t0 + 3600, 10);
    c.order = {"late.nc"};
    const std::string e = c.error();
    CHECK(e.find("case.toml:20: key 'met.files'") == 0);
    CHECK(e.find("start at 2005-08-27T13:00:00") != std::string::npos);
    CHECK(e.find("'late.nc'") != std::string::npos);
  }
  SUBCASE("times that end before the run") {
    Case c;
    c.files["a.nc"] = hourly(c.s.t0, 4);
    c.files["b.nc"] = hourly(c.s.t0 + 4 * 3600, 3);  // to 6 h of 9
    c.order = {"a.nc", "b.nc"};
    const std::string e = c.error();
    CHECK(e.find("case.toml:21:") == 0);
    CHECK(e.find("end at 2005-08-27T18:00:00") != std::string::npos);
    CHECK(e.find("'b.nc'") != std::string::npos);
  }
  SUBCASE("a gap longer than the files' interval") {
    Case c;
    c.files["a.nc"] = hourly(c.s.t0, 4);
    c.files["b.nc"] = hourly(c.s.t0 + 6 * 3600, 4);  // 3 h missing
    c.order = {"a.nc", "b.nc"};
    const std::string e = c.error();
    CHECK(e.find("case.toml:21:") == 0);
    CHECK(e.find("gap in the WRF times from 2005-08-27T15:00:00") != std::string::npos);
    CHECK(e.find("'b.nc'") != std::string::npos);
  }
  SUBCASE("files out of time order") {
    Case c;
    c.files["a.nc"] = hourly(c.s.t0 + 5 * 3600, 5);
    c.files["b.nc"] = hourly(c.s.t0, 5);
    c.order = {"a.nc", "b.nc"};
    const std::string e = c.error();
    CHECK(e.find("case.toml:21:") == 0);
    CHECK(e.find("'b.nc'") != std::string::npos);
    CHECK(e.find("strictly increasing") != std::string::npos);
  }
  SUBCASE("a domain outside the WRF grid") {
    Case c;
    c.files["a.nc"] = hourly(c.s.t0, 10);
    c.order = {"a.nc"};
    c.g.ny = 9;  // 9 km north: past the WRF grid's north edge (lat 45.05)
    const std::string e = c.error();
    CHECK(e.find("case.toml:20:") == 0);
    CHECK(e.find("outside the WRF grid of 'a.nc'") != std::string::npos);
    CHECK(c.log.reads.empty());  // refused before reading any field
  }
  SUBCASE("a NaN in the fields, at the first time or read ahead") {
    Case c;
    c.files["a.nc"] = hourly(c.s.t0, 10);
    c.order = {"a.nc"};
    c.s.nan_at = c.s.t0;
    std::string e = c.error();
    CHECK(e.find("case.toml:20: key 'met.files': WRF file 'a.nc' at 2005-08-27T12:00:00") == 0);
    CHECK(e.find("is not finite") != std::string::npos);
    c.s.nan_at = c.s.t0 + 2 * 3600;
    const auto met = c.make();
    e.clear();
    try {
      (void)met->fields(3600);
    } catch (const ScenarioError& x) {
      e = x.what();
    }
    CHECK(e.find("at 2005-08-27T14:00:00") != std::string::npos);
  }
  SUBCASE("every message is one line") {
    Case c;
    c.files["a.nc"] = hourly(c.s.t0, 2);
    c.order = {"a.nc"};
    CHECK(c.error().find('\n') == std::string::npos);
    CHECK(!c.error().empty());
  }
}
