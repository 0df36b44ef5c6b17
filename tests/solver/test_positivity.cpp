// A square wave advected diagonally stays within [0, max] (numerics.md test 2).
#include <doctest/doctest.h>

#include <algorithm>

#include "case_builders.hpp"
#include "host/solver/transport_solver.hpp"

using namespace airshed;

TEST_CASE("square wave advected diagonally stays in [0, max], no negative value anywhere") {
  for (LateralBoundary bc : {LateralBoundary::periodic, LateralBoundary::open}) {
    TransportConfig cfg = test::box(64, 64, 4, 10.0, 10.0, 10.0, bc);
    auto solver = make_solver(BackendChoice::cpu, cfg);
    solver->set_met(uniform_met(cfg.grid, 3.0, 2.0, 0.0, 0.0, 0.0));
    std::vector<float> c(cfg.grid.cells(), 0.0f);
    for (int k = 0; k < 4; ++k)
      for (int j = 10; j < 30; ++j)
        for (int i = 10; i < 30; ++i) c[cfg.grid.index(i, j, k)] = 1.0f;
    solver->set_concentration(0, c);
    float lo = 0, hi = 1;
    for (int n = 0; n < 20; ++n) {
      solver->advance(10.0);
      const auto f = solver->concentration(0);
      lo = std::min(lo, *std::min_element(f.begin(), f.end()));
      hi = std::max(hi, *std::max_element(f.begin(), f.end()));
    }
    MESSAGE("boundary ", int(bc), ": min ", lo, " max ", hi);
    CHECK(lo >= 0.0f);
    CHECK(hi <= 1.0f + 1e-6f);
  }
}
