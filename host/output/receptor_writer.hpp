// Receptor outputs: OUTDIR/receptors.csv, one row per output time, receptor
// and species (appended and flushed at each snapshot, so it is complete up
// to the last written time), and OUTDIR/receptor_summary.csv, the
// statistics per receptor written atomically at the end. Values are
// trilinear interpolations between cell centres (receptor_sampling.hpp).
#pragma once

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "host/core/run_observer.hpp"
#include "host/output/writer.hpp"
#include "host/statistics/receptor_sampling.hpp"
#include "host/statistics/run_statistics.hpp"

namespace airshed::output {

class ReceptorWriter : public Writer {
 public:
  explicit ReceptorWriter(std::string dir) : dir_(std::move(dir)) {}

  void begin(const RunInfo& info) override;
  void record(const OutputSnapshot& s) override;
  void end(const RunSummary&) override;  // throws when the close fails
  // Truncates receptors.csv to the last fully written time. Never throws.
  void failed(const RunFailure&) noexcept override;
  // Checkpoints: the length of receptors.csv; resume() cuts the file back to
  // it (rows a killed run wrote after the checkpoint) and appends from there.
  void save(StateWriter& w) const override;
  void resume(const RunInfo& info, StateReader& r) override;

  std::vector<std::string> files() const override { return {"receptors.csv"}; }
  // receptor_summary.csv from the receptor statistics.
  std::vector<std::string> write_statistics(const statistics::Results& r) override;
  void write_summary(const std::vector<statistics::ReceptorStatistic>& rows) const;

  std::string series_path() const { return dir_ + "/receptors.csv"; }
  std::string summary_path() const { return dir_ + "/receptor_summary.csv"; }

 private:
  std::string dir_;
  RunInfo info_;
  std::vector<statistics::Stencil> stencils_;
  std::ofstream series_;
  std::streamoff good_size_ = -1;  // bytes of receptors.csv known to be on disk

  [[noreturn]] void throw_write_error(const std::string& what) const;
};

// A CSV field: quoted when it holds a comma or quote; NaN becomes empty.
std::string csv_field(const std::string& s);
std::string csv_number(double v);

}  // namespace airshed::output
