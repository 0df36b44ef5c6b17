// Hdf5Writer's recovery: carrying a checkpointed file on from where the
// checkpoint was taken, and cutting a failed run's file back to its last
// flushed time (hdf5_writer.hpp).
#include <algorithm>
#include <stdexcept>

#include "host/core/dataset_names.hpp"
#include "host/output/hdf5_writer.hpp"
#include "host/output/output_dir.hpp"

namespace airshed::output {

void Hdf5Writer::save(StateWriter& w) const {
  w.tag("hdf5");
  w.put(std::uint64_t(times_written_));
  w.put(std::uint64_t(fields_written_));
}

void Hdf5Writer::resume(const RunInfo& info, StateReader& r) {
  r.expect("hdf5");
  const hsize_t times = r.get<std::uint64_t>();
  const hsize_t fields = r.get<std::uint64_t>();
  info_ = info;
  select_species();
  require_plain_file_or_absent(path_);
  const H5Handle fapl = file_access_plist();
  file_ = H5Handle(H5Fopen(path_.c_str(), H5F_ACC_RDWR, fapl), H5Fclose,
                   "cannot reopen '" + path_ + "' to resume");
  auto open = [&](const std::string& name) {
    return H5Handle(H5Dopen2(file_, name.c_str(), H5P_DEFAULT), H5Dclose,
                    "'" + path_ + "' has no dataset '" + name + "' to resume");
  };
  x_ = open("x");
  y_ = open("y");
  z_ = open("z");
  time_ = open("time");
  if (own_fields_time()) fields_time_ = open("fields_time");
  if (own_fields_z()) fields_z_ = open("fields_z");
  fields_.clear();
  ground_.clear();
  for (std::size_t n : written_) {
    const std::string name = safe_name(info.species[n].name);
    if (sel_.fields_every > 0) fields_.push_back(open(name));
    if (sel_.ground_every > 0) ground_.push_back(open(name + kGroundSuffix));
  }
  // Each series back to the checkpoint's count of its entries.
  std::vector<std::pair<hid_t, hsize_t>> series{{time_.get(), times}};
  if (own_fields_time()) series.emplace_back(fields_time_.get(), fields);
  for (const auto& d : fields_) series.emplace_back(d.get(), fields);
  for (const auto& d : ground_) series.emplace_back(d.get(), times);
  for (const auto& [d, count] : series) {
    H5Handle space(H5Dget_space(d), H5Sclose, "dataset space");
    const int rank = H5Sget_simple_extent_ndims(space);
    std::vector<hsize_t> dims(std::max(rank, 1));
    H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    if (dims[0] < count)
      throw std::runtime_error("'" + path_ + "' holds " + std::to_string(dims[0]) +
                               " output times, fewer than the checkpoint's " +
                               std::to_string(count) + "; cannot resume");
    dims[0] = count;
    h5_check(H5Dset_extent(d, dims.data()), "cut back " + path_ + " to the checkpoint");
  }
  if (H5Lexists(file_, "statistics", H5P_DEFAULT) > 0)
    h5_check(H5Ldelete(file_, "statistics", H5P_DEFAULT), "drop old statistics in " + path_);
  set_attribute(file_, "status", "running");
  times_written_ = times;
  fields_written_ = fields;
  h5_check(H5Fflush(file_, H5F_SCOPE_GLOBAL), "flush " + path_);
}

void Hdf5Writer::failed(const RunFailure& f) noexcept {
  if (!file_) return;
  try {
    // Back to the last time fully flushed, so every dataset's time length
    // matches `time` and the XDMF sidecar, then say why the run stopped.
    // Best effort: on a full disk these may fail too, and the file keeps
    // status "running", which claims nothing.
    std::vector<std::pair<hid_t, hsize_t>> series{{time_.get(), times_written_}};
    if (fields_time_) series.emplace_back(fields_time_.get(), fields_written_);
    for (const auto& d : fields_) series.emplace_back(d.get(), fields_written_);
    for (const auto& d : ground_) series.emplace_back(d.get(), times_written_);
    for (const auto& [d, count] : series) {
      std::vector<hsize_t> dims(4);
      H5Handle space(H5Dget_space(d), H5Sclose, "dataset space");
      H5Sget_simple_extent_dims(space, dims.data(), nullptr);  // rank <= 4
      dims[0] = count;
      h5_check(H5Dset_extent(d, dims.data()), "shrink dataset in " + path_);
    }
    set_attribute(file_, "status", "failed");
    set_attribute(file_, "failure", f.message);
    close_all();
  } catch (const std::exception&) {
    // The library could not bring the file to a consistent state (its
    // superblock may promise more bytes than reached the disk): the caller
    // must not present it as readable. The handles are dropped without
    // another close attempt.
    intact_ = false;
    file_.release();
    H5Eclear2(H5E_DEFAULT);
  }
}

}  // namespace airshed::output
