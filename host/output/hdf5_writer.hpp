// OUTDIR/NAME.h5: one netCDF-4-compatible HDF5 file per run, readable by
// xarray (engine "h5netcdf") and, through the XDMF sidecar, by ParaView.
// Layout (docs/output-format.md):
//   x, y, z        cell centres (m), dimension scales; z carries `faces`
//   time           unlimited, CF "seconds since <start in UTC>"
//   <species>      float32 [time][z][y][x] in output units; with another
//                  schedule than the ground fields [fields_time][..], with
//                  a subset of layers [..][fields_z][..] (FieldSelection)
//   <species>_ground  float32 [time][y][x], the lowest layer
//   crs            grid mapping of the local metres
//   terrain_height, height_above_sea_level, nodes/   only over terrain
//                  (RunInfo::terrain): ground, cell centres, mesh corners
//   statistics/    ground-level statistics [y][x], written at the end
// The file is flushed after every snapshot, so a run killed later leaves
// every written time readable.
#pragma once

#include <string>
#include <vector>

#include "host/core/field_names.hpp"
#include "host/core/field_selection.hpp"
#include "host/core/run_observer.hpp"
#include "host/output/hdf5_handle.hpp"

namespace airshed::output {

class Hdf5Writer : public OutputRecorder {
 public:
  explicit Hdf5Writer(std::string path, FieldSelection fields = {})
      : path_(std::move(path)), sel_(std::move(fields)) {}

  void begin(const RunInfo& info) override;
  void record(const OutputSnapshot& s) override;
  // Records the outcome as root attributes and closes the file.
  void end(const RunSummary& summary) override;
  // Checkpoints: the number of times written. resume() reopens the file,
  // cuts every time series back to that count (a run killed after the
  // checkpoint may have written more) and drops statistics of an earlier end.
  void save(StateWriter& w) const override;
  void resume(const RunInfo& info, StateReader& r) override;
  // Cuts every dataset back to the last flushed time, records status
  // "failed" and the message, closes. Never throws.
  void failed(const RunFailure& f) noexcept override;
  // False after failed() could not leave a consistent file behind (e.g. the
  // disk is full): its contents must then not be offered as readable.
  bool intact() const { return intact_; }

  // Writes group `statistics` (call between the last snapshot and end()).
  void write_statistics(const std::vector<GroundField>& fields);

  const std::string& path() const { return path_; }

 private:
  void write_coordinates(const RunInfo& info);
  void write_lat_lon(const RunInfo& info);
  void write_terrain(const RunInfo& info);  // hdf5_terrain.cpp
  void close_all();                         // throws when the file's close (its final flush) fails
  void append(hid_t dataset, hid_t mem_type, const void* data, int rank_after_time, hsize_t at);
  void select_species();  // written_ from sel_ and info_
  // The 3-D fields' own time and level coordinates, when they differ from
  // `time` and `z`.
  bool own_fields_time() const {
    return sel_.ground_every > 0 && sel_.fields_every != sel_.ground_every;
  }
  bool own_fields_z() const {
    return sel_.first_level > 0 || sel_.level_count(info_.grid.nz) < info_.grid.nz;
  }

  std::string path_;
  FieldSelection sel_;
  RunInfo info_;
  std::vector<std::size_t> written_;  // indices of the species written
  H5Handle file_, x_, y_, z_, time_, fields_time_, fields_z_;
  std::vector<H5Handle> fields_, ground_;  // per written species; empty when that schedule is off
  hsize_t times_written_ = 0;              // entries of `time`
  hsize_t fields_written_ = 0;             // 3-D fields written
  bool intact_ = true;
};

}  // namespace airshed::output
