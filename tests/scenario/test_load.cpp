// Every shipped scenario loads, holds what its file says, and turns into a
// consistent solver configuration, RunInfo and emission list.
#include <doctest/doctest.h>

#include <cmath>

#include "host/emissions/emission_model.hpp"
#include "host/met/met_provider.hpp"
#include "host/run/run_setup.hpp"
#include "host/scenario/load_scenario.hpp"
#include "tests/scenario/geodesic_local.hpp"

using namespace airshed;

namespace {

// Loads, then checks the invariants every scenario must satisfy downstream.
Scenario load_and_check(const std::string& path) {
  const Scenario s = load_scenario(path);
  const TransportConfig cfg = transport_config(s);
  CHECK_NOTHROW(validate(cfg));
  const auto met = make_met_provider(s);
  for (double t = 0; t < s.duration_s; t += 3600) {
    CHECK_NOTHROW(validate(cfg, met->fields(t)));
    const auto e = EmissionModel(s).at(t, met->surface(t));
    for (const CellEmission& c : e) {
      CHECK(c.cell < s.grid.cells());
      CHECK(c.rate > 0);
    }
  }
  const RunInfo info = run_info(s, "cpu");
  CHECK(info.sources.size() == s.sources.size());
  CHECK(info.receptors.size() == s.receptors.size());
  CHECK(info.species.size() == s.species.size());
  return s;
}

}  // namespace

TEST_CASE("scenarios/default.toml") {
  const Scenario s = load_and_check("scenarios/default.toml");
  CHECK(s.name == "default");
  CHECK(s.start_text == "2026-01-15T00:00:00+08:00");
  CHECK(s.duration_s == 86400);
  CHECK(s.output_interval_s == 3600);
  CHECK(s.grid.nx == 40);
  CHECK(s.grid.dx == doctest::Approx(200));
  CHECK(s.grid.nz == 16);
  CHECK(s.grid.dz(0) == doctest::Approx(20));
  CHECK(s.grid.dz(1) == doctest::Approx(24));
  CHECK(s.boundaries.top == TopBoundary::open);
  REQUIRE(s.species.size() == 4);
  CHECK(s.species[0].emission_to_solver == 1e6);  // g -> ug
  // NO2 in ppb: 1 ug/m3 = 24.4654 / 46.0055 ppb at 25 degC, 1 atm.
  CHECK(s.species[1].to_output_units == doctest::Approx(24.4654 / 46.0055).epsilon(1e-5));
  CHECK(s.met.kind == MetKind::station);
  // The spec names the file and where it was named; the provider reads it.
  CHECK(s.met.station_file == "scenarios/met/tianjin_2026-01-15.csv");
  CHECK(s.met.file_site.file == "scenarios/default.toml");
  CHECK(s.met.file_site.key == "met.file");
  CHECK(s.met.file_site.line > 1);
  REQUIRE(s.sources.size() == 5);
  CHECK(s.sources[0].group == "steel");
  {  // 117.73 E, 39.03 N about the corner (117.7, 39.0), from the geodesic
    double x, y;
    test::geodesic_local(117.7, 39.0, 117.73, 39.03, x, y);
    CHECK(s.sources[0].vertices[0].x == doctest::Approx(x).epsilon(1e-9));
    CHECK(s.sources[0].vertices[0].y == doctest::Approx(y).epsilon(1e-9));
  }
  CHECK(s.sources[3].kind == SourceKind::line);
  CHECK(s.sources[3].profile == 0);  // by group "traffic"
  CHECK(s.sources[4].rates[3] == doctest::Approx(4e-6));
  CHECK(s.receptors.size() == 2);
  CHECK(s.output.thresholds.size() == 2);
}

// tools/bench --annual's city case: default.toml's district moved 16 km
// east and north into a 40 km domain of 200 m cells and 30 levels. Given
// in lon/lat, a source's local position about the new origin differs from
// the old one's + 16 km by the meridians' convergence (~0.1 degree over
// 16 km of longitude at 39 N, tens of metres): within half a cell.
TEST_CASE("scenarios/city_annual.toml") {
  const Scenario s = load_and_check("scenarios/city_annual.toml");
  const Scenario d = load_scenario("scenarios/default.toml");
  CHECK(s.grid.nx == 200);
  CHECK(s.grid.ny == 200);
  CHECK(s.grid.nz == 30);
  CHECK(s.grid.dx == doctest::Approx(200));
  CHECK(s.grid.dy == doctest::Approx(200));
  CHECK(s.grid.top() > 2000);
  CHECK(s.grid.top() < 2500);
  CHECK(s.species.size() == 4);
  CHECK(s.met.station_file == "scenarios/met/tianjin_2026-01-15.csv");
  REQUIRE(s.sources.size() == d.sources.size());
  for (std::size_t i = 0; i < s.sources.size(); ++i) {
    CAPTURE(s.sources[i].name);
    REQUIRE(s.sources[i].vertices.size() == d.sources[i].vertices.size());
    for (std::size_t v = 0; v < s.sources[i].vertices.size(); ++v) {
      CHECK(std::abs(s.sources[i].vertices[v].x - d.sources[i].vertices[v].x - 16000) < 100);
      CHECK(std::abs(s.sources[i].vertices[v].y - d.sources[i].vertices[v].y - 16000) < 100);
    }
    CHECK(s.sources[i].rates == d.sources[i].rates);
  }
}

TEST_CASE("scenarios/night_release.toml") {
  const Scenario s = load_and_check("scenarios/night_release.toml");
  CHECK(s.output_interval_s == 300);
  CHECK(s.met.kind == MetKind::uniform);
  CHECK(s.met.uniform.stability_class == 'F');
  CHECK(s.sources[0].kind == SourceKind::volume);
  // Release only in the 01:00 local hour: emissions at t = 0, none an hour later.
  const auto met = make_met_provider(s);
  const EmissionModel e(s);
  CHECK_FALSE(e.at(0, met->surface(0)).empty());
  CHECK(e.at(3600, met->surface(3600)).empty());
}

TEST_CASE("scenarios/odour.toml") {
  const Scenario s = load_and_check("scenarios/odour.toml");
  CHECK(s.species[0].units == "OU/m3");
  CHECK(s.species[0].emission_to_solver == 1);
  CHECK(s.sources[0].kind == SourceKind::area);
  CHECK(s.receptors.size() == 3);
}

TEST_CASE("scenarios/station_network.toml") {
  const Scenario s = load_and_check("scenarios/station_network.toml");
  CHECK(s.met.kind == MetKind::stations);
  REQUIRE(s.met.stations.size() == 3);
  CHECK(s.met.stations[0].file == "scenarios/met/network_port.csv");
  CHECK(s.met.stations[1].anemometer_height == 20);
  CHECK(s.met.stations[2].z0 == 0.3);  // from [met]
  // The harbour's sea breeze from 12:00 (t = 4 h), the land breeze inland:
  // the first guess differs from column to column.
  const auto met = make_met_provider(s);
  CHECK(met->first_guess());
  const SurfaceState harbour = met->surface_at(4 * 3600, 5600, 2400);
  const SurfaceState hills = met->surface_at(4 * 3600, 780, 5230);
  CHECK(harbour.wind_direction == doctest::Approx(110).epsilon(0.05));
  CHECK(hills.wind_direction == doctest::Approx(300).epsilon(0.05));
}
