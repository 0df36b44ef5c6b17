// The batch summary: for every finished member, receptor and species the
// period mean and the maximum hourly mean (from the member's
// receptor_summary.csv) and their change relative to the baseline of the
// same met episode, in %.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "host/batch/batch_spec.hpp"

namespace airshed::batch {

struct SummaryRow {
  std::string member, receptor, species, units;
  std::optional<double> period_mean, max_hourly;
  std::optional<double> period_mean_change_pct, max_hourly_change_pct;
};

// Rows in member order, then the receptor/species order of the member's file.
// Members without a receptor_summary.csv (failed, not run) are left out.
std::vector<SummaryRow> batch_summary(const BatchSpec& batch, const std::string& out_dir);

// OUTDIR/summary.csv, written atomically:
// member,receptor,species,units,period_mean,max_hourly_mean,period_mean_change_pct,max_hourly_mean_change_pct
void write_summary_csv(const std::vector<SummaryRow>& rows, const std::string& path);
void print_summary_table(const std::vector<SummaryRow>& rows, std::ostream& out);

}  // namespace airshed::batch
