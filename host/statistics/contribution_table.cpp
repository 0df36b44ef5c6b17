#include "host/statistics/contribution_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>

#include "host/statistics/top_values.hpp"

namespace airshed::statistics {

void TaggedSeries::add(double t_s, std::vector<double> total_at, std::vector<double> tags_at) {
  times.push_back(t_s);
  total.push_back(std::move(total_at));
  tag.push_back(std::move(tags_at));
}

void TaggedSeries::save(StateWriter& w) const {
  w.tag("tagged_series");
  w.put(std::uint64_t(tags));
  w.put(times);
  for (std::size_t i = 0; i < times.size(); ++i) {
    w.put(total[i]);
    w.put(tag[i]);
  }
}

void TaggedSeries::load(StateReader& r) {
  r.expect("tagged_series");
  tags = std::size_t(r.get<std::uint64_t>());
  r.get(times);
  total.assign(times.size(), {});
  tag.assign(times.size(), {});
  for (std::size_t i = 0; i < times.size(); ++i) {
    r.get(total[i]);
    r.get(tag[i]);
  }
}

namespace {

// A set of samples averaged together: their indices into the series.
struct Window {
  std::string when;
  std::vector<std::size_t> samples;
};

// The mean over `w` of the total (tag < 0) or of tag `tag` at receptor r.
double mean(const TaggedSeries& s, const std::vector<std::size_t>& samples, int tag, std::size_t r,
            std::size_t nr) {
  double sum = 0;
  for (std::size_t i : samples)
    sum += tag < 0 ? s.total[i][r] : s.tag[i][std::size_t(tag) * nr + r];
  return samples.empty() ? 0.0 : sum / double(samples.size());
}

}  // namespace

std::vector<ContributionRow> contribution_rows(const TaggedSeries& s, const ContributionConfig& c) {
  std::vector<ContributionRow> rows;
  if (s.times.empty()) return rows;
  const std::size_t nr = s.total[0].size(), nt = s.tags;
  // Local clock seconds at t = 0.
  const double local0 = double(c.start.utc_epoch_s) + double(c.start.offset_minutes) * 60.0;
  // Local hour of each sample, as SeriesStatistics::hour_of decides it.
  const auto samples_per_hour = std::size_t(std::lround(3600.0 / c.output_interval_s));
  const std::size_t min_samples = (3 * samples_per_hour + 3) / 4;
  std::map<long long, std::vector<std::size_t>> hours;
  std::vector<std::size_t> all;  // the samples after the start: every average's
  for (std::size_t i = 0; i < s.times.size(); ++i) {
    if (!(s.times[i] > 0)) continue;  // t = 0 enters only the instantaneous maximum
    all.push_back(i);
    const double local = local0 + s.times[i] - 1e-6 * c.output_interval_s;
    hours[(long long)std::floor(local / 3600.0)].push_back(i);
  }
  std::vector<Window> valid_hours;
  std::map<long long, std::vector<long long>> days;  // local day -> its valid hours
  for (const auto& [h, idx] : hours)
    if (idx.size() >= min_samples) {
      const double t0 = double(h) * 3600.0 - local0;  // hour start, s since start
      valid_hours.push_back({format_iso8601(c.start, t0), idx});
      days[(long long)std::floor(double(h) / 24.0)].push_back(h);
    }
  // A day's mean is the mean of its valid hourly means: per receptor the
  // weights of a sample are 1 / (hours * samples of its hour).
  struct Day {
    std::string when;
    std::vector<std::vector<std::size_t>> hours;
  };
  std::vector<Day> valid_days;
  for (const auto& [d, hs] : days) {
    if (hs.size() < 20) continue;
    Day day;
    day.when = format_iso8601(c.start, double(d) * 86400.0 - local0).substr(0, 10);
    for (long long h : hs) day.hours.push_back(hours[h]);
    valid_days.push_back(day);
  }
  auto day_mean = [&](const Day& d, int tag, std::size_t r) {
    double sum = 0;
    for (const auto& h : d.hours) sum += mean(s, h, tag, r, nr);
    return sum / double(d.hours.size());
  };

  for (std::size_t r = 0; r < nr; ++r) {
    auto row = [&](const std::string& stat, const std::string& when, double value,
                   const std::vector<double>& parts) {
      ContributionRow x;
      x.receptor = r;
      x.statistic = stat;
      x.when = when;
      x.value = value;
      x.tag_values = parts;
      rows.push_back(std::move(x));
    };
    std::vector<double> parts(nt);
    // Period mean: every sample after the start.
    if (!all.empty()) {
      for (std::size_t k = 0; k < nt; ++k) parts[k] = mean(s, all, int(k), r, nr);
      row("period_mean", "", mean(s, all, -1, r, nr), parts);
    }
    // Maximum snapshot (t = 0 included): its time.
    std::size_t imax = 0;
    for (std::size_t i = 1; i < s.times.size(); ++i)
      if (s.total[i][r] > s.total[imax][r]) imax = i;
    for (std::size_t k = 0; k < nt; ++k) parts[k] = s.tag[imax][k * nr + r];
    row("max_instant", format_iso8601(c.start, s.times[imax]), s.total[imax][r], parts);
    // Maximum hourly mean: its hour.
    if (!valid_hours.empty()) {
      std::size_t best = 0;
      for (std::size_t h = 1; h < valid_hours.size(); ++h)
        if (mean(s, valid_hours[h].samples, -1, r, nr) >
            mean(s, valid_hours[best].samples, -1, r, nr))
          best = h;
      for (std::size_t k = 0; k < nt; ++k)
        parts[k] = mean(s, valid_hours[best].samples, int(k), r, nr);
      row("max_hourly_mean", valid_hours[best].when, mean(s, valid_hours[best].samples, -1, r, nr),
          parts);
    }
    if (valid_days.empty()) continue;
    // Daily means, ascending: the maximum and the percentiles' days.
    std::vector<std::size_t> order(valid_days.size());
    std::vector<double> dm(valid_days.size());
    for (std::size_t d = 0; d < valid_days.size(); ++d) {
      order[d] = d;
      dm[d] = day_mean(valid_days[d], -1, r);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return dm[a] < dm[b]; });
    const std::size_t n = order.size();
    auto ranked = [&](const std::string& stat, std::size_t lo, std::size_t hi, double w) {
      const Day& a = valid_days[order[lo - 1]];
      const Day& b = valid_days[order[hi - 1]];
      for (std::size_t k = 0; k < nt; ++k)
        parts[k] = (1 - w) * day_mean(a, int(k), r) + w * day_mean(b, int(k), r);
      const double v = (1 - w) * dm[order[lo - 1]] + w * dm[order[hi - 1]];
      row(stat, w == 0 || lo == hi ? a.when : a.when + "/" + b.when, v, parts);
    };
    ranked("max_daily_mean", n, n, 0.0);
    for (int pct : {90, 95, 98}) {
      const Ranks k = ranks(pct, PercentileRule::hj663, n);
      ranked("daily_mean_p" + std::to_string(pct), k.lo, k.hi, k.w);
    }
    const Ranks us = ranks(98, PercentileRule::us_appendix, n);
    ranked("daily_mean_p98_us", us.lo, us.hi, us.w);
  }
  return rows;
}

}  // namespace airshed::statistics
