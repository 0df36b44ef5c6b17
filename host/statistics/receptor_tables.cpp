#include "host/statistics/receptor_tables.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "host/scenario/projection.hpp"
#include "host/statistics/standards.hpp"
#include "host/statistics/top_values.hpp"

namespace airshed::statistics {
namespace {

// The averagings a table ranks, with the series each reads.
struct Ranked {
  const char* averaging;
  const std::vector<TimedAverage> SeriesAverages::*series;
  double hours;
};
constexpr Ranked ranked[] = {{"1h", &SeriesAverages::hourly, 1},
                             {"8h", &SeriesAverages::daily_max_8h, 8},
                             {"24h", &SeriesAverages::daily, 24}};

// The series of a threshold's averaging, and what the standard's
// statistic over it is called.
const std::vector<TimedAverage>* series_of(const SeriesAverages& a, const std::string& averaging) {
  for (const auto& r : ranked)
    if (averaging == r.averaging) return &(a.*r.series);
  return nullptr;
}

std::string statistic_name(const std::string& averaging, int percentile) {
  const std::string base = averaging == "1h"   ? "hourly_mean"
                           : averaging == "8h" ? "daily_max_8h"
                                               : "daily_mean";
  return percentile > 0 ? base + "_p" + std::to_string(percentile) : "max_" + base;
}

// HJ 663-2013's rank rule (top_values.hpp) over every value of `series`.
double percentile_of(const std::vector<TimedAverage>& series, int percent) {
  if (series.empty()) return NAN;
  TopValues top(1, series.size());
  for (const auto& a : series) top.add(0, a.value);
  return top.percentile(0, percent, PercentileRule::hj663);
}

}  // namespace

std::vector<TimedAverage> highest(std::vector<TimedAverage> averages, std::size_t n) {
  std::stable_sort(averages.begin(), averages.end(),
                   [](const TimedAverage& a, const TimedAverage& b) { return a.value > b.value; });
  if (averages.size() > n) averages.resize(n);
  return averages;
}

void ReceptorTables::begin(const RunInfo& info) {
  info_ = info;
  thresholds_ = info.thresholds;
  for (const auto& table : options_.standard_tables)
    for (auto& t : thresholds_for(read_standard_table(table), info.species,
                                  options_.include_uncertain_standards))
      thresholds_.push_back(std::move(t));
  stencils_.clear();
  species_.clear();
  for (const auto& r : info.receptors)
    stencils_.push_back(trilinear_stencil(info.grid, r.x, r.y, r.z));
  const double sod = double(local_seconds_of_day(info.start));
  for (std::size_t n = 0; n < info.species.size(); ++n)
    species_.emplace_back(info.receptors.size(), info.output_interval_s, sod);
  backgrounds_.assign(info.species.size(), {});
  for (auto& b : options_.backgrounds)
    for (std::size_t n = 0; n < info.species.size(); ++n)
      if (info.species[n].name == b.species()) backgrounds_[n] = b;
}

void ReceptorTables::record(const OutputSnapshot& s) {
  std::vector<float> at(stencils_.size());
  for (std::size_t n = 0; n < species_.size(); ++n) {
    for (std::size_t r = 0; r < stencils_.size(); ++r)
      at[r] = float(sample(stencils_[r], s.fields[n].data()));  // as RunStatistics samples
    species_[n].add(s.time_s, at.data());
  }
}

void ReceptorTables::end(const RunSummary&) {
  if (report_) report_(tables());
}

void ReceptorTables::save(StateWriter& w) const {
  w.tag("receptor_tables");
  w.put(std::uint64_t(species_.size()));
  for (const auto& a : species_) a.save(w);
}

void ReceptorTables::resume(const RunInfo& info, StateReader& r) {
  begin(info);
  r.expect("receptor_tables");
  if (r.get<std::uint64_t>() != species_.size()) r.fail("it was written for other species");
  for (auto& a : species_) a.load(r);
}

TableResults ReceptorTables::tables() const {
  TableResults out;
  const LocalProjection proj{info_.origin_lon, info_.origin_lat};
  for (const auto& r : info_.receptors) {
    double lon = 0, lat = 0;
    proj.to_lonlat(r.x, r.y, lon, lat);
    out.receptors.push_back({r.name, r.x, r.y, r.z, lon, lat});
  }
  const std::size_t nr = info_.receptors.size();
  for (std::size_t n = 0; n < species_.size(); ++n) {
    const SpeciesInfo& sp = info_.species[n];
    const ReceptorAverages& ra = species_[n];
    // The project's averages, then with the background superposed hour by hour.
    std::vector<std::pair<std::string, std::vector<SeriesAverages>>> bases(1);
    bases[0].first = "project";
    for (std::size_t r = 0; r < nr; ++r) bases[0].second.push_back(ra.averages(r));
    if (!backgrounds_[n].species().empty()) {
      std::vector<SeriesAverages> sup;
      for (std::size_t r = 0; r < nr; ++r) {
        std::vector<TimedAverage> hourly = bases[0].second[r].hourly;
        double bg_sum = 0;
        for (auto& h : hourly) {
          const double bg = backgrounds_[n].at(r, ra.hour_start_s(h.start_hour));
          h.value = float(double(h.value) + bg);
          bg_sum += bg;
        }
        const std::size_t hours = hourly.size();
        SeriesAverages s = from_hourly(std::move(hourly));
        // The period: the project's own mean plus the background's mean over the same hours.
        s.period_mean =
            hours ? float(double(bases[0].second[r].period_mean) + bg_sum / double(hours)) : NAN;
        sup.push_back(std::move(s));
      }
      bases.emplace_back("project+background", std::move(sup));
    }

    for (const auto& [basis, series] : bases) {
      auto average = [&](std::size_t r, const std::string& averaging, double value, double start_s,
                         double hours) {
        return TableAverage{r, sp.name, sp.units, averaging, basis, value, start_s, hours};
      };
      // Ranks per receptor, and the overall top over all receptors.
      for (const auto& rk : ranked) {
        std::vector<std::pair<TimedAverage, std::size_t>> all;
        for (std::size_t r = 0; r < nr; ++r) {
          const auto& s = series[r].*rk.series;
          int rank = 0;
          for (const auto& a : highest(s, std::size_t(std::max(options_.ranks, 0))))
            out.ranks.push_back({++rank, average(r, rk.averaging, a.value,
                                                 ra.hour_start_s(a.start_hour), rk.hours)});
          for (const auto& a : s) all.push_back({a, r});
        }
        std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
          return a.first.value > b.first.value;
        });
        const std::size_t top = std::min(all.size(), std::size_t(std::max(options_.top, 0)));
        for (std::size_t k = 0; k < top; ++k)
          out.top.push_back(
              {int(k + 1), average(all[k].second, rk.averaging, all[k].first.value,
                                   ra.hour_start_s(all[k].first.start_hour), rk.hours)});
      }
      // The period mean: one value per receptor, ranked over the receptors.
      {
        std::vector<std::size_t> order(nr);
        for (std::size_t r = 0; r < nr; ++r) order[r] = r;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
          return series[a].period_mean > series[b].period_mean;
        });
        const double first = ra.hour_start_s(ra.hour_of(info_.output_interval_s));
        const double hours = (info_.duration_s - std::max(first, 0.0)) / 3600.0;
        for (std::size_t r = 0; r < nr; ++r)
          out.ranks.push_back({1, average(r, "period", series[r].period_mean, 0, hours)});
        const std::size_t top = std::min(nr, std::size_t(std::max(options_.top, 0)));
        for (std::size_t k = 0; k < top; ++k)
          out.top.push_back(
              {int(k + 1), average(order[k], "period", series[order[k]].period_mean, 0, hours)});
      }
      // Exceedance events and compliance per threshold of this species.
      for (const Threshold& th : thresholds_) {
        if (th.species != sp.name || th.averaging == "instant") continue;
        const bool period = th.averaging == "annual" || th.averaging == "period";
        for (std::size_t r = 0; r < nr; ++r) {
          ComplianceRow c{r,   sp.name,  sp.units, th.label, th.averaging, basis, "",
                          NAN, th.value, NAN,      NAN,      NAN,          0,     0};
          if (period) {
            c.statistic = "period_mean";
            c.value = c.max_value = series[r].period_mean;
            c.averages = std::isnan(c.value) ? 0 : 1;
            if (c.value > th.value) {
              c.exceedances = 1;
              out.events.push_back({th.label, th.value, average(r, "period", c.value, 0, 0)});
            }
          } else {
            const std::vector<TimedAverage>* s = series_of(series[r], th.averaging);
            if (!s) continue;
            c.statistic = statistic_name(th.averaging, th.percentile);
            c.averages = long(s->size());
            double mx = NAN;
            for (const auto& a : *s) {
              if (std::isnan(mx) || a.value > mx) mx = a.value;
              if (a.value > th.value) {
                ++c.exceedances;
                const double hours = th.averaging == "1h" ? 1 : th.averaging == "8h" ? 8 : 24;
                out.events.push_back(
                    {th.label, th.value,
                     average(r, th.averaging, a.value, ra.hour_start_s(a.start_hour), hours)});
              }
            }
            c.max_value = mx;
            c.value = th.percentile > 0 ? percentile_of(*s, th.percentile) : mx;
          }
          c.percent = 100.0 * c.value / th.value;
          c.max_percent = 100.0 * c.max_value / th.value;
          out.compliance.push_back(std::move(c));
        }
      }
      // The hourly means of every receptor (a wide table per species and basis).
      HourlyTable h{sp.name, sp.units, basis, {}, {}};
      std::vector<long long> hours;
      for (std::size_t r = 0; r < nr; ++r)
        for (const auto& a : series[r].hourly) hours.push_back(a.start_hour);
      std::sort(hours.begin(), hours.end());
      hours.erase(std::unique(hours.begin(), hours.end()), hours.end());
      for (long long hr : hours) h.start_s.push_back(ra.hour_start_s(hr));
      h.values.assign(hours.size(), std::vector<float>(nr, NAN));
      for (std::size_t r = 0; r < nr; ++r)
        for (const auto& a : series[r].hourly) {
          const auto k = std::lower_bound(hours.begin(), hours.end(), a.start_hour) - hours.begin();
          h.values[std::size_t(k)][r] = a.value;
        }
      out.hourly.push_back(std::move(h));
    }
  }
  return out;
}

}  // namespace airshed::statistics
