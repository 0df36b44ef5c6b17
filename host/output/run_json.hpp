// OUTDIR/run.json: what produced this directory and how the run ended, so a
// result can be traced to its inputs (scenario hash) and its budget checked.
// Written atomically at begin ("running"), at end ("complete" or
// "interrupted at ...") and when the run stops with an error ("failed").
#pragma once

#include <string>
#include <vector>

#include "host/core/run_observer.hpp"
#include "host/statistics/run_statistics.hpp"

namespace airshed::output {

struct RunRecord {
  RunInfo info;
  std::string scenario_sha256;          // empty when the scenario is embedded
  std::vector<std::string> files;       // written outputs, relative to OUTDIR
  std::vector<std::string> incomplete;  // set aside after a failed write (NAME.h5.incomplete)
  std::vector<statistics::ThresholdArea> areas;
  const RunSummary* summary = nullptr;  // null while running
  const RunFailure* failure = nullptr;  // set when the run stopped with an error
};

std::string run_json(const RunRecord& r);

// Escapes `s` as a JSON string literal, quotes included.
std::string json_string(const std::string& s);

}  // namespace airshed::output
