// The committed validation results (validation/prairie_grass_statistics.csv)
// as the regression truth of the validation run: the test writes into the
// build tree and compares its statistics with the committed ones, so a
// change of the model's answer is seen in review, not silently committed.
#pragma once

#include <string>
#include <vector>

#include "tools/validation/evaluation.hpp"

namespace airshed::validation {

// Tolerance of the comparison: |new - committed| <= abs_tol + rel_tol |committed|
// for FB, NMSE, MG, VG and FAC2, and the same number of pairs. The run is
// deterministic for one build (-ffp-contract=off, no reassociation); the
// tolerance admits what another compiler, instruction set or sanitizer
// build may change in float rounding (a few 1e-6 of a concentration), a
// thousandth of the statistics' scale, far below any change of the model.
constexpr double committed_abs_tol = 1e-3;
constexpr double committed_rel_tol = 1e-3;

// One line per statistic outside the tolerance (or row missing either
// side); empty when the table matches the file. Throws when the file cannot
// be read.
std::vector<std::string> compare_with_committed(const std::vector<StatRow>& table,
                                                const std::string& statistics_csv);

}  // namespace airshed::validation
