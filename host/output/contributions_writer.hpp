// OUTDIR/contributions.h5 and OUTDIR/contributions.csv: source attribution
// of a tagged run (docs/tagging.md; layout in docs/output-format.md,
// "Contributions"). Only made when the run carries tags (RunInfo::tagging).
//   /time                  float64 [nt]   every snapshot, t = 0 included (as the statistics)
//   /receptors/<species>   float64 [nt][ntags][nr]  sampled as receptors.csv is
//   /ground/<species>      float32 [nt][ntags][ny][nx]  lowest layer
//   /emissions/<species>   float64 [ntags]  mass emitted per tag (g or OU), at the end
// Each series is appended and flushed per snapshot; the receptor series are
// also kept here for contributions.csv (contribution_table.hpp), which the
// statistics' end triggers.
#pragma once

#include <string>
#include <vector>

#include "host/core/run_observer.hpp"
#include "host/output/hdf5_handle.hpp"
#include "host/output/writer.hpp"
#include "host/statistics/contribution_table.hpp"
#include "host/statistics/receptor_sampling.hpp"

namespace airshed::output {

class ContributionsWriter : public Writer {
 public:
  explicit ContributionsWriter(std::string dir) : dir_(std::move(dir)) {}

  void begin(const RunInfo& info) override;
  void record(const OutputSnapshot& s) override;
  void end(const RunSummary& summary) override;
  // Checkpoints: the times written and the receptor series kept; resume()
  // cuts the file back to that count.
  void save(StateWriter& w) const override;
  void resume(const RunInfo& info, StateReader& r) override;
  void failed(const RunFailure& f) noexcept override;

  std::vector<std::string> files() const override { return {"contributions.h5"}; }
  // contributions.csv: each tag's share of the receptor statistics.
  std::vector<std::string> write_statistics(const statistics::Results&) override;

  std::string path() const { return dir_ + "/contributions.h5"; }
  std::string table_path() const { return dir_ + "/contributions.csv"; }

 private:
  void open_datasets();
  void append(hid_t dataset, hid_t mem_type, const void* data);
  void set_times(hsize_t n);
  void close_all();

  std::string dir_;
  RunInfo info_;
  std::vector<statistics::Stencil> stencils_;
  H5Handle file_, time_;
  std::vector<H5Handle> receptors_, ground_;  // per tagged species
  hsize_t times_written_ = 0;
  // Per tagged species, what contributions.csv is made of: the receptor
  // series of the species (as the statistics see it) and of every tag.
  std::vector<statistics::TaggedSeries> series_;
};

}  // namespace airshed::output
