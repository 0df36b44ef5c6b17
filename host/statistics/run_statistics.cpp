#include "host/statistics/run_statistics.hpp"

#include <cmath>
#include <stdexcept>

#include "host/statistics/receptor_rows.hpp"
#include "host/statistics/standards.hpp"

namespace airshed::statistics {
namespace {

// The run's thresholds of `species`, and where each is in `all`.
std::vector<Threshold> species_thresholds(const std::vector<Threshold>& all,
                                          const std::string& species,
                                          std::vector<std::size_t>& index) {
  std::vector<Threshold> out;
  for (std::size_t k = 0; k < all.size(); ++k) {
    if (all[k].species != species) continue;
    out.push_back(all[k]);
    index.push_back(k);
  }
  return out;
}

}  // namespace

void RunStatistics::begin(const RunInfo& info) {
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
  for (const auto& sp : info.species) {
    std::vector<std::size_t> index;
    SeriesStatisticsConfig c = species_config(info.output_interval_s, info.start, info.duration_s,
                                              species_thresholds(thresholds_, sp.name, index));
    SeriesStatistics ground(info.grid.columns(), c);
    c.keep_daily_means = true;  // receptors are few: keep their daily series
    SeriesStatistics receptors(info.receptors.size(), c);
    species_.push_back({index, std::move(ground), std::move(receptors)});
  }
}

void RunStatistics::record(const OutputSnapshot& s) {
  for (std::size_t n = 0; n < species_.size(); ++n) {
    const std::vector<float>& f = s.fields[n];
    species_[n].ground.add(s.time_s, f.data());  // lowest layer: first nx*ny values
    std::vector<float> at(stencils_.size());
    for (std::size_t r = 0; r < stencils_.size(); ++r)
      at[r] = float(sample(stencils_[r], f.data()));
    species_[n].receptors.add(s.time_s, at.data());
  }
}

void RunStatistics::end(const RunSummary&) {
  for (auto& ps : species_) {
    ps.ground.finish();
    ps.receptors.finish();
  }
  if (report_) report_({ground_statistics(), receptor_statistics(), threshold_areas()});
}

std::vector<GroundStatistic> RunStatistics::ground_statistics() const {
  std::vector<GroundStatistic> out;
  for (std::size_t n = 0; n < species_.size(); ++n) {
    const SpeciesInfo& sp = info_.species[n];
    const SeriesStatistics& g = species_[n].ground;
    const std::string& u = sp.units;
    auto add = [&](std::string statistic, std::string units, std::string long_name,
                   std::vector<float> values, std::string label = "") {
      out.push_back({sp.name, std::move(statistic), std::move(label), std::move(units),
                     std::move(long_name), std::move(values)});
    };
    add("max_instant", u, "maximum of the snapshots (footprint)", g.max_instant);
    add("time_of_max", "s", "time of the maximum snapshot since start", g.time_of_max_instant);
    add("max_hourly_mean", u, "maximum hourly mean", g.max_hourly_mean);
    add("period_mean", u, "mean of all snapshots after the start", g.period_mean);
    add("max_daily_mean", u, "maximum daily mean", g.max_daily_mean);
    add("max_daily_max_8h", u, "maximum daily maximum 8-hour mean", g.max_daily_max_8h);
    for (int pct : daily_percentiles) {
      std::vector<float> v(g.series());
      for (std::size_t i = 0; i < v.size(); ++i)
        v[i] = float(g.daily_mean_percentile(i, pct, PercentileRule::hj663));
      add("daily_mean_p" + std::to_string(pct), u,
          std::to_string(pct) + "th percentile of daily means (HJ 663 rank rule)", v);
    }
    std::vector<float> us(g.series()), o3(g.series());
    for (std::size_t i = 0; i < us.size(); ++i) {
      us[i] = float(g.daily_mean_percentile(i, 98, PercentileRule::us_appendix));
      o3[i] = float(g.daily_max_8h_percentile(i, 90, PercentileRule::hj663));
    }
    add("daily_mean_p98_us", u, "98th percentile of daily means (40 CFR 50 App. N rank)", us);
    add("daily_max_8h_p90", u, "90th percentile of daily maximum 8-hour means (HJ 663)", o3);
    for (std::size_t k = 0; k < species_[n].threshold_index.size(); ++k) {
      const Threshold& th = thresholds_[species_[n].threshold_index[k]];
      std::vector<float> count(g.series());
      for (std::size_t i = 0; i < count.size(); ++i) count[i] = float(g.exceedances[k][i]);
      add("exceedances", "1", "number of " + th.averaging + " values above " + th.label, count,
          th.label);
      if (th.averaging == "instant")
        add("arrival_time", "s", "first time above " + th.label + " (plume arrival) since start",
            g.first_above[k], th.label);
    }
  }
  return out;
}

std::vector<ReceptorStatistic> RunStatistics::receptor_statistics() const {
  std::vector<ReceptorStatistic> out;
  for (std::size_t n = 0; n < species_.size(); ++n) {
    std::vector<Threshold> thresholds;
    for (std::size_t k : species_[n].threshold_index) thresholds.push_back(thresholds_[k]);
    const SeriesStatistics& r = species_[n].receptors;
    for (std::size_t i = 0; i < r.series(); ++i)
      append_receptor_rows(r, i, info_.receptors[i].name, info_.species[n], thresholds, info_.start,
                           out);
  }
  return out;
}

std::vector<ThresholdArea> RunStatistics::threshold_areas() const {
  std::vector<ThresholdArea> out;
  const double cell_area = info_.grid.dx * info_.grid.dy;
  for (std::size_t n = 0; n < species_.size(); ++n) {
    for (std::size_t k = 0; k < species_[n].threshold_index.size(); ++k) {
      const Threshold& th = thresholds_[species_[n].threshold_index[k]];
      long cells = 0;
      for (auto c : species_[n].ground.exceedances[k]) cells += c > 0;
      out.push_back({th.species, th.label, th.averaging, info_.species[n].units, th.value,
                     cells * cell_area, cells});
    }
  }
  return out;
}

void RunStatistics::save(StateWriter& w) const {
  w.tag("run_statistics");
  w.put(std::uint64_t(species_.size()));
  for (const auto& ps : species_) {
    ps.ground.save(w);
    ps.receptors.save(w);
  }
}

void RunStatistics::resume(const RunInfo& info, StateReader& r) {
  begin(info);
  r.expect("run_statistics");
  if (r.get<std::uint64_t>() != species_.size())
    r.fail("statistics have a different species count");
  for (auto& ps : species_) {
    ps.ground.load(r);
    ps.receptors.load(r);
  }
}

}  // namespace airshed::statistics
