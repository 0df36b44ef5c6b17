// Plane geometry below the scenario and the emission model: the predicates
// the scenario validates source shapes with (area, self-crossing) and the
// exact polygon-cell overlap areas and segment-cell overlap lengths the
// emission footprints are built from.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "host/geometry/vec2.hpp"

namespace airshed {

struct Rect {
  double x0, y0, x1, y1;  // x0 < x1, y0 < y1
};

// Signed area (counter-clockwise positive), shoelace formula.
double signed_area(const std::vector<Vec2>& polygon);

// The part of `polygon` inside `r` (Sutherland & Hodgman 1974, "Reentrant
// polygon clipping", Commun. ACM 17, 32-42): exact for any simple polygon
// because the clip window is convex; orientation is preserved.
std::vector<Vec2> clip_to_rect(const std::vector<Vec2>& polygon, const Rect& r);

// The first pair of edges (i, j), i < j, of a closed polygon that are not
// neighbours and still meet (cross or touch), or nullopt for a simple
// polygon. Edge i runs from vertex i to vertex i + 1 (mod n). Consecutive
// coincident vertices make their neighbouring edges meet as well. O(n^2),
// for validating scenario polygons: clip_to_rect() weights are only
// non-negative for simple polygons.
std::optional<std::pair<std::size_t, std::size_t>> first_crossing(const std::vector<Vec2>& polygon);

// Length of segment a-b inside `r` (Liang & Barsky 1984, "A new concept and
// method for line clipping", ACM Trans. Graph. 3, 1-22).
double length_in_rect(const Vec2& a, const Vec2& b, const Rect& r);

// Whether p lies inside a closed polygon (even-odd rule, crossing number;
// O'Rourke, "Computational Geometry in C", 2nd ed. 1998, section 7.4). A
// point on an edge counts as inside for edges facing one way only, so two
// polygons sharing an edge never both hold it.
bool contains(const std::vector<Vec2>& polygon, const Vec2& p);

// Length of [a0, a1] ∩ [b0, b1] (0 when disjoint).
double overlap(double a0, double a1, double b0, double b1);

// The road strip of width w around segment a-b, counter-clockwise.
std::vector<Vec2> strip(const Vec2& a, const Vec2& b, double w);

}  // namespace airshed
