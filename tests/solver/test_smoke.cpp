#include <doctest/doctest.h>

#include "host/solver/demo_case.hpp"
#include "host/solver/transport_solver.hpp"

TEST_CASE("demo budget closes") {
  auto d = airshed::make_demo_case(40, 20, 10, 600);
  auto s = airshed::make_solver(airshed::BackendChoice::cpu, d.config);
  s->set_met(d.met);
  s->set_emissions(d.emissions);
  s->advance(600);
  CHECK(std::abs(s->budget(0).relative_residual()) < 1e-5);
}
