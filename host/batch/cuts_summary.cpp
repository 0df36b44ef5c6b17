#include "host/batch/cuts_summary.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "host/batch/batch_csv.hpp"

namespace airshed::batch {

using attribution::CutResults;
using attribution::SpeciesResults;

namespace {

std::optional<double> value(double v) {
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<double> change_pct(std::optional<double> v, std::optional<double> base) {
  if (!v || !base || *base == 0) return std::nullopt;
  return 100.0 * (*v - *base) / *base;
}

std::string fmt(double v, const char* f = "%.9g") {
  if (!std::isfinite(v)) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}
std::string fmt(std::optional<double> v, const char* f = "%.9g") { return v ? fmt(*v, f) : ""; }

std::size_t index_of(const SpeciesResults& sp, const std::string& statistic) {
  for (std::size_t s = 0; s < sp.statistic.size(); ++s)
    if (sp.statistic[s] == statistic) return s;
  return sp.statistic.size();
}

// A statistic's CSV column: its name, a daily mean's with its date.
std::string column_of(const SpeciesResults& sp, std::size_t s) {
  return sp.statistic[s] == "daily_mean" ? "daily_mean " + sp.when[s] : sp.statistic[s];
}

}  // namespace

std::string cuts_method(const CutResults& r) {
  return r.linear ? "tags" : std::string("tags, ") + attribution::kEstimateLabel;
}

std::vector<SummaryRow> cuts_summary_rows(const CutResults& r) {
  std::vector<SummaryRow> rows;
  const std::size_t nr = r.receptors.size();
  for (std::size_t s = 0; s < r.scenarios.size(); ++s)
    for (std::size_t i = 0; i < nr; ++i)
      for (const SpeciesResults& sp : r.species) {
        const std::size_t n = sp.statistic.size(), pm = index_of(sp, "period_mean"),
                          mh = index_of(sp, "max_hourly_mean");
        auto at = [&](std::size_t scenario, std::size_t stat) {
          return stat < n ? value(sp.values[r.value_index(scenario, i, stat, n)]) : std::nullopt;
        };
        SummaryRow row{r.scenarios[s].name, r.receptors[i], sp.info.name, sp.info.units,
                       at(s, pm),           at(s, mh),      {},           {}};
        row.period_mean_change_pct = change_pct(row.period_mean, at(0, pm));
        row.max_hourly_change_pct = change_pct(row.max_hourly, at(0, mh));
        rows.push_back(row);
      }
  return rows;
}

std::string cuts_csv(const CutResults& r) {
  // The extra columns: every statistic of any species, first appearance first.
  std::vector<std::string> extra;
  std::map<std::string, std::size_t> col;
  for (const SpeciesResults& sp : r.species)
    for (std::size_t s = 0; s < sp.statistic.size(); ++s) {
      const std::string c = column_of(sp, s);
      if (c == "period_mean" || c == "max_hourly_mean" || col.count(c)) continue;
      col[c] = extra.size();
      extra.push_back(c);
    }
  std::ostringstream o;
  std::string head = summary_csv({});
  head.pop_back();  // the header line's newline
  o << head;
  for (const std::string& c : extra) o << "," << csv_quote(c);
  o << ",method\n";
  const std::string method = csv_quote(cuts_method(r));
  const auto rows = cuts_summary_rows(r);
  const std::size_t nr = r.receptors.size(), nsp = r.species.size();
  for (std::size_t k = 0; k < rows.size(); ++k) {
    std::string line = summary_csv({rows[k]});
    line = line.substr(line.find('\n') + 1);  // the row without the header
    line.pop_back();
    const std::size_t s = k / (nr * nsp), i = k / nsp % nr;
    const SpeciesResults& sp = r.species[k % nsp];
    std::vector<std::string> cells(extra.size());
    const std::size_t n = sp.statistic.size();
    for (std::size_t st = 0; st < n; ++st) {
      const auto it = col.find(column_of(sp, st));
      if (it != col.end()) cells[it->second] = fmt(sp.values[r.value_index(s, i, st, n)]);
    }
    o << line;
    for (const std::string& c : cells) o << "," << c;
    o << "," << method << "\n";
  }
  return o.str();
}

std::string cuts_ground_csv(const CutResults& r) {
  std::ostringstream o;
  o << "scenario,species,statistic,value,units,change_pct,method\n";
  const std::string method = csv_quote(cuts_method(r));
  for (std::size_t s = 0; s < r.scenarios.size(); ++s)
    for (const SpeciesResults& sp : r.species) {
      if (sp.ground_max_period_mean.empty()) continue;
      auto row = [&](const std::string& stat, double v, double base, const std::string& units) {
        o << csv_quote(r.scenarios[s].name) << "," << csv_quote(sp.info.name) << ","
          << csv_quote(stat) << "," << fmt(v) << "," << csv_quote(units) << ","
          << fmt(change_pct(value(v), value(base)), "%.4f") << "," << method << "\n";
      };
      row("max_period_mean", sp.ground_max_period_mean[s], sp.ground_max_period_mean[0],
          sp.info.units);
      row("max_hourly_mean", sp.ground_max_hourly_mean[s], sp.ground_max_hourly_mean[0],
          sp.info.units);
      for (std::size_t k = 0; k < sp.thresholds.size(); ++k) {
        const double cells = double(sp.ground_cells_above[s][k]),
                     base = double(sp.ground_cells_above[0][k]);
        row("cells_above " + sp.thresholds[k].label, cells, base, "1");
        row("area_above " + sp.thresholds[k].label, cells * r.cell_area_m2, base * r.cell_area_m2,
            "m2");
      }
    }
  return o.str();
}

}  // namespace airshed::batch
