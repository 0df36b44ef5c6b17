#include "host/statistics/receptor_rows.hpp"

#include <cmath>

namespace airshed::statistics {
namespace {

std::string when_of(const Instant& start, float t) {
  return std::isnan(t) ? std::string() : format_iso8601(start, t);
}

}  // namespace

SeriesStatisticsConfig species_config(double output_interval_s, const Instant& start,
                                      double duration_s, const std::vector<Threshold>& thresholds) {
  SeriesStatisticsConfig c;
  c.output_interval_s = output_interval_s;
  c.start_seconds_of_day = double(local_seconds_of_day(start));
  c.duration_s = duration_s;
  c.percentiles = {90, 95, 98};
  for (const Threshold& t : thresholds)
    c.thresholds.push_back({parse_averaging(t.averaging), t.value});
  return c;
}

void append_receptor_rows(const SeriesStatistics& r, std::size_t i, const std::string& receptor,
                          const SpeciesInfo& sp, const std::vector<Threshold>& thresholds,
                          const Instant& start, std::vector<ReceptorStatistic>& out) {
  auto row = [&](const std::string& stat, double v, const std::string& units,
                 std::string when = "") {
    out.push_back({receptor, sp.name, stat, v, units, std::move(when)});
  };
  row("max_instant", r.max_instant[i], sp.units, when_of(start, r.time_of_max_instant[i]));
  row("max_hourly_mean", r.max_hourly_mean[i], sp.units);
  row("period_mean", r.period_mean[i], sp.units);
  row("max_daily_mean", r.max_daily_mean[i], sp.units);
  row("max_daily_max_8h", r.max_daily_max_8h[i], sp.units);
  for (int pct : RunStatistics::daily_percentiles)
    row("daily_mean_p" + std::to_string(pct),
        r.daily_mean_percentile(i, pct, PercentileRule::hj663), sp.units);
  row("daily_mean_p98_us", r.daily_mean_percentile(i, 98, PercentileRule::us_appendix), sp.units);
  row("daily_max_8h_p90", r.daily_max_8h_percentile(i, 90, PercentileRule::hj663), sp.units);
  for (std::size_t k = 0; k < thresholds.size(); ++k) {
    const Threshold& th = thresholds[k];
    row("exceedances " + th.label, r.exceedances[k][i], "1");
    if (th.averaging == "instant")
      row("arrival_time " + th.label, r.first_above[k][i], "s",
          when_of(start, r.first_above[k][i]));
  }
  for (std::size_t d = 0; d < r.daily_means.size(); ++d) {
    const double midnight = double(d) * 86400.0 - double(local_seconds_of_day(start));
    row("daily_mean", r.daily_means[d][i], sp.units, format_iso8601(start, midnight).substr(0, 10));
  }
}

}  // namespace airshed::statistics
