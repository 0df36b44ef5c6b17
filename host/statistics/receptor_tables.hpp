// Regulatory tables of the receptors, one analysis among the recorders
// (fed the snapshots in output units, touching no file; the writers write
// what end() reports: host/output/table_files.hpp). What an impact
// assessment reports (AERMOD's RECTABLE / MAXTABLE / MAXIFILE, HJ 2.2-2018's
// 占标率 tables), from the receptor averages (receptor_averages.hpp):
// - ranks: per receptor, species and averaging (1h, 8h = daily maximum 8-h
//   mean, 24h, period) the 1st ... Nth highest value and when it starts;
// - top: per species and averaging the N highest over all receptors;
// - events: every average above a threshold (exceedance list);
// - compliance: per receptor and threshold the standard's statistic (its
//   assessment percentile, or the maximum), the limit, the value as a
//   percentage of it (占标率), the largest average's percentage and the
//   number of averages above the limit;
// each on the basis "project" (the run's own concentrations) and, for a
// species with a background (receptor_background.hpp), "project+background"
// (HJ 2.2-2018 §8.8: the contribution superposed on the existing
// concentration, hour by hour, before any averaging).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "host/core/run_observer.hpp"
#include "host/statistics/receptor_averages.hpp"
#include "host/statistics/receptor_background.hpp"
#include "host/statistics/receptor_sampling.hpp"

namespace airshed::statistics {

struct TableReceptor {
  std::string name;
  double x, y, z;   // local metres from the south-west corner; z above ground
  double lon, lat;  // degrees, through the model's own projection (host/scenario/projection.hpp)
};

// One average: where it starts (s since the run's start) and how long it is.
struct TableAverage {
  std::size_t receptor;  // index into TableResults::receptors
  std::string species, units, averaging, basis;
  double value;
  double start_s, hours;  // period: the run's first averaged hour and its length
};

struct RankedAverage {
  int rank;  // 1 = highest
  TableAverage average;
};

struct ExceedanceEvent {
  std::string label;  // the threshold's
  double limit;
  TableAverage average;
};

struct ComplianceRow {
  std::size_t receptor;
  std::string species, units, label, averaging, basis;
  std::string statistic;          // e.g. "max_hourly_mean", "daily_mean_p98", "period_mean"
  double value, limit, percent;   // value / limit * 100 (NaN without a valid average)
  double max_value, max_percent;  // the largest average of that averaging
  long exceedances, averages;     // averages above the limit, valid averages
};

// Hourly means of one species at every receptor, in time order.
struct HourlyTable {
  std::string species, units, basis;
  std::vector<double> start_s;             // each hour's start, s since the run's start
  std::vector<std::vector<float>> values;  // [hour][receptor], NaN where not valid
};

struct TableResults {
  std::vector<TableReceptor> receptors;
  std::vector<RankedAverage> ranks, top;
  std::vector<ExceedanceEvent> events;
  std::vector<ComplianceRow> compliance;
  std::vector<HourlyTable> hourly;
};

struct TableOptions {
  int ranks = 10;                            // per receptor and averaging: 1st ... Nth highest
  int top = 50;                              // per species and averaging, over all receptors
  std::vector<std::string> standard_tables;  // data/standards/*.csv, as StatisticsOptions
  bool include_uncertain_standards = false;
  // Already read (ReceptorBackground::read, before anything is written), for
  // "project+background"; at most one per species.
  std::vector<ReceptorBackground> backgrounds;
};

class ReceptorTables : public OutputRecorder {
 public:
  ReceptorTables(TableOptions options, std::function<void(const TableResults&)> report)
      : options_(std::move(options)), report_(std::move(report)) {}

  // Throws std::invalid_argument when the output interval does not divide
  // an hour, std::runtime_error for a malformed standards table, and the
  // one-line ScenarioError for a background file: before any file is touched.
  void begin(const RunInfo& info) override;
  void record(const OutputSnapshot& s) override;
  void end(const RunSummary&) override;
  void save(StateWriter& w) const override;
  void resume(const RunInfo& info, StateReader& r) override;

 private:
  TableResults tables() const;

  TableOptions options_;
  std::function<void(const TableResults&)> report_;
  RunInfo info_;
  std::vector<Threshold> thresholds_;
  std::vector<Stencil> stencils_;
  std::vector<ReceptorAverages> species_;        // per species
  std::vector<ReceptorBackground> backgrounds_;  // per species; empty() when none
};

// The pieces the tables are made of, for tests and for `airshed cuts`:
// the descending order of `averages` (ties: the earlier first), at most n.
std::vector<TimedAverage> highest(std::vector<TimedAverage> averages, std::size_t n);

}  // namespace airshed::statistics
