// Area, line and volume sources: exact cell overlaps and emitted mass equal
// to the requested mass to 1e-6 relative.
#include <doctest/doctest.h>

#include <cmath>
#include <numeric>

#include "host/emissions/emission_model.hpp"
#include "host/emissions/footprint.hpp"
#include "host/geometry/geometry.hpp"

using namespace airshed;

namespace {

Grid test_grid() { return Grid{50, 40, 6, 37.0, 53.0, stretched_levels(6, 10, 1.4)}; }

double weight_sum(const std::vector<CellWeight>& w) {
  return std::accumulate(w.begin(), w.end(), 0.0,
                         [](double a, const CellWeight& c) { return a + c.weight; });
}

double total_rate(const std::vector<CellEmission>& e) {
  double t = 0;
  for (const auto& c : e) t += c.rate;
  return t;
}

}  // namespace

TEST_CASE("area source: concave polygon spreads its exact area") {
  const Grid g = test_grid();
  // A concave, clockwise "U" over many cells.
  const std::vector<Vec2> u{{100, 100},  {100, 1500},  {300, 1500},  {300, 400},
                            {1200, 400}, {1200, 1500}, {1400, 1500}, {1400, 100}};
  const auto w = area_footprint(g, u, 0);
  CHECK(weight_sum(w) == doctest::Approx(1.0).epsilon(1e-12));
  // One interior cell of the left arm, fully covered: weight = dx dy / area.
  const double area = std::abs(signed_area(u));
  CHECK(area == doctest::Approx(200 * 1400 * 2 + 900 * 300.0));
  double cell_w = 0;
  for (const auto& c : w)
    if (c.cell == g.index(4, 10, 0)) cell_w = c.weight;  // x 148-185, y 530-583: inside
  CHECK(cell_w == doctest::Approx(37.0 * 53.0 / area).epsilon(1e-12));
}

TEST_CASE("line source: length weighting, edges shared, width strips") {
  const Grid g = test_grid();
  // Along the cell edge x = 37 * 10: split between both columns, sum still 1.
  const auto edge = line_footprint(g, {{370, 10}, {370, 1900}}, 0, 0);
  CHECK(weight_sum(edge) == doctest::Approx(1.0).epsilon(1e-12));
  const auto diag = line_footprint(g, {{10, 10}, {1700, 1300}, {1750, 2000}}, 0, 0);
  CHECK(weight_sum(diag) == doctest::Approx(1.0).epsilon(1e-12));
  // A road strip 30 m wide along the south edge reaches outside the domain
  // and is folded back: the sum is still 1.
  const auto wide = line_footprint(g, {{10, 5}, {1800, 5}}, 30, 0);
  CHECK(weight_sum(wide) == doctest::Approx(1.0).epsilon(1e-12));
}

TEST_CASE("volume source: overlap volumes over stretched layers") {
  const Grid g = test_grid();
  const auto w = volume_footprint(g, {500, 500}, {90, 70, 25}, 3);
  CHECK(weight_sum(w) == doctest::Approx(1.0).epsilon(1e-12));
}

TEST_CASE("emitted mass of area and line sources equals the requested mass") {
  Scenario s;
  s.grid = test_grid();
  s.start = *parse_iso8601("2026-01-15T00:00:00+08:00");
  ScenarioSpecies sp;
  sp.spec.name = "X";
  sp.emission_to_solver = 1e6;  // ug
  s.species = {sp};
  Source area;
  area.kind = SourceKind::area;
  area.vertices = {{100, 100}, {1000, 200}, {1300, 1700}, {700, 900}, {200, 1600}};
  area.rates = {2.5e-5};  // g/s/m2
  Source road;
  road.kind = SourceKind::line;
  road.vertices = {{50, 60}, {900, 1000}, {1800, 1100}};
  road.width = 18;
  road.rates = {0.002};  // g/s/m
  Source narrow = road;
  narrow.width = 0;
  s.sources = {area, road, narrow};

  const SurfaceState met;
  for (std::size_t i = 0; i < s.sources.size(); ++i) {
    Scenario one = s;
    one.sources = {s.sources[i]};
    const double requested = s.sources[i].rates[0] * rate_extent(s.sources[i]) * 1e6;  // ug/s
    const double emitted = total_rate(EmissionModel(one).at(0, met));
    CHECK(emitted == doctest::Approx(requested).epsilon(1e-6));
  }
  // Road: 0.002 g/s/m over sqrt(850^2 + 940^2) + sqrt(900^2 + 100^2) m
  const double length = std::hypot(850.0, 940.0) + std::hypot(900.0, 100.0);
  CHECK(rate_extent(road) == doctest::Approx(length).epsilon(1e-12));
}

TEST_CASE("temporal profile factors follow the local clock") {
  TemporalProfile p;
  p.hour_of_day[8] = 2.0;
  p.day_of_week[3] = 0.5;  // Thursday
  p.month[0] = 3.0;        // January
  // 2026-01-15T08:30+08:00 is a Thursday in January, hour 8.
  const auto t = parse_iso8601("2026-01-15T08:30:00+08:00");
  CHECK(profile_factor(&p, local_calendar(*t)) == doctest::Approx(3.0));
  CHECK(profile_factor(nullptr, local_calendar(*t)) == 1.0);
}
