// Source attribution in the solver (host/solver/tagged_solver.hpp,
// docs/tagging.md): every tag is a field advanced by the same operators in
// the same pass. What holds exactly, what holds to rounding, and each
// tag's own mass budget.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "case_builders.hpp"
#include "host/solver/demo_case.hpp"
#include "host/solver/tagged_solver.hpp"

using namespace airshed;

namespace {

TransportConfig tagged(TransportConfig cfg, std::vector<std::string> tags) {
  cfg.tags = std::move(tags);
  for (auto& sp : cfg.species) sp.tagged = true;
  return cfg;
}

// max |a - b| over the cells, and the largest |a - b| / |b| where |b| is
// above 1e-3 of the field's maximum (below it the rounding of tails
// dominates any relative measure).
struct Difference {
  double of_max = 0, relative = 0;
};
Difference difference(const std::vector<float>& a, const std::vector<float>& b) {
  double peak = 0;
  for (float x : b) peak = std::max(peak, double(std::abs(x)));
  Difference d;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double e = std::abs(double(a[i]) - double(b[i]));
    d.of_max = std::max(d.of_max, e / peak);
    if (std::abs(b[i]) > 1e-3 * peak) d.relative = std::max(d.relative, e / std::abs(b[i]));
  }
  return d;
}

std::vector<float> sum_of(const std::vector<std::vector<float>>& tags) {
  std::vector<double> s(tags[0].size(), 0.0);
  for (const auto& t : tags)
    for (std::size_t i = 0; i < t.size(); ++i) s[i] += t[i];
  return std::vector<float>(s.begin(), s.end());
}

}  // namespace

TEST_CASE("the config expands each tagged species into consecutive per-tag fields") {
  TransportConfig cfg = test::box(4, 3, 2, 10, 10, 10, LateralBoundary::open);
  cfg.species = {{"A", 2.0, 0, 0}, {"B", 3.0, 0, 0}};
  cfg.tags = {"t1", "other", "background"};
  cfg.species[1].tagged = true;
  const TransportConfig inner = with_tags(cfg);
  REQUIRE(inner.species.size() == 4);
  CHECK(inner.species[0].name == "A");
  CHECK(inner.species[1].name == "B[t1]");
  CHECK(inner.species[3].name == "B[background]");
  CHECK(inner.species[1].background == 0.0);
  CHECK(inner.species[2].background == 0.0);
  CHECK(inner.species[3].background == 3.0);
  CHECK(inner.tags.empty());
}

TEST_CASE("one tag holding every emission is the untagged run bit for bit") {
  // The tag field sees exactly the untagged field's operations (background
  // 0, the same emissions, the same steps); the background tag stays 0.
  for (BackendChoice b : {BackendChoice::serial, BackendChoice::cpu}) {
    const DemoCase d = make_demo_case(40, 20, 10, 900);
    auto plain = make_solver(b, d.config);
    auto tags = make_solver(b, tagged(d.config, {"stack", "other", "background"}));
    for (auto* s : {plain.get(), tags.get()}) {
      s->set_met(d.met);
      s->set_emissions(d.emissions);
      s->advance(d.duration_s);
    }
    CHECK(tags->steps_taken() == plain->steps_taken());
    const auto fields = tags->tag_concentrations(0);
    REQUIRE(fields.size() == 3);
    CHECK(fields[0] == plain->concentration(0));
    CHECK(*std::max_element(fields[1].begin(), fields[1].end()) == 0.0f);
    CHECK(*std::max_element(fields[2].begin(), fields[2].end()) == 0.0f);
    CHECK(tags->concentration(0) == plain->concentration(0));
  }
}

TEST_CASE("with the carried air one tag holding every emission is the untagged run bit for bit") {
  TransportConfig cfg = test::box(24, 20, 8, 100.0, 120.0, 0.0, LateralBoundary::closed);
  cfg.grid.z_faces = stretched_levels(8, 4.0, 1.3);
  cfg.carry_air = true;
  const MetFields met = test::random_solenoidal_met(cfg.grid, 6.0, 20.0, 11);
  const std::vector<CellEmission> em{{cfg.grid.index(5, 6, 1), 0, 1e3, 0}};
  auto plain = make_solver(BackendChoice::cpu, cfg);
  auto tags = make_solver(BackendChoice::cpu, tagged(cfg, {"stack", "other", "background"}));
  for (auto* s : {plain.get(), tags.get()}) {
    s->set_met(met);
    s->set_emissions(em);
    const double dt = s->stable_dt();
    for (int n = 0; n < 60; ++n) s->step(dt);
  }
  CHECK(tags->tag_concentrations(0)[0] == plain->concentration(0));
  CHECK(tags->concentration(0) == plain->concentration(0));
}

namespace {

// Convective mixing (ACM2, kernels/acm2.hpp) on every column: a 60 m
// mixing height over the demo case's ~100 m of levels and an unstable 1/L,
// so the column step's shared matrix carries the non-local rows and the
// Sherman-Morrison border column (kernels/tagged_column.hpp).
void make_convective(TransportConfig& cfg, MetFields& met) {
  cfg.convective_mixing = true;
  const std::size_t col = cfg.grid.columns();
  met.mixing_height.assign(col, 60.0f);
  met.inverse_L.assign(col, -0.05f);
  met.ustar.assign(col, 0.4f);
  met.z0.assign(col, 0.1f);
}

}  // namespace

TEST_CASE("convective mixing: one tag holding every emission is the untagged run bit for bit") {
  DemoCase d = make_demo_case(40, 20, 10, 900);
  make_convective(d.config, d.met);
  auto plain = make_solver(BackendChoice::cpu, d.config);
  auto tags = make_solver(BackendChoice::cpu, tagged(d.config, {"stack", "other", "background"}));
  for (auto* s : {plain.get(), tags.get()}) {
    s->set_met(d.met);
    s->set_emissions(d.emissions);
    s->advance(d.duration_s);
  }
  const auto fields = tags->tag_concentrations(0);
  REQUIRE(fields.size() == 3);
  CHECK(fields[0] == plain->concentration(0));
  CHECK(*std::max_element(fields[1].begin(), fields[1].end()) == 0.0f);
  // A run without ACM2 differs: the convective rows were in the solve.
  auto local = make_solver(BackendChoice::cpu, make_demo_case(40, 20, 10, 900).config);
  local->set_met(d.met);
  local->set_emissions(d.emissions);
  local->advance(d.duration_s);
  CHECK(local->concentration(0) != plain->concentration(0));
}

TEST_CASE("convective mixing, calm: the sum of the tags is the untagged run to 1e-6") {
  // As the calm case below (the same rounding argument and bound), with
  // the ACM2 rows and border column in every column's solve.
  DemoCase d = make_demo_case(40, 20, 10, 900);
  MetFields calm = uniform_met(d.config.grid, 0, 0, 0, 15.0, 5.0);
  make_convective(d.config, calm);
  const Grid& g = d.config.grid;
  const std::vector<CellEmission> em{{g.index(8, 10, 2), 0, 1e8, 0},
                                     {g.index(12, 10, 2), 0, 5e7, 1},
                                     {g.index(10, 12, 0), 0, 2e7, 2}};
  TransportConfig cfg = d.config;
  cfg.species[0].background = 3.0;
  auto plain = make_solver(BackendChoice::cpu, cfg);
  auto tags = make_solver(BackendChoice::cpu, tagged(cfg, {"a", "b", "other", "background"}));
  for (auto* s : {plain.get(), tags.get()}) {
    s->set_met(calm);
    s->set_emissions(em);
  }
  const double dt = plain->stable_dt() * 0.99;
  for (int n = 0; n < 40; ++n) {
    plain->step(dt);
    tags->step(dt);
  }
  const Difference diff = difference(sum_of(tags->tag_concentrations(0)), plain->concentration(0));
  MESSAGE("calm, ACM2: sum of 4 tags vs untagged, max relative ", diff.relative);
  CHECK(diff.relative < 1e-6);
}

TEST_CASE("linear processes: the sum of the tags is the untagged run to 1e-6") {
  // Calm air: diffusion (explicit horizontal, implicit vertical),
  // deposition and decay, all linear in c. Each tag field and the untagged
  // field go through the same float32 operations, so the sum differs only
  // by rounding: per step a few units of 2^-24 (6e-8) of the local value,
  // not amplified by the positive, mass-conserving operators, so after
  // N = 40 steps a random walk of ~sqrt(40) * 3 * 6e-8 = 1.1e-6; the
  // issue's 1e-6 is what it asks (measured 3.4e-7).
  const DemoCase d = make_demo_case(40, 20, 10, 900);
  const MetFields calm = uniform_met(d.config.grid, 0, 0, 0, 15.0, 5.0);
  const Grid& g = d.config.grid;
  std::vector<CellEmission> em{{g.index(8, 10, 2), 0, 1e8, 0},
                               {g.index(12, 10, 2), 0, 5e7, 1},
                               {g.index(10, 12, 0), 0, 2e7, 2}};
  TransportConfig cfg = d.config;
  cfg.species[0].background = 3.0;  // the background tag carries it
  auto plain = make_solver(BackendChoice::cpu, cfg);
  auto tags = make_solver(BackendChoice::cpu, tagged(cfg, {"a", "b", "other", "background"}));
  for (auto* s : {plain.get(), tags.get()}) {
    s->set_met(calm);
    s->set_emissions(em);
  }
  const double dt = plain->stable_dt() * 0.99;
  for (int n = 0; n < 40; ++n) {
    plain->step(dt);
    tags->step(dt);
  }
  const Difference diff = difference(sum_of(tags->tag_concentrations(0)), plain->concentration(0));
  MESSAGE("calm: sum of 4 tags vs untagged, max relative ", diff.relative, ", of max ",
          diff.of_max);
  CHECK(diff.relative < 1e-6);
}

TEST_CASE("a uniform background and a source: the sum is the untagged run to rounding under wind") {
  // The limiter reads differences only (mc_jump(c + b) = mc_jump(c) for a
  // constant b) and the open inflow carries the same background, so a
  // plume over a uniform background splits exactly into the two fields up
  // to rounding, wind and all (docs/tagging.md says why two plumes do not).
  DemoCase d = make_demo_case(40, 20, 10, 900);
  d.config.species[0].decay_rate = 0;  // decay and deposition would make the background non-uniform
  d.config.species[0].deposition_velocity = 0;
  d.config.species[0].background = 40.0;
  auto plain = make_solver(BackendChoice::cpu, d.config);
  auto tags = make_solver(BackendChoice::cpu, tagged(d.config, {"other", "background"}));
  for (auto* s : {plain.get(), tags.get()}) {
    s->set_met(d.met);
    s->set_emissions(d.emissions);
    s->advance(d.duration_s);
  }
  const Difference diff = difference(sum_of(tags->tag_concentrations(0)), plain->concentration(0));
  // Rounding as above, over the plan's N steps: sqrt(N) * 3 * 2^-24 (N =
  // 100 here: 1.8e-6; measured 2.0e-6), with a factor 2 of margin for the
  // float rounding of the sum itself.
  const double bound = 2 * std::sqrt(double(plain->steps_taken())) * 3 * std::ldexp(1.0, -24);
  MESSAGE("plume + background under wind: max relative ", diff.relative, " after ",
          plain->steps_taken(), " steps; bound ", bound);
  CHECK(diff.relative < bound);
}

TEST_CASE("each tag's budget closes and the tags' budgets add up to the species'") {
  // Open boundaries, deposition, decay and two sources in a westerly wind:
  // emissions - outflow - deposition - decay = the change in the domain,
  // per tag, to the solver's usual 1e-5 relative (docs/numerics.md).
  const DemoCase d = make_demo_case(40, 20, 10, 1800);
  const Grid& g = d.config.grid;
  std::vector<CellEmission> em = d.emissions;
  em.push_back({g.index(20, 5, 1), 0, 3e7, 1});
  TransportConfig cfg = d.config;
  cfg.species[0].background = 2.0;
  auto tags =
      make_solver(BackendChoice::cpu, tagged(cfg, {"stack", "second", "other", "background"}));
  tags->set_met(d.met);
  tags->set_emissions(em);
  tags->advance(d.duration_s);
  const auto budgets = tags->tag_budgets(0);
  REQUIRE(budgets.size() == 4);
  for (std::size_t k = 0; k < budgets.size(); ++k) {
    const MassBudget& b = budgets[k];
    MESSAGE("tag ", k, ": emitted ", b.emitted, " outflow ", b.outflow, " deposited ", b.deposited,
            " decayed ", b.decayed, " in domain ", b.in_domain, " relative residual ",
            b.relative_residual());
    CHECK(std::abs(b.relative_residual()) < 1e-5);
  }
  CHECK(budgets[0].emitted > 0);
  CHECK(budgets[1].emitted > 0);
  CHECK(budgets[2].emitted == 0.0);
  CHECK(budgets[3].initial > 0);  // the background tag holds the initial field
  const MassBudget total = tags->budget(0);
  CHECK(total.emitted == doctest::Approx(budgets[0].emitted + budgets[1].emitted).epsilon(1e-12));
  CHECK(std::abs(total.relative_residual()) < 1e-5);
}

TEST_CASE("bad tags in emissions and configs are refused") {
  const DemoCase d = make_demo_case(20, 10, 5, 60);
  auto tags = make_solver(BackendChoice::serial, tagged(d.config, {"other", "background"}));
  CHECK_THROWS_AS(tags->set_emissions({{0, 0, 1.0, 2}}), std::invalid_argument);
  CHECK_THROWS_AS(make_solver(BackendChoice::serial, tagged(d.config, {"a", "a"})),
                  std::invalid_argument);
}

TEST_CASE("two plumes under wind: the sum of the tags is the untagged run to rounding") {
  // The limiter is not linear: tags advected on their own would miss the
  // untagged run by up to 5 % of its peak on default.toml over a day.
  // Sharing the total's advective flux (kernels/tagged_sweep.hpp) makes
  // the tags' fluxes add up to the total's: what is left is float32
  // rounding, bounded as above by sqrt(N) * 3 * 2^-24 per unit value with
  // N the steps, times 2 for the rounding of the fractions c_k / T.
  for (BackendChoice b : {BackendChoice::serial, BackendChoice::cpu}) {
    DemoCase d = make_demo_case(40, 20, 10, 1800);
    const Grid& g = d.config.grid;
    d.met = uniform_met(g, 3.0, 1.2, 0, 10.0, 2.0);  // across the grid diagonally
    d.config.species[0].background = 1.5;
    std::vector<CellEmission> em{{g.index(5, 8, 2), 0, 1e8, 0},
                                 {g.index(7, 10, 2), 0, 6e7, 1},
                                 {g.index(5, 12, 0), 0, 2e7, 2}};
    auto plain = make_solver(b, d.config);
    auto tags = make_solver(b, tagged(d.config, {"a", "b", "other", "background"}));
    for (auto* s : {plain.get(), tags.get()}) {
      s->set_met(d.met);
      s->set_emissions(em);
      s->advance(d.duration_s);
    }
    const auto fields = tags->tag_concentrations(0);
    const Difference diff = difference(sum_of(fields), plain->concentration(0));
    const double bound = 2 * 2 * std::sqrt(double(plain->steps_taken())) * 3 * std::ldexp(1.0, -24);
    MESSAGE("two plumes + background under wind: max relative ", diff.relative, " (of max ",
            diff.of_max, ") after ", plain->steps_taken(), " steps; bound ", bound);
    CHECK(diff.relative < bound);
    for (const auto& f : fields) CHECK(*std::min_element(f.begin(), f.end()) >= 0.0f);
  }
}

TEST_CASE(
    "two plumes with vertical advection: the sum of the tags is the untagged run to rounding") {
  // A uniform updraft through an open top: the column kernel's limited
  // vertical flux is shared like the horizontal one (ColumnParams::
  // shared_flux); the bound is the one of the case above.
  DemoCase d = make_demo_case(40, 20, 10, 1800);
  const Grid& g = d.config.grid;
  d.config.boundaries.top = TopBoundary::open;
  d.config.species[0].background = 1.5;
  d.met = uniform_met(g, 3.0, 1.2, 0.05, 10.0, 2.0);
  std::vector<CellEmission> em{{g.index(5, 8, 1), 0, 1e8, 0}, {g.index(7, 10, 2), 0, 6e7, 1}};
  auto plain = make_solver(BackendChoice::cpu, d.config);
  auto tags = make_solver(BackendChoice::cpu, tagged(d.config, {"a", "b", "other", "background"}));
  for (auto* s : {plain.get(), tags.get()}) {
    s->set_met(d.met);
    s->set_emissions(em);
    s->advance(d.duration_s);
  }
  const Difference diff = difference(sum_of(tags->tag_concentrations(0)), plain->concentration(0));
  const double bound = 2 * 2 * std::sqrt(double(plain->steps_taken())) * 3 * std::ldexp(1.0, -24);
  MESSAGE("two plumes, updraft: max relative ", diff.relative, " after ", plain->steps_taken(),
          " steps; bound ", bound);
  CHECK(diff.relative < bound);
  for (const MassBudget& b : tags->tag_budgets(0)) CHECK(std::abs(b.relative_residual()) < 1e-5);
}

TEST_CASE("upwind advection: a partial cut recombined from the tags is a rerun to rounding") {
  // [domain] advection = "upwind" (docs/numerics.md, "Linear advection"):
  // every face value is the upwind cell's, so every operator is linear and
  // 0.3 a + 1 b + background equals a rerun with plume a at 30 %, under
  // wind and an updraft through an open top, to float rounding (the bound
  // of the cases above, for the tags and for the rerun: twice that). With
  // the MC limiter the same cut misses by far more: the test measures the
  // linearity, not a coincidence of the case.
  DemoCase d = make_demo_case(40, 20, 10, 1800);
  const Grid& g = d.config.grid;
  d.config.boundaries.top = TopBoundary::open;
  d.config.species[0].background = 1.5;
  d.met = uniform_met(g, 3.0, 1.2, 0.05, 10.0, 2.0);
  const std::vector<CellEmission> em{{g.index(5, 8, 1), 0, 1e8, 0}, {g.index(7, 10, 2), 0, 6e7, 1}};
  const std::vector<CellEmission> cut{{g.index(5, 8, 1), 0, 0.3 * 1e8, 0},
                                      {g.index(7, 10, 2), 0, 6e7, 1}};
  double error[2] = {0, 0};
  long steps = 0;
  for (int scheme = 0; scheme < 2; ++scheme) {
    TransportConfig cfg = d.config;
    cfg.advection = scheme == 0 ? Advection::upwind : Advection::muscl;
    auto tags = make_solver(BackendChoice::cpu, tagged(cfg, {"a", "b", "other", "background"}));
    auto rerun = make_solver(BackendChoice::cpu, cfg);
    tags->set_met(d.met);
    tags->set_emissions(em);
    tags->advance(d.duration_s);
    rerun->set_met(d.met);
    rerun->set_emissions(cut);
    rerun->advance(d.duration_s);
    const auto f = tags->tag_concentrations(0);
    std::vector<float> recombined(f[0].size());
    for (std::size_t i = 0; i < recombined.size(); ++i)
      recombined[i] = float(0.3 * f[0][i] + double(f[1][i]) + f[2][i] + f[3][i]);
    error[scheme] = difference(recombined, rerun->concentration(0)).relative;
    steps = rerun->steps_taken();
    if (scheme == 0)
      for (const MassBudget& b : tags->tag_budgets(0))
        CHECK(std::abs(b.relative_residual()) < 1e-5);
  }
  const double bound = 2 * 2 * 2 * std::sqrt(double(steps)) * 3 * std::ldexp(1.0, -24);
  MESSAGE("plume a cut to 30 %: max relative |recombined - rerun| ", error[0], " upwind (bound ",
          bound, "), ", error[1], " MC limiter, after ", steps, " steps");
  CHECK(error[0] < bound);
  CHECK(error[1] > 100 * bound);
}
