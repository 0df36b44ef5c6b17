// Plane geometry against values computed by hand: clipped areas, clipped
// lengths, interval overlaps, road strips and polygon self-crossings.
#include <doctest/doctest.h>

#include <cmath>

#include "host/geometry/geometry.hpp"

using namespace airshed;

TEST_CASE("Sutherland-Hodgman clip of a triangle against a square") {
  // The triangle x, y >= 0, x + y <= 2 holds all of [0,1]^2: area 1.
  const std::vector<Vec2> tri{{0, 0}, {2, 0}, {0, 2}};
  CHECK(signed_area(clip_to_rect(tri, {0, 0, 1, 1})) == doctest::Approx(1.0));
  // In [0.5, 1.5] x [0, 1] it cuts off the corner above x + y = 2, a right
  // triangle with legs 0.5: area 1 - 0.5 * 0.5 * 0.5 = 0.875.
  CHECK(signed_area(clip_to_rect(tri, {0.5, 0, 1.5, 1})) == doctest::Approx(0.875));
  // Disjoint: nothing left.
  CHECK(signed_area(clip_to_rect(tri, {3, 3, 4, 4})) == doctest::Approx(0.0));
}

TEST_CASE("signed area: counter-clockwise positive, clockwise negative") {
  const std::vector<Vec2> ccw{{0, 0}, {2, 0}, {2, 3}, {0, 3}};
  CHECK(signed_area(ccw) == doctest::Approx(6.0));
  const std::vector<Vec2> cw(ccw.rbegin(), ccw.rend());
  CHECK(signed_area(cw) == doctest::Approx(-6.0));
}

TEST_CASE("Liang-Barsky length of a segment inside a rectangle") {
  CHECK(length_in_rect({-1, 0.5}, {3, 0.5}, {0, 0, 1, 1}) == doctest::Approx(1.0));
  CHECK(length_in_rect({0, 0}, {2, 2}, {0, 0, 1, 1}) == doctest::Approx(std::sqrt(2.0)));
  CHECK(length_in_rect({2, 0}, {2, 5}, {0, 0, 1, 1}) == 0);  // outside, parallel to an edge
}

TEST_CASE("interval overlap and road strips") {
  CHECK(overlap(0, 2, 1, 5) == doctest::Approx(1.0));
  CHECK(overlap(0, 1, 2, 3) == 0);
  // A 10 m road along x from 0 to 100: a 100 m x 10 m rectangle, y in [-5, 5].
  const std::vector<Vec2> s = strip({0, 0}, {100, 0}, 10);
  CHECK(signed_area(s) == doctest::Approx(1000.0));
  for (const Vec2& v : s) CHECK(std::abs(v.y) == doctest::Approx(5.0));
}

TEST_CASE("first_crossing finds a bow tie and passes a simple polygon") {
  const std::vector<Vec2> square{{0, 0}, {1, 0}, {1, 1}, {0, 1}};
  CHECK_FALSE(first_crossing(square).has_value());
  // Swapping two vertices makes edge 1, (1,0)-(0,1), and edge 3, (1,1)-(0,0),
  // cross at the centre.
  const std::vector<Vec2> bow{{0, 0}, {1, 0}, {0, 1}, {1, 1}};
  const auto c = first_crossing(bow);
  REQUIRE(c.has_value());
  CHECK(c->first == 1);
  CHECK(c->second == 3);
}
