// Receptor interpolation and the shipped standards tables.
#include <doctest/doctest.h>

#include <array>
#include <cmath>

#include "host/statistics/receptor_sampling.hpp"
#include "host/statistics/standards.hpp"
#include "tests/output/synthetic_run.hpp"

using namespace airshed::statistics;

TEST_CASE("trilinear sampling is exact for linear fields and clamps at the edges") {
  const airshed::RunInfo info = airshed::test::synthetic_info("unused");
  const auto& g = info.grid;
  const airshed::Snapshot s = airshed::test::synthetic_snapshot(info, 0);
  auto linear = [&](double x, double y, double z) {
    return 1e-6 * (1.0 + 0.01 * x + 0.002 * y + 0.05 * z);
  };
  // Inside the band of cell centres the linear field is reproduced.
  for (auto [x, y, z] : {std::array<double, 3>{250, 450, 12},
                         {61, 101, 10},
                         {549, 899, 219},
                         {333.3, 612.5, 77.7}}) {
    const Stencil st = trilinear_stencil(g, x, y, z);
    double wsum = 0;
    for (double w : st.weight) {
      CHECK(w >= 0);
      wsum += w;
    }
    CHECK(wsum == doctest::Approx(1).epsilon(1e-14));
    CHECK(sample(st, s.fields[0].data()) == doctest::Approx(linear(x, y, z)).epsilon(1e-6));
  }
  // Outside it, each coordinate is clamped to the nearest centre.
  CHECK(sample(trilinear_stencil(g, 0, 0, 0), s.fields[0].data()) ==
        doctest::Approx(linear(g.x_centre(0), g.y_centre(0), g.z_centre(0))).epsilon(1e-6));
  CHECK(sample(trilinear_stencil(g, 600, 1000, 1e4), s.fields[0].data()) ==
        doctest::Approx(linear(g.x_centre(5), g.y_centre(4), g.z_centre(3))).epsilon(1e-6));
}

TEST_CASE("the shipped GB 3095-2012 table gives the Grade II limits in species units") {
  const auto table = read_standard_table("data/standards/gb3095-2012.csv");
  CHECK(table.size() == 28);
  std::vector<airshed::SpeciesInfo> species = {
      {"PM2.5", "ug/m3", 1e6, "", ""}, {"CO", "ug/m3", 1e6, "", ""}, {"NO2", "ppb", 1, "", ""}};
  const auto th = thresholds_for(table, species);
  auto find = [&](const std::string& sp, const std::string& label) {
    for (const auto& t : th)
      if (t.species == sp && t.label == label) return t.value;
    return double(NAN);
  };
  CHECK(find("PM2.5", "GB 3095-2012 Grade II 24h") == 75);
  CHECK(find("PM2.5", "GB 3095-2012 Grade II annual") == 35);
  CHECK(find("CO", "GB 3095-2012 Grade II 1h") == 10000);      // 10 mg/m3 in ug/m3
  CHECK(std::isnan(find("NO2", "GB 3095-2012 Grade II 1h")));  // ppb species: not convertible
  // Uncertain rows only on request.
  const auto t26 = read_standard_table("data/standards/gb3095-2026.csv");
  CHECK(thresholds_for(t26, species).empty());
  CHECK(thresholds_for(t26, species, true).size() == 6);  // PM2.5 rows
  CHECK(unit_factor("mg/m3", "ug/m3") == 1000);
  CHECK(unit_factor("ppm", "ppb") == 1000);
  CHECK(unit_factor("ppb", "ug/m3") == 0);
  for (const char* f : {"data/standards/eu-2008-50-ec.csv"}) CHECK(!read_standard_table(f).empty());
}
