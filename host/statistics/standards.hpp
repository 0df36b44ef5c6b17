// Air-quality limit values shipped as versioned, cited tables in
// data/standards/*.csv (columns documented there and in
// docs/output-format.md). A row applies to a run species of the same name
// whose units are in the same family (mass per volume, or mixing ratio);
// its value is converted to the species' units.
#pragma once

#include <string>
#include <vector>

#include "host/core/run_observer.hpp"

namespace airshed::statistics {

struct StandardRow {
  std::string standard, species, averaging, statistic, grade, units, status, source;
  double value = 0;
};

// Throws std::runtime_error naming the file and line on a malformed row.
std::vector<StandardRow> read_standard_table(const std::string& path);

// Rows of `table` that apply to `species`, as thresholds in the species'
// units, labelled "<standard> <grade> <averaging>". Rows whose status is not
// "cited" are skipped unless `include_uncertain`.
std::vector<Threshold> thresholds_for(const std::vector<StandardRow>& table,
                                      const std::vector<SpeciesInfo>& species,
                                      bool include_uncertain = false);

// The percentile a row's `statistic` text names ("daily mean (98th
// percentile in HJ 663 assessment)" -> 98); 0 when it names none (the
// limit then applies to every average, i.e. to the maximum).
int assessment_percentile(const std::string& statistic);

// Factor from `from` to `to` units (ug/m3, mg/m3, g/m3; ppb, ppm), or 0
// when they are not convertible.
double unit_factor(const std::string& from, const std::string& to);

}  // namespace airshed::statistics
