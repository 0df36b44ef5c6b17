#include "host/output/output_writers.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <system_error>

#include "host/core/field_names.hpp"
#include "host/output/atomic_file.hpp"
#include "host/output/hdf5_writer.hpp"
#include "host/output/output_dir.hpp"
#include "host/output/receptor_writer.hpp"
#include "host/output/run_json.hpp"
#include "host/output/run_statistics.hpp"
#include "host/output/sha256.hpp"
#include "host/output/standards.hpp"
#include "host/output/vtk_writer.hpp"
#include "host/output/xdmf_writer.hpp"

namespace airshed::output {

namespace {

class OutputSet : public RunObserver {
 public:
  explicit OutputSet(OutputOptions o) : opt_(std::move(o)) {}

  void begin(const RunInfo& info) override { open(info, nullptr); }
  void resume(const RunInfo& info, StateReader& r) override { open(info, &r); }

  // The writers' states, in the order read_states() reads them back.
  void save(StateWriter& w) const override {
    w.tag("outputs");
    w.put(std::uint8_t(stats_.has_value()));
    w.put(std::uint8_t(h5_.has_value()));
    w.put(std::uint8_t(vtk_.has_value()));
    w.put(std::uint8_t(receptors_.has_value()));
    if (stats_) stats_->save(w);
    if (h5_) {
      h5_->save(w);
      xdmf_->save(w);
    }
    if (vtk_) vtk_->save(w);
    if (receptors_) receptors_->save(w);
  }

  void snapshot(const Snapshot& s) override {
    if (h5_) h5_->snapshot(s);
    if (xdmf_) xdmf_->snapshot(s);  // after the HDF5 write it refers to
    if (vtk_) vtk_->snapshot(s);
    if (receptors_) receptors_->snapshot(s);
    if (stats_) stats_->add(s);
  }

  void end(const RunSummary& summary) override {
    const std::string dir = record_.info.output_dir;
    if (stats_) {
      stats_->finish();
      const auto fields = stats_->ground_fields();
      if (h5_) h5_->write_statistics(fields);
      if (xdmf_) xdmf_->add_statistics(fields);
      if (vtk_) {
        vtk_->write_statistics(fields);
        record_.files.push_back(std::filesystem::path(vtk_->statistics_path()).filename().string());
      }
      if (receptors_) {
        receptors_->write_summary(stats_->receptor_statistics());
        record_.files.push_back("receptor_summary.csv");
      }
      record_.areas = stats_->threshold_areas();
    }
    if (h5_) h5_->end(summary);
    if (receptors_) receptors_->end(summary);
    record_.summary = &summary;
    write_file_atomically(dir + "/run.json", run_json(record_));
    record_.summary = nullptr;
  }

  // Every file keeps only what was fully written: the HDF5 file and
  // receptors.csv are cut back to the last output time, the XDMF sidecar and
  // the .pvd never listed more. run.json then says "failed" and why; if even
  // that write fails, it still says "running", which claims nothing.
  void failed(const RunFailure& f) noexcept override {
    if (!begun_) return;
    if (h5_) {
      h5_->failed(f);
      if (!h5_->intact()) set_aside_hdf5();
    }
    if (receptors_) receptors_->failed(f);
    record_.failure = &f;
    try {
      write_file_atomically(record_.info.output_dir + "/run.json", run_json(record_));
    } catch (const std::exception&) {
    }
    record_.failure = nullptr;
  }

  // An HDF5 file the library could not close consistently is renamed
  // NAME.h5.incomplete and its XDMF sidecar removed, so neither ParaView nor
  // xarray is pointed at it; rename and unlink need no free space.
  void set_aside_hdf5() {
    const std::string dir = record_.info.output_dir + "/";
    std::remove((dir + name_ + ".xmf").c_str());
    if (std::rename((dir + name_ + ".h5").c_str(), (dir + name_ + ".h5.incomplete").c_str()) == 0)
      record_.incomplete.push_back(name_ + ".h5.incomplete");
    auto& files = record_.files;
    for (const std::string& gone : {name_ + ".h5", name_ + ".xmf"})
      files.erase(std::remove(files.begin(), files.end(), gone), files.end());
  }

 private:
  // Sets up every writer for `info`: fresh files, or with `resume` the
  // files a checkpointed run left, carried on from the checkpoint.
  void open(const RunInfo& info, StateReader* resume) {
    const std::string dir = info.output_dir;
    const std::string name = safe_name(opt_.name.empty() ? info.scenario_name : opt_.name);
    std::vector<Threshold> thresholds = info.thresholds;
    for (const auto& table : opt_.standard_tables)
      for (auto& t : thresholds_for(read_standard_table(table), info.species,
                                    opt_.include_uncertain_standards))
        thresholds.push_back(std::move(t));
    // Statistics first: it rejects an interval that does not divide an hour
    // before any file is created or an earlier run's files are removed.
    if (opt_.statistics) stats_.emplace(info, thresholds);

    // Locked for as long as this observer lives; nothing in the directory
    // is touched before the lock is held (output_dir.hpp).
    lock_ = prepare_output_dir(dir, name, !resume, opt_.confine_to_working_directory).lock;
    record_ = RunRecord{info, "", {}, {}, {}, nullptr, nullptr};
    begun_ = true;
    name_ = name;
    if (!info.scenario_file.empty()) record_.scenario_sha256 = sha256_file(info.scenario_file);

    if (opt_.hdf5) {
      h5_.emplace(dir + "/" + name + ".h5");
      xdmf_.emplace(dir + "/" + name + ".xmf", name + ".h5");
      if (!resume) {
        h5_->begin(info);
        xdmf_->begin(info);
      }
      record_.files.insert(record_.files.end(), {name + ".h5", name + ".xmf"});
    }
    if (opt_.vtk) {
      vtk_.emplace(dir, name);
      if (!resume) vtk_->begin(info);
      record_.files.push_back(name + ".pvd");
    }
    if (opt_.receptors && !info.receptors.empty()) {
      receptors_.emplace(dir);
      if (!resume) receptors_->begin(info);
      record_.files.push_back("receptors.csv");
    }
    if (resume) read_states(*resume);
    write_file_atomically(dir + "/run.json", run_json(record_));
  }

  void read_states(StateReader& r) {
    const RunInfo& info = record_.info;
    r.expect("outputs");
    const bool had[4] = {r.get<std::uint8_t>() != 0, r.get<std::uint8_t>() != 0,
                         r.get<std::uint8_t>() != 0, r.get<std::uint8_t>() != 0};
    if (had[0] != stats_.has_value() || had[1] != h5_.has_value() || had[2] != vtk_.has_value() ||
        had[3] != receptors_.has_value())
      r.fail("it was written with a different choice of outputs");
    if (stats_) stats_->load(r);
    if (h5_) {
      h5_->resume(info, r);
      xdmf_->resume(info, r);
    }
    if (vtk_) vtk_->resume(info, r);
    if (receptors_) receptors_->resume(info, r);
  }

  OutputOptions opt_;
  std::shared_ptr<const DirectoryLock> lock_;  // the output directory's, held to the end
  bool begun_ = false;                         // the output directory exists and record_ is filled
  std::string name_;                           // file stem
  RunRecord record_;
  std::optional<RunStatistics> stats_;
  std::optional<Hdf5Writer> h5_;
  std::optional<XdmfWriter> xdmf_;
  std::optional<VtkWriter> vtk_;
  std::optional<ReceptorWriter> receptors_;
};

}  // namespace

std::unique_ptr<RunObserver> make_output_writers(const OutputOptions& options) {
  return std::make_unique<OutputSet>(options);
}

}  // namespace airshed::output
