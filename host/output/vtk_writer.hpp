// VTK XML output for ParaView: one OUTDIR/NAME_NNNNNN.vti (uniform levels),
// .vtr (stretched levels) or, over terrain (RunInfo::terrain), .vts (a
// structured grid whose corners are at their heights above sea level) per
// output time, cell data named with units ("PM2.5 [ug/m3]"),
// zlib-compressed; OUTDIR/NAME.pvd lists them with their real times (s
// since start) and is rewritten atomically after each one. Ground
// statistics go to OUTDIR/NAME_statistics.vti (.vts over terrain), one
// layer thick.
#pragma once

#include <string>
#include <vector>

#include "host/core/field_names.hpp"
#include "host/core/field_selection.hpp"
#include "host/core/run_observer.hpp"
#include "host/output/writer.hpp"

namespace airshed::output {

class VtkWriter : public Writer {
 public:
  // Files are OUTDIR/NAME_*.vt? and OUTDIR/NAME.pvd.
  // `fields`: the species, layers and snapshots of the 3-D files (the
  // statistics file is written whatever it says).
  VtkWriter(std::string dir, std::string name, FieldSelection fields = {})
      : dir_(std::move(dir)), name_(std::move(name)), sel_(std::move(fields)) {}

  void begin(const RunInfo& info) override;
  void record(const OutputSnapshot& s) override;
  void end(const RunSummary&) override {}
  // Checkpoints: the files listed; resume() rewrites the .pvd with them
  // (files a killed run wrote after the checkpoint are overwritten in turn).
  void save(StateWriter& w) const override;
  void resume(const RunInfo& info, StateReader& r) override;

  std::vector<std::string> files() const override { return {name_ + ".pvd"}; }
  // OUTDIR/NAME_statistics.vti with the ground statistics.
  std::vector<std::string> write_statistics(const statistics::Results& r) override;
  void write_statistics(const std::vector<GroundField>& fields);

  std::string pvd_path() const { return dir_ + "/" + name_ + ".pvd"; }
  std::string statistics_path() const {
    return dir_ + "/" + name_ + (structured_ ? "_statistics.vts" : "_statistics.vti");
  }

 private:
  void set_geometry();  // from info_: which grid type, and the corners over terrain
  void write_pvd() const;

  std::string dir_, name_;
  FieldSelection sel_;
  RunInfo info_;
  bool rectilinear_ = false;
  bool structured_ = false;     // over terrain: .vts
  std::vector<double> node_z_;  // over terrain: corner heights above sea level, x fastest
  std::vector<std::pair<double, std::string>> written_;  // time, file name
};

}  // namespace airshed::output
