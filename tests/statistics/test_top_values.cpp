// TopValues and the percentile rank rules against sorting the whole series.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "host/statistics/top_values.hpp"

using namespace airshed::statistics;

namespace {

// The rules as written in the standards, on the sorted series.
double hj663(std::vector<float> x, int percent) {
  std::sort(x.begin(), x.end());
  const double k = 1 + (x.size() - 1) * percent / 100.0;
  const std::size_t s = std::size_t(std::floor(k + 1e-12));
  if (s >= x.size()) return x.back();
  return x[s - 1] + (double(x[s]) - x[s - 1]) * (k - s);
}

double us_rank(std::vector<float> x, int percent) {
  std::sort(x.begin(), x.end());
  const std::size_t i = std::size_t(std::floor(percent / 100.0 * x.size() + 1e-9)) + 1;
  return x[std::min(i, x.size()) - 1];
}

}  // namespace

TEST_CASE("TopValues keeps the exact N highest of random series") {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> u(0, 100);
  const std::size_t series = 20, cap = 9;
  TopValues top(series, cap);
  std::vector<std::vector<float>> all(series);
  for (int step = 0; step < 200; ++step)
    for (std::size_t s = 0; s < series; ++s) {
      // Some series repeat values to exercise ties.
      const float v = s % 3 == 0 ? std::round(u(rng) / 10) : u(rng);
      all[s].push_back(v);
      top.add(s, v);
    }
  for (std::size_t s = 0; s < series; ++s) {
    std::vector<float> sorted = all[s];
    std::sort(sorted.rbegin(), sorted.rend());
    for (std::size_t n = 1; n <= cap; ++n) CHECK(top.nth_highest(s, n) == sorted[n - 1]);
    CHECK(std::isnan(top.nth_highest(s, cap + 1)));
    CHECK(top.count(s) == 200);
  }
}

TEST_CASE("percentiles from the kept values equal the rules on the full series") {
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> u(0, 300);
  for (std::size_t n : {1u, 2u, 3u, 20u, 49u, 50u, 51u, 100u, 101u, 300u, 351u, 365u, 366u}) {
    for (int p : {90, 95, 98}) {
      for (auto rule : {PercentileRule::hj663, PercentileRule::us_appendix}) {
        TopValues top(1, needed_capacity(p, rule, n));
        std::vector<float> x;
        for (std::size_t i = 0; i < n; ++i) {
          x.push_back(u(rng));
          top.add(0, x.back());
        }
        const double expected = rule == PercentileRule::hj663 ? hj663(x, p) : us_rank(x, p);
        INFO("n = " << n << ", p = " << p);
        CHECK(top.percentile(0, p, rule) == doctest::Approx(expected).epsilon(1e-12));
      }
    }
  }
}

TEST_CASE("the US rank rule matches 40 CFR 50 App. N Table 1") {
  // Days sampled -> rank (highest) of the 98th percentile.
  const std::pair<std::size_t, std::size_t> table[] = {{50, 1},  {51, 2},  {100, 2}, {101, 3},
                                                       {150, 3}, {151, 4}, {300, 6}, {301, 7},
                                                       {350, 7}, {351, 8}, {366, 8}};
  for (auto [n, rank] : table) {
    TopValues top(1, 20);
    for (std::size_t i = 1; i <= n; ++i) top.add(0, float(i));  // value = ascending rank
    CHECK(top.percentile(0, 98, PercentileRule::us_appendix) == double(n - rank + 1));
  }
  CHECK(needed_capacity(98, PercentileRule::us_appendix, 366) == 8);
}
