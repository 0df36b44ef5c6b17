#include "host/output/hdf5_output.hpp"

#include <cstdio>

namespace airshed::output {

Hdf5Output::Hdf5Output(const std::string& dir, const std::string& name,
                       const FieldSelection& fields)
    : dir_(dir), name_(name), h5_(dir + "/" + name + ".h5", fields), xdmf_(dir, name, fields) {}

void Hdf5Output::begin(const RunInfo& info) {
  h5_.begin(info);
  xdmf_.begin(info);
}

void Hdf5Output::record(const OutputSnapshot& s) {
  h5_.record(s);
  xdmf_.record(s);  // after the HDF5 write it refers to
}

void Hdf5Output::save(StateWriter& w) const {
  h5_.save(w);
  xdmf_.save(w);
}

void Hdf5Output::resume(const RunInfo& info, StateReader& r) {
  h5_.resume(info, r);
  xdmf_.resume(info, r);
}

void Hdf5Output::failed(const RunFailure& f) noexcept {
  h5_.failed(f);
  xdmf_.failed(f);
  if (h5_.intact()) return;
  const std::string dir = dir_ + "/";
  for (const char* x : {".xmf", "_ground.xmf", "_statistics.xmf", "_xdmf.hdf5"})
    std::remove((dir + name_ + x).c_str());
  const bool renamed =
      std::rename((dir + name_ + ".h5").c_str(), (dir + name_ + ".h5.incomplete").c_str()) == 0;
  set_aside_ = {{name_ + ".h5", renamed ? name_ + ".h5.incomplete" : ""}};
  for (const std::string& x : xdmf_.files()) set_aside_.emplace_back(x, "");
}

std::vector<std::string> Hdf5Output::write_statistics(const statistics::Results& r) {
  const std::vector<GroundField> fields = ground_fields(r.ground);
  h5_.write_statistics(fields);
  xdmf_.add_statistics(fields);
  return {name_ + "_statistics.xmf"};
}

}  // namespace airshed::output
