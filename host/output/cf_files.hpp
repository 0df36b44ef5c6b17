// The CF-1.10 view of a run (docs/output-format.md, "CF view"): NAME.nc,
// the ground fields' time series, and NAME_statistics.nc, the ground
// statistics over the run, as netCDF-4 classic-model files (netCDF-C) that
// CDO, GDAL, QGIS, xarray and nccopy read without help: CF variable names,
// UDUNITS units, x/y/height bounds, 2-D lat/lon with cell corners, the
// grid mapping, _FillValue, and for the statistics a time coordinate whose
// bounds are the run and a cell_methods each.
//
// NAME.h5 stays the model's own file (its names are what the project's
// readers use); this writer converts it at the end of the run, after
// Hdf5Output closed it, so it needs the HDF5 writer ahead of it in the
// list and keeps no state of its own across a checkpoint. The ground
// series leave out the t = 0 initial state: "cdo timmean" then equals the
// model's period_mean (the mean of the snapshots after the start).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "host/core/field_selection.hpp"
#include "host/output/writer.hpp"

namespace airshed::output {

class CfFiles : public Writer {
 public:
  // OUTDIR/NAME.nc from OUTDIR/NAME.h5; with `statistics` also
  // OUTDIR/NAME_statistics.nc.
  // OUTDIR/NAME.nc (the ground series of the species `fields` writes) only
  // when fields.cf_series asks for it (FieldSelection).
  CfFiles(const std::string& dir, const std::string& name, bool statistics,
          const FieldSelection& fields);

  void begin(const RunInfo& info) override { plan(info); }
  void resume(const RunInfo& info, StateReader&) override { plan(info); }
  void record(const OutputSnapshot&) override {}
  // Writes both files (also after an interruption, over the part that ran).
  void end(const RunSummary& summary) override;
  // Nothing was written yet: both files are withdrawn from run.json.
  void failed(const RunFailure&) noexcept override;

  std::vector<std::string> files() const override;
  // Kept until end(), which knows the period the statistics cover.
  std::vector<std::string> write_statistics(const statistics::Results& r) override;
  std::vector<std::pair<std::string, std::string>> set_aside() const override { return set_aside_; }

 private:
  struct Statistic {
    GroundField field;      // as NAME.h5 names it
    std::string statistic;  // e.g. "max_daily_mean"
    std::string averaging;  // of a threshold count, else empty
  };
  void plan(const RunInfo& info);
  void write_series(const RunSummary& summary) const;
  void write_statistics_file(const RunSummary& summary) const;

  std::string dir_, name_;
  bool statistics_;
  FieldSelection sel_;
  bool series_ = false;  // NAME.nc is written (plan())
  RunInfo info_;
  std::vector<Statistic> stats_;
  std::vector<std::pair<std::string, std::string>> set_aside_;
};

}  // namespace airshed::output
