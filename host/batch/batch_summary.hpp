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
// Members without a receptor_summary.csv (failed, not run) are left out, and
// so are finished members whose batch settings or input files changed since
// they ran (member_outdated); those are listed in `left_out` ("MEMBER: why").
std::vector<SummaryRow> batch_summary(const BatchSpec& batch, const std::string& out_dir,
                                      std::vector<std::string>* left_out = nullptr);

// The summary CSV text (RFC 4180 quoting of names):
// member,receptor,species,units,period_mean,max_hourly_mean,period_mean_change_pct,max_hourly_mean_change_pct
std::string summary_csv(const std::vector<SummaryRow>& rows);

// OUTDIR/summary.csv, written atomically with every write checked; throws
// std::runtime_error naming the file and the OS reason (the old file is
// then unchanged).
void write_summary_csv(const std::vector<SummaryRow>& rows, const std::string& path);

// The terminal table: one line per row whatever the names hold.
void print_summary_table(const std::vector<SummaryRow>& rows, std::ostream& out);

}  // namespace airshed::batch
