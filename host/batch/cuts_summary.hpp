// Emission-cut results (host/attribution/recombine.hpp) as the batch
// summary: the rows `airshed batch` prints (member = scenario, change
// relative to the uncut baseline), and the CSV with every other receptor
// statistic of the run after them; the ground statistics as a second CSV.
#pragma once

#include <string>
#include <vector>

#include "host/attribution/recombine.hpp"
#include "host/batch/batch_summary.hpp"

namespace airshed::batch {

// One row per scenario (baseline first), receptor and species.
std::vector<SummaryRow> cuts_summary_rows(const attribution::CutResults& r);

// "tags" or "tags, estimate (non-linear processes present)": how the
// numbers were obtained (the `method` column).
std::string cuts_method(const attribution::CutResults& r);

// summary_csv()'s eight columns, then every other receptor statistic of the
// run (receptor_summary.csv's names; a daily mean as "daily_mean DATE"; a
// column no row of a species has stays empty there), then `method`.
std::string cuts_csv(const attribution::CutResults& r);

// Ground statistics (CutResults::ground):
// scenario,species,statistic,value,units,change_pct with the statistics
// max_period_mean, max_hourly_mean (the largest over the ground cells),
// "cells_above LABEL" and "area_above LABEL" (m2) per threshold.
std::string cuts_ground_csv(const attribution::CutResults& r);

}  // namespace airshed::batch
