#include "host/output/output_writers.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <utility>

#include "host/core/field_names.hpp"
#include "host/output/atomic_file.hpp"
#include "host/output/cf_files.hpp"
#include "host/output/contributions_writer.hpp"
#include "host/output/hdf5_output.hpp"
#include "host/output/output_dir.hpp"
#include "host/output/receptor_writer.hpp"
#include "host/output/run_json.hpp"
#include "host/output/sha256.hpp"
#include "host/output/table_files.hpp"
#include "host/output/vtk_writer.hpp"
#include "host/output/writer.hpp"
#include "host/statistics/receptor_tables.hpp"
#include "host/statistics/run_statistics.hpp"

namespace airshed::output {

namespace {

// The run fanned out to its recorders: the analyses (the statistics), which
// touch no file, then the writers, each fed the same snapshot converted to
// output units once. run.json is this observer's own record of them all.
class OutputSet : public RunObserver {
 public:
  explicit OutputSet(OutputOptions o) : opt_(std::move(o)) {}

  void begin(const RunInfo& info) override { open(info, nullptr); }
  void resume(const RunInfo& info, StateReader& r) override { open(info, &r); }

  // Every recorder's state, in list order, each under its name so that a
  // checkpoint written with other outputs is refused.
  void save(StateWriter& w) const override {
    w.tag("outputs");
    w.put(std::uint64_t(analyses_.size() + writers_.size()));
    for (const auto& a : analyses_) w.put(a.first);
    for (const auto& wr : writers_) w.put(wr.first);
    for (const auto& a : analyses_) a.second->save(w);
    for (const auto& wr : writers_) wr.second->save(w);
  }

  void snapshot(const Snapshot& s) override {
    const OutputSnapshot converted =
        in_output_units(s, record_.info.species, record_.info.tagging.species);
    for (auto& a : analyses_) a.second->record(converted);
    for (auto& w : writers_) w.second->record(converted);
  }

  // The analyses end first: the statistics hand their results to every
  // writer (statistics_ready) before the writers close their files.
  void end(const RunSummary& summary) override {
    for (auto& a : analyses_) a.second->end(summary);
    for (auto& w : writers_) w.second->end(summary);
    record_.summary = &summary;
    write_file_atomically(record_.info.output_dir + "/run.json", run_json(record_));
    record_.summary = nullptr;
  }

  // Every file keeps only what was fully written: the HDF5 file and
  // receptors.csv are cut back to the last output time, the XDMF sidecar and
  // the .pvd never listed more. run.json then says "failed" and why; if even
  // that write fails, it still says "running", which claims nothing.
  void failed(const RunFailure& f) noexcept override {
    if (!begun_) return;
    auto& files = record_.files;
    for (auto& w : writers_) {
      w.second->failed(f);
      for (const auto& [gone, kept_as] : w.second->set_aside()) {
        files.erase(std::remove(files.begin(), files.end(), gone), files.end());
        if (!kept_as.empty()) record_.incomplete.push_back(kept_as);
      }
    }
    record_.failure = &f;
    try {
      write_file_atomically(record_.info.output_dir + "/run.json", run_json(record_));
    } catch (const std::exception&) {
    }
    record_.failure = nullptr;
  }

 private:
  // Sets up every recorder for `info`: fresh files, or with `resume` the
  // files a checkpointed run left, carried on from the checkpoint.
  void open(const RunInfo& info, StateReader* resume) {
    const std::string dir = info.output_dir;
    const std::string name = safe_name(opt_.name.empty() ? info.scenario_name : opt_.name);
    if (opt_.statistics)
      analyses_.emplace_back(
          "statistics",
          std::make_unique<statistics::RunStatistics>(
              statistics::StatisticsOptions{opt_.standard_tables, opt_.include_uncertain_standards},
              [this](const statistics::Results& r) { statistics_ready(r); }));
    if (opt_.statistics && opt_.receptors && !info.receptors.empty()) {
      statistics::TableOptions t;
      t.ranks = opt_.table_ranks;
      t.top = opt_.table_top;
      t.standard_tables = opt_.standard_tables;
      t.include_uncertain_standards = opt_.include_uncertain_standards;
      t.backgrounds = opt_.backgrounds;
      analyses_.emplace_back("tables", std::make_unique<statistics::ReceptorTables>(
                                           std::move(t), [this](const statistics::TableResults& r) {
                                             tables_ready(r);
                                           }));
    }
    if (opt_.hdf5)
      writers_.emplace_back("hdf5", std::make_unique<Hdf5Output>(dir, name, opt_.fields));
    // The CF view, converted from NAME.h5 once that writer closed it.
    if (opt_.hdf5)
      writers_.emplace_back("cf",
                            std::make_unique<CfFiles>(dir, name, opt_.statistics, opt_.fields));
    if (opt_.vtk) writers_.emplace_back("vtk", std::make_unique<VtkWriter>(dir, name, opt_.fields));
    if (opt_.receptors && !info.receptors.empty())
      writers_.emplace_back("receptors", std::make_unique<ReceptorWriter>(dir));
    // Source attribution (docs/tagging.md): whenever the run carries tags.
    if (!info.tagging.tags.empty())
      writers_.emplace_back("contributions", std::make_unique<ContributionsWriter>(dir));
    if (resume) check_recorders(*resume);

    // Analyses first: the statistics reject an interval that does not
    // divide an hour before any file is created or an earlier run's files
    // are removed.
    for (auto& a : analyses_) resume ? a.second->resume(info, *resume) : a.second->begin(info);

    // Locked for as long as this observer lives; nothing in the directory
    // is touched before the lock is held (output_dir.hpp).
    lock_ = prepare_output_dir(dir, name, !resume, opt_.confine_to_working_directory).lock;
    record_ = RunRecord{info, "", {}, {}, {}, nullptr, nullptr};
    begun_ = true;
    if (!info.scenario_file.empty()) record_.scenario_sha256 = sha256_file(info.scenario_file);
    for (auto& w : writers_) {
      resume ? w.second->resume(info, *resume) : w.second->begin(info);
      for (auto& f : w.second->files()) record_.files.push_back(std::move(f));
    }
    write_file_atomically(dir + "/run.json", run_json(record_));
  }

  void check_recorders(StateReader& r) const {
    r.expect("outputs");
    bool same = r.get<std::uint64_t>() == analyses_.size() + writers_.size();
    for (const auto& a : analyses_) same = same && r.text() == a.first;
    for (const auto& w : writers_) same = same && r.text() == w.first;
    if (!same) r.fail("it was written with a different choice of outputs");
  }

  void statistics_ready(const statistics::Results& r) {
    for (auto& w : writers_)
      for (auto& f : w.second->write_statistics(r)) record_.files.push_back(std::move(f));
    record_.areas = r.areas;
  }

  void tables_ready(const statistics::TableResults& t) {
    for (auto& f : write_table_files(record_.info.output_dir, record_.info, t))
      record_.files.push_back(std::move(f));
  }

  template <class T>
  using Named = std::vector<std::pair<std::string, std::unique_ptr<T>>>;

  OutputOptions opt_;
  std::shared_ptr<const DirectoryLock> lock_;  // the output directory's, held to the end
  bool begun_ = false;                         // the output directory exists and record_ is filled
  RunRecord record_;
  Named<OutputRecorder> analyses_;
  Named<Writer> writers_;
};

}  // namespace

std::unique_ptr<RunObserver> make_output_writers(const OutputOptions& options) {
  return std::make_unique<OutputSet>(options);
}

}  // namespace airshed::output
