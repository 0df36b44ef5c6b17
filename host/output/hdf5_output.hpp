// The HDF5 file and its XDMF sidecar as one writer: the sidecar only ever
// names what the HDF5 file holds, so they are written, resumed and set
// aside together (hdf5_writer.hpp, xdmf_writer.hpp).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "host/output/hdf5_writer.hpp"
#include "host/output/writer.hpp"
#include "host/output/xdmf_writer.hpp"

namespace airshed::output {

class Hdf5Output : public Writer {
 public:
  // OUTDIR/NAME.h5 and its XDMF files (xdmf_writer.hpp).
  Hdf5Output(const std::string& dir, const std::string& name, const FieldSelection& fields = {});

  void begin(const RunInfo& info) override;
  void record(const OutputSnapshot& s) override;
  void end(const RunSummary& summary) override {
    h5_.end(summary);
    xdmf_.end(summary);
  }
  void save(StateWriter& w) const override;
  void resume(const RunInfo& info, StateReader& r) override;
  // An HDF5 file the library could not close consistently is renamed
  // NAME.h5.incomplete and its sidecar removed, so neither ParaView nor
  // xarray is pointed at it; rename and unlink need no free space.
  void failed(const RunFailure& f) noexcept override;

  std::vector<std::string> files() const override {
    std::vector<std::string> f{name_ + ".h5"};
    for (auto& x : xdmf_.files()) f.push_back(x);
    return f;
  }
  std::vector<std::string> write_statistics(const statistics::Results& r) override;
  std::vector<std::pair<std::string, std::string>> set_aside() const override { return set_aside_; }

 private:
  std::string dir_, name_;
  Hdf5Writer h5_;
  XdmfWriter xdmf_;
  std::vector<std::pair<std::string, std::string>> set_aside_;
};

}  // namespace airshed::output
