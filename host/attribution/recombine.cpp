#include "host/attribution/recombine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "host/statistics/receptor_rows.hpp"

namespace airshed::attribution {

using statistics::SeriesStatistics;

namespace {

std::vector<Threshold> thresholds_of(const Contributions& c, const std::string& species) {
  std::vector<Threshold> out;
  for (const Threshold& t : c.thresholds)
    if (t.species == species) out.push_back(t);
  return out;
}

// x = sum_k f_k c_k, summed in float64 over the tags in file order, then
// rounded once to float32: the run's statistics take float32 samples.
inline float combine(const double* f, const double* c, std::size_t nk, std::size_t stride) {
  double x = 0;
  for (std::size_t k = 0; k < nk; ++k) x += f[k] * c[k * stride];
  return float(x);
}
inline float combine(const double* f, const float* c, std::size_t nk, std::size_t stride) {
  double x = 0;
  for (std::size_t k = 0; k < nk; ++k) x += f[k] * double(c[k * stride]);
  return float(x);
}

void receptor_statistics(const Contributions& c, const SpeciesContributions& sp,
                         const std::vector<FactorSet>& sets, SpeciesResults& out) {
  const std::size_t nt = c.nt(), nk = c.ntags(), nr = c.nr(), ns = sets.size();
  auto config =
      statistics::species_config(c.output_interval_s, c.start, c.duration_s, out.thresholds);
  config.keep_daily_means = true;  // receptors: the daily series, as the run keeps it
  SeriesStatistics st(ns * nr, config);
  std::vector<float> v(ns * nr);
  for (std::size_t t = 0; t < nt; ++t) {
    const double* at = sp.receptors.data() + t * nk * nr;
    for (std::size_t s = 0; s < ns; ++s) {
      const double* f = sets[s].factor.data();
      for (std::size_t r = 0; r < nr; ++r) v[s * nr + r] = combine(f, at + r, nk, nr);
    }
    st.add(c.time[t], v.data());
  }
  st.finish();
  std::vector<statistics::ReceptorStatistic> rows;
  for (std::size_t i = 0; i < ns * nr; ++i) {
    rows.clear();
    statistics::append_receptor_rows(st, i, c.receptors[i % nr], sp.info, out.thresholds, c.start,
                                     rows);
    if (i == 0) {
      for (const auto& row : rows) {
        out.statistic.push_back(row.statistic);
        out.units.push_back(row.units);
        // The date of a daily mean names the column; other `when`s (the
        // time of a maximum) are per series and not kept.
        out.when.push_back(row.statistic == "daily_mean" ? row.when : "");
      }
      out.values.reserve(ns * nr * rows.size());
    }
    for (const auto& row : rows) out.values.push_back(row.value);
  }
}

double nan_max(const std::vector<float>& v) {
  double m = std::numeric_limits<double>::quiet_NaN();
  for (float x : v)
    if (!std::isnan(x) && (std::isnan(m) || x > m)) m = x;
  return m;
}

void ground_statistics(const Contributions& c, std::size_t species,
                       const std::vector<FactorSet>& sets, std::size_t memory,
                       SpeciesResults& out) {
  const std::size_t nt = c.nt(), nk = c.ntags(), cells = c.ny * c.nx, ns = sets.size();
  const auto config =
      statistics::species_config(c.output_interval_s, c.start, c.duration_s, out.thresholds);
  // What one scenario's accumulators over the ground cells hold (float64
  // hour and period sums, 24 hourly means, the maxima, exceedances, the
  // kept top daily values): a generous per-cell estimate.
  const std::size_t per_scenario =
      cells * (16 + 24 * 4 + 6 * 4 + 8 * config.thresholds.size() + 64);
  const std::size_t block =
      std::max<std::size_t>(1, memory / std::max<std::size_t>(per_scenario, 1));
  out.ground_max_period_mean.assign(ns, 0);
  out.ground_max_hourly_mean.assign(ns, 0);
  out.ground_cells_above.assign(ns, std::vector<long>(config.thresholds.size(), 0));
  GroundReader reader(c, species);
  std::vector<float> slab, v(cells);
  for (std::size_t b0 = 0; b0 < ns; b0 += block) {
    const std::size_t b1 = std::min(ns, b0 + block);
    std::vector<SeriesStatistics> st;
    st.reserve(b1 - b0);
    for (std::size_t s = b0; s < b1; ++s) st.emplace_back(cells, config);
    for (std::size_t t = 0; t < nt; ++t) {
      reader.read(t, slab);
      for (std::size_t s = b0; s < b1; ++s) {
        const double* f = sets[s].factor.data();
        for (std::size_t i = 0; i < cells; ++i) v[i] = combine(f, slab.data() + i, nk, cells);
        st[s - b0].add(c.time[t], v.data());
      }
    }
    for (std::size_t s = b0; s < b1; ++s) {
      SeriesStatistics& g = st[s - b0];
      g.finish();
      out.ground_max_period_mean[s] = nan_max(g.period_mean);
      out.ground_max_hourly_mean[s] = nan_max(g.max_hourly_mean);
      for (std::size_t k = 0; k < config.thresholds.size(); ++k)
        for (auto n : g.exceedances[k]) out.ground_cells_above[s][k] += n > 0;
    }
  }
}

}  // namespace

CutResults evaluate_cuts(const Contributions& c, const std::vector<FactorSet>& sets, bool ground,
                         std::size_t ground_memory_bytes) {
  CutResults out;
  out.scenarios.push_back({"baseline", std::vector<double>(c.ntags(), 1.0)});
  for (const FactorSet& s : sets) {
    if (s.factor.size() != c.ntags())
      throw CutsError("scenario '" + s.name + "' has " + std::to_string(s.factor.size()) +
                      " factors for the " + std::to_string(c.ntags()) + " tags of " + c.file);
    out.scenarios.push_back(s);
  }
  out.receptors = c.receptors;
  out.linear = c.linear;
  out.ground = ground;
  out.cell_area_m2 = c.dx * c.dy;
  for (std::size_t n = 0; n < c.species.size(); ++n) {
    const SpeciesContributions& sp = c.species[n];
    SpeciesResults r;
    r.info = sp.info;
    r.thresholds = thresholds_of(c, sp.info.name);
    receptor_statistics(c, sp, out.scenarios, r);
    if (ground) ground_statistics(c, n, out.scenarios, ground_memory_bytes, r);
    out.species.push_back(std::move(r));
  }
  return out;
}

}  // namespace airshed::attribution
