// A fresh temporary output directory per test, removed afterwards.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

#include "host/output/output_writers.hpp"
#include "tests/output/synthetic_run.hpp"

namespace airshed::test {

struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& tag)
      : path(std::filesystem::temp_directory_path() /
             ("airshed-output-" + tag + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string str() const { return path.string(); }
};

// Runs the synthetic fields on `info`'s grid through make_output_writers.
inline RunInfo write_run(const RunInfo& info, output::OutputOptions opt = {}) {
  auto out = output::make_output_writers(opt);
  out->begin(info);
  for (double t = 0; t <= info.duration_s + 1e-9; t += info.output_interval_s)
    out->snapshot(synthetic_snapshot(info, t));
  RunSummary summary;
  summary.end_time_s = info.duration_s;
  summary.steps = 42;
  summary.budgets.resize(info.species.size());
  out->end(summary);
  return info;
}

// Runs the synthetic case through make_output_writers; returns its RunInfo.
inline RunInfo write_synthetic_run(const std::string& dir, bool stretched,
                                   output::OutputOptions opt = {}) {
  return write_run(synthetic_info(dir, stretched), std::move(opt));
}

// Output units value the writers store: float(float(solver) * 1e6).
inline float stored_value(const RunInfo& info, int n, int i, int j, int k, double t) {
  return float(double(float(synthetic_value(info, n, i, j, k, t))) *
               info.species[n].to_output_units);
}

}  // namespace airshed::test
