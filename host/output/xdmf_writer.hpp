// OUTDIR/NAME.xmf: an XDMF 3 description of NAME.h5 so ParaView opens the
// run as a time series on the real grid. Uniform levels give a
// 3DCoRectMesh (ORIGIN_DXDYDZ, listed z y x); stretched levels a 3DRectMesh
// whose VXVYVZ node coordinates are the cell faces; over terrain a 3DSMesh
// whose X_Y_Z node coordinates are NAME.h5's nodes/ arrays (cells at their
// heights above sea level). Rewritten atomically
// after each snapshot, so it only ever names times already in the HDF5 file.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "host/core/field_names.hpp"
#include "host/core/run_observer.hpp"

namespace airshed::output {

class XdmfWriter : public OutputRecorder {
 public:
  // `xmf_path` is written; `h5_name` is how it refers to the HDF5 file
  // (relative to the .xmf, so the output directory can be moved).
  XdmfWriter(std::string xmf_path, std::string h5_name)
      : path_(std::move(xmf_path)), h5_(std::move(h5_name)) {}

  void begin(const RunInfo& info) override;
  void record(const OutputSnapshot& s) override;
  void end(const RunSummary&) override {}
  // Checkpoints: the times listed; resume() rewrites the file with them.
  void save(StateWriter& w) const override;
  void resume(const RunInfo& info, StateReader& r) override;

  // Adds a second grid, "statistics", with these ground fields.
  void add_statistics(const std::vector<GroundField>& fields);

 private:
  std::string document() const;
  std::string mesh(int nz_cells) const;  // topology + geometry elements

  std::string path_, h5_;
  RunInfo info_;
  bool terrain_ = false;  // RunInfo::terrain given: a 3DSMesh over NAME.h5's nodes/
  std::vector<double> times_;
  std::vector<std::pair<std::string, std::string>> statistics_;  // name, units
};

}  // namespace airshed::output
