// [domain]: where the grid sits, its cells, vertical levels and boundaries.
#include <cmath>

#include "host/scenario/parse_parts.hpp"

namespace airshed::detail {

namespace {

int whole_count(const TomlTable& t, const std::string& key, double v, int index, int hi) {
  if (v != std::floor(v) || v < 1 || v > hi)
    t.fail_at(t.line_of(key), t.key_path(key) + "[" + std::to_string(index) + "]",
              "must be a whole number of cells", "an integer 1..." + std::to_string(hi));
  return int(v);
}

void parse_levels(const TomlTable& d, Scenario& s) {
  const TomlTable lv = d.table("levels");
  lv.allow({"count", "first_layer", "stretch", "interfaces"});
  if (lv.has("interfaces")) {
    if (lv.has("count") || lv.has("first_layer") || lv.has("stretch"))
      lv.fail("interfaces", "given together with count/first_layer/stretch",
              "either interfaces, or count + first_layer + stretch");
    s.grid.z_faces = lv.numbers("interfaces", -1, non_negative(20000));
    const auto& z = s.grid.z_faces;
    if (z.size() < 2 || z.size() > 129 || z[0] != 0.0)
      lv.fail("interfaces", "must start at 0 and hold 2..129 heights",
              "[0, z1, z2, ...] strictly increasing, m");
    for (std::size_t k = 1; k < z.size(); ++k)
      if (!(z[k] > z[k - 1]))
        lv.fail_at(lv.line_of("interfaces"),
                   lv.key_path("interfaces") + "[" + std::to_string(k) + "]",
                   "heights must increase strictly", "[0, z1, z2, ...] strictly increasing, m");
  } else {
    const int count = int(lv.integer("count", 1, 128));
    const double first = lv.number("first_layer", closed(0.1, 1000));
    const double stretch = lv.number("stretch", closed(1.0, 2.0));
    s.grid.z_faces = stretched_levels(count, first, stretch);
    if (s.grid.top() > 20000)
      lv.fail("stretch", "puts the model top at " + std::to_string(s.grid.top()) + " m",
              "a model top <= 20000 m");
  }
  s.grid.nz = int(s.grid.z_faces.size()) - 1;
}

void parse_boundaries(const TomlTable& d, Scenario& s) {
  const auto b = d.table_opt("boundaries");
  if (!b) return;
  b->allow({"x", "y", "top"});
  const std::vector<std::string> lateral = {"open", "periodic", "closed"};
  auto side = [&](const char* key) {
    const std::string v = b->choice_or(key, "open", lateral);
    return v == "open"       ? LateralBoundary::open
           : v == "periodic" ? LateralBoundary::periodic
                             : LateralBoundary::closed;
  };
  s.boundaries.x = side("x");
  s.boundaries.y = side("y");
  s.boundaries.top = b->choice_or("top", "closed", {"closed", "open"}) == "open"
                         ? TopBoundary::open
                         : TopBoundary::closed;
}

}  // namespace

void parse_domain(const TomlTable& root, Scenario& s) {
  const TomlTable d = root.table("domain");
  d.allow({"origin", "size", "cells", "levels", "boundaries", "courant", "advection",
           "steps_per_hour"});
  const TomlTable o = d.table("origin");
  o.allow({"lon", "lat"});
  s.origin_lon = o.number("lon", closed(-180, 180));
  // The local projection degenerates towards the poles.
  s.origin_lat = o.number("lat", closed(-85, 85));

  const auto size = d.numbers("size", 2, closed(10, 2e6));
  const auto cells = d.numbers("cells", 2, positive());
  s.grid.nx = whole_count(d, "cells", cells[0], 0, 4096);
  s.grid.ny = whole_count(d, "cells", cells[1], 1, 4096);
  s.grid.dx = size[0] / s.grid.nx;
  s.grid.dy = size[1] / s.grid.ny;
  // Horizontal advection (docs/scenario-format.md, "Large time steps"):
  // with ffsl the Courant number may exceed 1 and the step follows
  // steps_per_hour (at most 3600 / N s) instead.
  // upwind: first order, linear (exact cuts from tags; docs/tagging.md).
  const std::string advection = d.choice_or("advection", "muscl", {"muscl", "ffsl", "upwind"});
  s.ffsl = advection == "ffsl";
  s.upwind_advection = advection == "upwind";
  s.courant = d.number_or("courant", 0.5, Range{0, s.ffsl ? max_ffsl_courant : 0.5, true, false});
  if (d.has("steps_per_hour")) {
    if (!s.ffsl)
      d.fail("steps_per_hour", "is given without advection = \"ffsl\"",
             "advection = \"ffsl\" with steps_per_hour, or neither");
    s.steps_per_hour = int(d.integer("steps_per_hour", 1, 3600));
  }
  parse_levels(d, s);
  parse_boundaries(d, s);
}

}  // namespace airshed::detail
