// SeriesStatistics against a brute-force computation that keeps the whole
// series and applies the documented rules directly: maxima, means, counts
// and N-th highest values must be exactly equal.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <stdexcept>
#include <vector>

#include "host/statistics/series_statistics.hpp"

using namespace airshed::statistics;

namespace {

struct Brute {
  float max_instant = -1, max_hourly = NAN, max_daily = NAN, max_8h = NAN, period = NAN;
  std::vector<float> daily, max8h;  // valid values only
  std::vector<unsigned> exceed;
};

Brute brute_force(const std::vector<double>& t, const std::vector<float>& v, double interval,
                  double sod, const std::vector<SeriesThreshold>& th) {
  Brute b;
  b.exceed.assign(th.size(), 0);
  std::map<long long, std::vector<float>> hours;  // local hour -> samples
  double period_sum = 0;
  std::size_t period_n = 0;
  for (std::size_t s = 0; s < t.size(); ++s) {
    b.max_instant = std::max(b.max_instant, v[s]);
    for (std::size_t k = 0; k < th.size(); ++k)
      if (th[k].averaging == Averaging::instant && v[s] > th[k].value) ++b.exceed[k];
    if (t[s] <= 0) continue;
    hours[(long long)std::floor((sod + t[s] - 1e-6 * interval) / 3600)].push_back(v[s]);
    period_sum += v[s];
    ++period_n;
  }
  b.period = float(period_sum / period_n);
  const std::size_t per_hour = std::size_t(3600 / interval), need = (3 * per_hour + 3) / 4;
  std::map<long long, std::vector<float>> days;  // day -> 24 hourly means, NaN invalid
  for (auto& [h, xs] : hours) {
    auto& day = days[h / 24];
    if (day.empty()) day.assign(24, NAN);
    if (xs.size() < need) continue;
    double sum = 0;
    for (float x : xs) sum += x;
    const float mean = float(sum / xs.size());
    day[h % 24] = mean;
    b.max_hourly = std::isnan(b.max_hourly) ? mean : std::max(b.max_hourly, mean);
    for (std::size_t k = 0; k < th.size(); ++k)
      if (th[k].averaging == Averaging::hour && mean > th[k].value) ++b.exceed[k];
  }
  for (auto& [d, hv] : days) {
    double sum = 0;
    int n = 0;
    for (float x : hv)
      if (!std::isnan(x)) sum += x, ++n;
    if (n >= 20) {
      const float mean = float(sum / n);
      b.daily.push_back(mean);
      for (std::size_t k = 0; k < th.size(); ++k)
        if (th[k].averaging == Averaging::day && mean > th[k].value) ++b.exceed[k];
    }
    float best = NAN;
    int windows = 0;
    for (int s = 0; s <= 16; ++s) {
      double ws = 0;
      int wn = 0;
      for (int h = s; h < s + 8; ++h)
        if (!std::isnan(hv[h])) ws += hv[h], ++wn;
      if (wn < 6) continue;
      ++windows;
      const float m = float(ws / wn);
      best = std::isnan(best) ? m : std::max(best, m);
    }
    if (windows >= 14) {
      b.max8h.push_back(best);
      for (std::size_t k = 0; k < th.size(); ++k)
        if (th[k].averaging == Averaging::eight_hour && best > th[k].value) ++b.exceed[k];
    }
  }
  if (!b.daily.empty()) b.max_daily = *std::max_element(b.daily.begin(), b.daily.end());
  if (!b.max8h.empty()) b.max_8h = *std::max_element(b.max8h.begin(), b.max8h.end());
  for (std::size_t k = 0; k < th.size(); ++k)
    if (th[k].averaging == Averaging::period) b.exceed[k] = b.period > th[k].value;
  return b;
}

bool same(float a, float b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

}  // namespace

TEST_CASE("series statistics equal brute force on random series") {
  std::mt19937 rng(2026);
  std::lognormal_distribution<float> conc(3.5f, 0.8f);
  const std::vector<SeriesThreshold> th = {{Averaging::instant, 150},
                                           {Averaging::hour, 120},
                                           {Averaging::day, 60},
                                           {Averaging::eight_hour, 80},
                                           {Averaging::period, 40}};
  // (interval, local start, duration): partial first/last days and hours.
  const struct {
    double interval, sod, duration;
  } cases[] = {{900, 5 * 3600.0, 9 * 86400.0 + 5 * 3600},
               {3600, 0, 40 * 86400.0},
               {600, 13.5 * 3600, 3 * 86400.0 + 1800},
               {1200, 23 * 3600.0, 2 * 86400.0}};
  for (const auto& c : cases) {
    CAPTURE(c.interval);
    CAPTURE(c.sod);
    const std::size_t n = 13;
    SeriesStatisticsConfig cfg;
    cfg.output_interval_s = c.interval;
    cfg.start_seconds_of_day = c.sod;
    cfg.duration_s = c.duration;
    cfg.thresholds = th;
    SeriesStatistics stats(n, cfg);
    std::vector<double> times;
    std::vector<std::vector<float>> series(n);
    for (double t = 0; t <= c.duration + 1e-9; t += c.interval) {
      std::vector<float> v(n);
      for (auto& x : v) x = conc(rng);
      stats.add(t, v.data());
      times.push_back(t);
      for (std::size_t i = 0; i < n; ++i) series[i].push_back(v[i]);
    }
    stats.finish();
    for (std::size_t i = 0; i < n; ++i) {
      const Brute b = brute_force(times, series[i], c.interval, c.sod, th);
      CHECK(stats.max_instant[i] == b.max_instant);
      CHECK(same(stats.max_hourly_mean[i], b.max_hourly));
      CHECK(same(stats.max_daily_mean[i], b.max_daily));
      CHECK(same(stats.max_daily_max_8h[i], b.max_8h));
      CHECK(stats.period_mean[i] == b.period);
      CHECK(stats.valid_days() == b.daily.size());
      CHECK(stats.valid_8h_days() == b.max8h.size());
      for (std::size_t k = 0; k < th.size(); ++k) CHECK(stats.exceedances[k][i] == b.exceed[k]);
      std::vector<float> d = b.daily;
      std::sort(d.rbegin(), d.rend());
      // The two highest are kept for any run (capacity >= 2).
      for (std::size_t r = 1; r <= std::min<std::size_t>(2, d.size()); ++r)
        CHECK(stats.nth_highest_daily_mean(i, r) == d[r - 1]);
      if (!d.empty()) {
        // HJ 663 on the sorted valid daily means.
        std::vector<float> a(d.rbegin(), d.rend());
        const double k = 1 + (a.size() - 1) * 0.95;
        const std::size_t s = std::size_t(std::floor(k + 1e-12));
        const double p95 =
            s >= a.size() ? a.back() : a[s - 1] + (double(a[s]) - a[s - 1]) * (k - s);
        CHECK(stats.daily_mean_percentile(i, 95, PercentileRule::hj663) ==
              doctest::Approx(p95).epsilon(1e-12));
      }
    }
  }
}

TEST_CASE("daily series are kept on request and dated from the run's first local day") {
  SeriesStatisticsConfig cfg;
  cfg.output_interval_s = 3600;
  cfg.duration_s = 2 * 86400;
  cfg.keep_daily_means = true;
  SeriesStatistics stats(1, cfg);
  for (int h = 0; h <= 48; ++h) {
    const float v = h <= 24 ? 10.f : 30.f;  // day 1: hours ending 01..24 are 10
    stats.add(h * 3600.0, &v);
  }
  stats.finish();
  REQUIRE(stats.daily_means.size() == 2);
  CHECK(stats.daily_means[0][0] == 10.f);
  CHECK(stats.daily_means[1][0] == 30.f);
  CHECK(stats.valid_hours() == 48);
}

TEST_CASE("an output interval that does not divide an hour is rejected") {
  SeriesStatisticsConfig cfg;
  cfg.output_interval_s = 7000;
  CHECK_THROWS_AS(SeriesStatistics(1, cfg), std::invalid_argument);
  cfg.output_interval_s = 1000;
  CHECK_THROWS_AS(SeriesStatistics(1, cfg), std::invalid_argument);
  cfg.output_interval_s = 7200;
  CHECK_THROWS_AS(SeriesStatistics(1, cfg), std::invalid_argument);
}
