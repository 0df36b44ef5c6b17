// The station network ([met] kind = "stations"): the 1/r^2 weights, the
// first-guess wind of two opposite stations against its closed form, the
// per-column surface state, a network of one against kind "station" (bit
// for bit), and each station's file errors naming that file. (Over 250
// lines: the cases share the NetworkCase fixture of a domain and its files.)
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "host/met/idw.hpp"
#include "host/met/met_provider.hpp"
#include "host/met/similarity.hpp"
#include "host/met/surface_profiles.hpp"
#include "host/scenario/load_scenario.hpp"
#include "host/solver/wind_projection.hpp"
#include "tests/scenario/scenario_text.hpp"

using namespace airshed;
using airshed::test::kSmallScenario;
using airshed::test::line_containing;
using airshed::test::replaced;

namespace {

const std::string kHeader =
    "time,wind_speed,wind_direction,stability,mixing_height,ustar,temperature\n";

// Hourly rows from 00:00 to 04:00 local, all alike.
std::string hours(const std::string& rest) {
  std::string csv = kHeader;
  for (int h = 0; h < 5; ++h) csv += "2026-01-15T0" + std::to_string(h) + ":00," + rest + "\n";
  return csv;
}

int next_id() {
  static int n = 0;
  return ++n;
}

const char* const kUniformMet =
    "kind = \"uniform\"\nspeed = 3.0\ndirection = 270.0\nstability = \"D\"\nmixing_height = 800.0";

// A 5000 m x 2000 m domain of 100 m cells (50 x 20 columns, 10 levels) from
// 01:00 local for 2 h, its station files in a fresh directory.
struct NetworkCase {
  std::filesystem::path dir;
  std::string text;
  NetworkCase(const NetworkCase&) = delete;
  NetworkCase()
      : dir(std::filesystem::temp_directory_path() /
            ("airshed-station-network-" + std::to_string(::getpid()) + "-" +
             std::to_string(next_id()))) {
    std::filesystem::create_directories(dir);
    text = replaced(kSmallScenario, "size = [2000.0, 2000.0]\ncells = [20, 20]",
                    "size = [5000.0, 2000.0]\ncells = [50, 20]");
    text = replaced(text, "start = \"2026-01-15T00:00:00+08:00\"",
                    "start = \"2026-01-15T01:00:00+08:00\"");
  }
  ~NetworkCase() { std::filesystem::remove_all(dir); }
  void file(const std::string& name, const std::string& csv) const {
    std::ofstream(dir / name) << csv;
  }
  std::string path(const std::string& name) const { return (dir / name).string(); }
  // [met] as `met` (the lines after the [met] header).
  void met(const std::string& m) { text = replaced(text, kUniformMet, m); }
  Scenario scenario() const { return parse_scenario(text, "t.toml", dir.string()); }
  // The scenario with [met] as `m`, leaving this case's text as it is.
  Scenario scenario(const std::string& m) const {
    return parse_scenario(replaced(text, kUniformMet, m), "t.toml", dir.string());
  }
  std::string error() const {
    try {
      (void)make_met_provider(scenario());
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return "";
  }
};

std::string station(const std::string& name, const std::string& file, double x, double y) {
  return "\n[[met.station]]\nname = \"" + name + "\"\nfile = \"" + file +
         "\"\nposition = { x = " + std::to_string(x) + ", y = " + std::to_string(y) + " }\n";
}

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

bool same_state(const SurfaceState& a, const SurfaceState& b) {
  return a.ustar == b.ustar && a.inverse_L == b.inverse_L && a.pasquill_class == b.pasquill_class &&
         a.mixing_height == b.mixing_height && a.wind_speed == b.wind_speed &&
         a.wind_direction == b.wind_direction && a.ref_height == b.ref_height && a.z0 == b.z0 &&
         a.temperature == b.temperature && a.precipitation == b.precipitation;
}

}  // namespace

TEST_CASE("the 1/r^2 weights sum to 1 and favour the nearer station") {
  const std::vector<double> xs{100, 2500, 4000, 300}, ys{200, 1900, 100, 1500};
  double lambda[4];
  double worst = 0;
  for (double x = -500; x <= 5500; x += 250)
    for (double y = -500; y <= 2500; y += 250) {
      idw_weights(xs, ys, x, y, lambda);
      worst = std::max(worst, std::abs(lambda[0] + lambda[1] + lambda[2] + lambda[3] - 1));
      for (double l : lambda) CHECK(l > 0);
    }
  CHECK(worst <= 4 * 2.3e-16);  // four terms, each rounded once
  // r^-2: a point at 1 m from station 0 and 2 m from station 1 (alone).
  const std::vector<double> two_x{0, 3}, two_y{0, 0};
  double w2[2];
  idw_weights(two_x, two_y, 1, 0, w2);
  CHECK(w2[0] == doctest::Approx(0.8).epsilon(1e-15));  // (1/1) / (1/1 + 1/4)
  // One station: exactly 1, wherever the point is, on the station included.
  const std::vector<double> one_x{1234.5}, one_y{678.9};
  for (double x : {1234.5, 0.0, 1e6}) {
    idw_weights(one_x, one_y, x, 678.9, lambda);
    CHECK(lambda[0] == 1.0);
  }
  // A point on a station takes that station's value to rounding: the
  // distance floor (1 mm) against the other station's 3 km, (1e-3/3e3)^2.
  const std::vector<double> far_x{0, 3000}, far_y{0, 0};
  idw_weights(far_x, far_y, 3000, 0, w2);
  CHECK(w2[1] >= 1 - 2e-13);
}

TEST_CASE("a network of one station gives the fields of kind station, bit for bit") {
  NetworkCase c;
  // Hours of different stability, one with a measured u*, one unstable by L.
  std::string csv = kHeader;
  csv += "2026-01-15T00:00,2.0,300,D,500,,5\n";
  csv += "2026-01-15T01:00,3.5,0,B,1200,,8\n";  // direction 0: u = -0.0
  csv += "2026-01-15T02:00,2.2,135,-80,900,0.31,9\n";
  csv += "2026-01-15T03:00,1.1,200,F,150,,4\n";
  c.file("a.csv", csv);
  const auto ref = make_met_provider(
      c.scenario("kind = \"station\"\nfile = \"a.csv\"\nz0 = 0.4\nanemometer_height = 12.0"));
  const auto net = make_met_provider(c.scenario("kind = \"stations\"\nz0 = 0.1\n" +
                                                station("A", "a.csv", 1234.0, 567.0) +
                                                "z0 = 0.4\nanemometer_height = 12.0\n"));
  CHECK(net->first_guess());
  CHECK_FALSE(ref->first_guess());
  for (double t : {0.0, 1800.0, 3600.0, 7199.0}) {
    const MetFields a = ref->fields(t), b = net->fields(t);
    CHECK(same_bits(a.u, b.u));
    CHECK(same_bits(a.v, b.v));
    CHECK(same_bits(a.w, b.w));
    CHECK(same_bits(a.kh, b.kh));
    CHECK(same_bits(a.kz, b.kz));
    CHECK(same_bits(a.ustar, b.ustar));  // the surface fields (deposition)
    CHECK(same_bits(a.inverse_L, b.inverse_L));
    CHECK(same_bits(a.z0, b.z0));
    REQUIRE_FALSE(b.ustar.empty());
    CHECK(b.ustar.back() == float(net->surface(t).ustar));
    CHECK(same_state(ref->surface(t), net->surface(t)));
    CHECK(same_state(ref->surface(t), net->surface_at(t, 4999, 1)));
    CHECK(ref->next_change(t) == net->next_change(t));
  }
}

TEST_CASE("two opposite stations: the first-guess u is the closed-form 1/r^2 blend") {
  // West wind (from 270) at x = 0.2 L, east wind (from 90) at x = 0.8 L, on
  // the centre line of row 10 (y = 1050 m); the same speed, stability and
  // mixing height, so both have the same speed profile U(z). With s = x -
  // L/2, d = 0.3 L and h = y - 1050 m the 1/r^2 blend of +U and -U is
  //   u = U (r2^-2 - r1^-2) / (r1^-2 + r2^-2) = -2 d s U / (d^2 + s^2 + h^2),
  // smooth (|du/dx| <= 2 U / d, the value at the midpoint of the station
  // line), monotone between the stations, odd about x = L/2, and U at a
  // station.
  NetworkCase c;
  c.file("w.csv", hours("4.0,270,D,800,,10"));
  c.file("e.csv", hours("4.0,90,D,800,,10"));
  c.met("kind = \"stations\"\nz0 = 0.3\n" + station("west", "w.csv", 1000, 1050) +
        station("east", "e.csv", 4000, 1050));
  const Scenario s = c.scenario();
  const auto met = make_met_provider(s);
  const Grid& g = s.grid;
  const MetFields m = met->fields(0);
  const int nx = g.nx, ny = g.ny;
  const double L = nx * g.dx, d = 0.3 * L;
  double worst_form = 0, worst_odd = 0, worst_slope = 0, worst_v = 0;
  for (int k = 0; k < g.nz; ++k) {
    SurfaceState one;  // either station's state (class D: neutral), for U(z)
    one.inverse_L = 0, one.z0 = 0.3, one.ref_height = 10, one.wind_speed = 4;
    one.mixing_height = 800;
    const double U = wind_speed_at(one, g.z_centre(k));
    double slope = 0;
    for (int j = 0; j < ny; ++j) {
      const double h = (j + 0.5) * g.dy - 1050;
      auto u = [&](int i) { return double(m.u[(std::size_t(k) * ny + j) * (nx + 1) + i]); };
      for (int i = 0; i <= nx; ++i) {
        const double sx = i * g.dx - L / 2;
        const double form = -2 * d * sx * U / (d * d + sx * sx + h * h);
        worst_form = std::max(worst_form, std::abs(u(i) - form) / U);
        worst_odd = std::max(worst_odd, std::abs(u(i) + u(nx - i)) / U);
        if (i < nx) slope = std::max(slope, std::abs(u(i + 1) - u(i)) / g.dx);
        if (j == 10 && i > 10 && i <= 40) CHECK(u(i) < u(i - 1));  // monotone between them
      }
      if (j == 10) {
        CHECK(std::abs(u(10) - U) <= 1e-6 * U);  // the west station's own profile
        CHECK(std::abs(u(40) + U) <= 1e-6 * U);  // the east station's
      }
    }
    worst_slope = std::max(worst_slope, slope / (2 * U / d));
  }
  for (float v : m.v) worst_v = std::max(worst_v, std::abs(double(v)));
  MESSAGE("closed form " << worst_form << ", odd " << worst_odd << ", |v| " << worst_v
                         << ", max |du/dx| / (2 U / d) " << worst_slope);
  CHECK(worst_slope <= 1 + 1e-5);  // smooth: never steeper than at the midpoint
  CHECK(worst_form <= 1e-6);
  CHECK(worst_odd <= 1e-6);
  CHECK(worst_v <= 1e-6);  // -U cos(270 deg) and -U cos(90 deg): rounding of cos
  for (float w : m.w) CHECK(w == 0.0f);
  // The first guess converges between the stations: in the cell right of
  // the midpoint (faces s = 0 and s = dx) of row 10, level 0, the discrete
  // divergence is du/dx = -2 U d / (d^2 + dx^2), -4.26e-3 /s here (U = 3.2 m/s at 5 m). It is a
  // first guess; making it divergence-free (Sherman 1978, the projection of
  // issue 13) is the run's step, asserted where that step is wired in.
  {
    SurfaceState one;
    one.inverse_L = 0, one.z0 = 0.3, one.ref_height = 10, one.wind_speed = 4;
    one.mixing_height = 800;
    const double U0 = wind_speed_at(one, g.z_centre(0));
    const std::size_t row = std::size_t(10) * (nx + 1);
    const std::size_t vrow = std::size_t(10) * nx;
    const double div = (double(m.u[row + 26]) - double(m.u[row + 25])) / g.dx +
                       (double(m.v[vrow + nx + 25]) - double(m.v[vrow + 25])) / g.dy;
    MESSAGE("first-guess divergence at the midpoint " << div << " /s");
    CHECK(div == doctest::Approx(-2 * U0 * d / (d * d + g.dx * g.dx)).epsilon(1e-5));
  }
  CHECK(met->first_guess());
}

TEST_CASE("the per-column surface state is the 1/r^2 blend of the stations'") {
  // Stations at the centres of columns 15 and 35 of row 10; column 25 is
  // midway, so each weighs 1/2 there.
  NetworkCase c;
  c.file("a.csv", hours("3.0,0,-100,400,0.2,10"));
  c.file("b.csv", hours("3.0,90,-50,800,0.4,20"));
  c.met("kind = \"stations\"\nz0 = 0.3\n" + station("a", "a.csv", 1550, 1050) +
        station("b", "b.csv", 3550, 1050) + "z0 = 0.5\n");
  const Scenario s = c.scenario();
  const auto met = make_met_provider(s);
  const SurfaceState mid = met->surface_at(0, 2520, 1010);  // in column (25, 10)
  CHECK(mid.ustar == doctest::Approx(0.3).epsilon(1e-12));
  CHECK(mid.inverse_L == doctest::Approx(-0.015).epsilon(1e-12));  // 1/L blended, not L
  CHECK(mid.mixing_height == doctest::Approx(600).epsilon(1e-12));
  CHECK(mid.temperature == doctest::Approx(288.15).epsilon(1e-12));
  CHECK(mid.z0 == doctest::Approx(0.4).epsilon(1e-12));
  CHECK(mid.wind_speed == doctest::Approx(3.0).epsilon(1e-12));
  CHECK(mid.wind_direction == doctest::Approx(45).epsilon(1e-12));  // mean of N and E winds
  // The Pasquill class is the nearest station's.
  const SurfaceState near_a = met->surface_at(0, 1600, 1000),
                     near_b = met->surface_at(0, 3000, 900);
  CHECK(near_a.pasquill_class == similarity::pasquill_class_from_inverse_obukhov(-0.01, 0.3));
  CHECK(near_b.pasquill_class == similarity::pasquill_class_from_inverse_obukhov(-0.02, 0.5));
  // surface(): the blend at the domain's centre (2500, 1000), 951 m from a
  // and 1051 m from b.
  const double ra2 = 950.0 * 950 + 50 * 50, rb2 = 1050.0 * 1050 + 50 * 50;
  const double la = rb2 / (ra2 + rb2);
  CHECK(met->surface(0).ustar == doctest::Approx(0.2 * la + 0.4 * (1 - la)).epsilon(1e-12));
  // Kz and Kh of column (25, 10) come from its own state.
  const MetFields m = met->fields(0);
  const Grid& g = s.grid;
  const std::size_t col = 10 * std::size_t(g.nx) + 25, cols = g.columns();
  for (int k = 0; k <= g.nz; ++k)
    CHECK(m.kz[k * cols + col] == float(similarity::vertical_diffusivity(
                                      g.z_faces[k], mid.ustar, mid.inverse_L, mid.mixing_height)));
  for (int k = 0; k < g.nz; ++k)
    CHECK(m.kh[k * cols + col] == float(similarity::horizontal_diffusivity(
                                      g.z_centre(k), mid.ustar, mid.inverse_L, mid.mixing_height)));
  // Columns of different states differ: column 15 holds station a's u*.
  CHECK(met->surface_at(0, 1550, 1050).ustar == doctest::Approx(0.2).epsilon(1e-9));
  // A point outside the domain gets the nearest edge column's state.
  CHECK(met->surface_at(0, -40, 9000).ustar == met->surface_at(0, 50, 1950).ustar);
  CHECK(met->surface_at(0, 7000, -1).ustar == met->surface_at(0, 4950, 50).ustar);
}

TEST_CASE("the network changes at the next hour boundary of any station") {
  NetworkCase c;
  c.file("a.csv", hours("3.0,0,D,400,,10"));
  // Station b has a row at 01:30: its 01:00 row holds until then.
  c.file("b.csv", kHeader + "2026-01-15T01:00,3,90,D,800,,20\n2026-01-15T01:30,3,95,D,800,,20\n" +
                      "2026-01-15T02:30,3,99,D,800,,20\n");
  c.met("kind = \"stations\"\n" + station("a", "a.csv", 1550, 1050) +
        station("b", "b.csv", 3550, 1050));
  const auto met = make_met_provider(c.scenario());
  CHECK(met->next_change(0) == 1800);
  CHECK(met->next_change(1800) == 3600);
  CHECK(met->next_change(3600) == 5400);
}

TEST_CASE("each station's file errors name that station's file and key") {
  auto network = [](NetworkCase& c) {
    c.met("kind = \"stations\"\n" + station("a", "a.csv", 1550, 1050) +
          station("b", "b.csv", 3550, 1050));
  };
  {  // a bad row in the run's hours, in the second station's file
    NetworkCase c;
    c.file("a.csv", hours("3.0,0,D,400,,10"));
    std::string b = hours("3.0,90,D,800,,20");
    b = replaced(b, "2026-01-15T02:00,3.0", "2026-01-15T02:00,fast");
    c.file("b.csv", b);
    network(c);
    CHECK(c.error() == c.path("b.csv") +
                           ":4: column 'wind_speed': cannot read 'fast' as a number; allowed: a "
                           "number");
  }
  {  // a gap: reported at the second station's `file` key
    NetworkCase c;
    c.file("a.csv", hours("3.0,0,D,400,,10"));
    c.file("b.csv", kHeader + "2026-01-15T01:00,3,90,D,800,,20\n");
    network(c);
    const std::string msg = c.error();
    INFO(msg);
    CHECK(msg.rfind("t.toml:" + std::to_string(line_containing(c.text, "file = \"b.csv\"")) +
                        ": key 'met.station[1].file': no met data for 2026-01-15T02:00:00+08:00 "
                        "(station file '" +
                        c.path("b.csv") + "')",
                    0) == 0);
  }
  {  // a missing file
    NetworkCase c;
    c.file("a.csv", hours("3.0,0,D,400,,10"));
    network(c);
    CHECK(c.error().rfind(c.path("b.csv") + ":1: station file: does not exist", 0) == 0);
  }
  {  // an unusable wind profile: at that station's anemometer_height
    NetworkCase c;
    c.file("a.csv", hours("3.0,0,D,400,,10"));
    c.file("b.csv", hours("3.0,90,-1,800,,20"));
    c.met("kind = \"stations\"\n" + station("a", "a.csv", 1550, 1050) +
          station("b", "b.csv", 3550, 1050) + "z0 = 3.0\n");
    const std::string msg = c.error();
    INFO(msg);
    CHECK(msg.rfind("t.toml:" + std::to_string(line_containing(c.text, "name = \"b\"") - 1) +
                        ": key 'met.station[1].anemometer_height': too close to z0 = 3 m",
                    0) == 0);
    CHECK(msg.find("(station file '" + c.path("b.csv") + "' line 3)") != std::string::npos);
  }
}

TEST_CASE("two opposite stations: the projected wind is divergence-free and smooth between them") {
  // The first guess above converges at the midpoint (-4.26e-3 /s); the
  // Sherman projection the run applies (host/solver/wind_projection.hpp)
  // must remove it everywhere while keeping the field smooth: no jump
  // between neighbouring faces larger than the first guess's steepest, and
  // u still monotone from the west station to the east one.
  NetworkCase c;
  c.file("w.csv", hours("4.0,270,D,800,,10"));
  c.file("e.csv", hours("4.0,90,D,800,,10"));
  c.met("kind = \"stations\"\nz0 = 0.3\n" + station("west", "w.csv", 1000, 1050) +
        station("east", "e.csv", 4000, 1050));
  const Scenario s = c.scenario();
  const Grid& g = s.grid;
  const MetFields first = make_met_provider(s)->fields(0);
  MetFields m = first;
  const auto projector = make_wind_projector(BackendChoice::cpu, g, s.boundaries, {});
  const WindProjectionReport r = projector->project(m);
  const int nx = g.nx, ny = g.ny, nz = g.nz;
  auto U = [&](const MetFields& f, int i, int j, int k) {
    return double(f.u[(std::size_t(k) * ny + j) * (nx + 1) + i]);
  };
  auto V = [&](const MetFields& f, int i, int j, int k) {
    return double(f.v[(std::size_t(k) * (ny + 1) + j) * nx + i]);
  };
  auto W = [&](const MetFields& f, int i, int j, int k) {
    return double(f.w[(std::size_t(k) * ny + j) * nx + i]);
  };
  double umax = 0, worst_div = 0, jump_first = 0, jump_after = 0;
  for (float u : m.u) umax = std::max(umax, std::abs(double(u)));
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i) {
        const double div = (U(m, i + 1, j, k) - U(m, i, j, k)) / g.dx +
                           (V(m, i, j + 1, k) - V(m, i, j, k)) / g.dy +
                           (W(m, i, j, k + 1) - W(m, i, j, k)) / g.dz(k);
        worst_div = std::max(worst_div, std::abs(div) * g.dx / umax);
        jump_first = std::max(jump_first, std::abs(U(first, i + 1, j, k) - U(first, i, j, k)));
        jump_after = std::max(jump_after, std::abs(U(m, i + 1, j, k) - U(m, i, j, k)));
        if (j + 1 < ny)
          jump_after = std::max(jump_after, std::abs(V(m, i, j + 1, k) - V(m, i, j, k)));
      }
  MESSAGE("projected in " << r.iterations << " iterations: max divergence " << r.divergence_before
                          << " -> " << worst_div << " of |u|/dx; steepest face-to-face jump "
                          << jump_first << " -> " << jump_after << " m/s");
  CHECK(r.converged);
  CHECK(worst_div < 1e-6);
  CHECK(jump_after <= jump_first);
  for (int i = 11; i <= 40; ++i) CHECK(U(m, i, 10, 0) < U(m, i - 1, 10, 0));
}
