// XDMF 3 descriptions of NAME.h5 so ParaView opens the run on the real grid
// with any of its XDMF readers (the pre-selected Xdmf3ReaderS included):
//   NAME.xmf             the 3-D fields, a temporal collection
//   NAME_ground.xmf      the ground fields, one layer, a temporal collection
//   NAME_statistics.xmf  the ground statistics (at the end)
//   NAME_xdmf.hdf5         one HDF5 virtual dataset per output time and
//                        species, a view of that time's slab of NAME.h5
//                        (no data of its own): the Xdmf3 readers read
//                        plain HDF DataItems but no hyperslabs.
// Uniform levels give a 3DCoRectMesh (ORIGIN_DXDYDZ, listed z y x);
// stretched levels a 3DRectMesh whose VXVYVZ node coordinates are the cell
// faces; over terrain a 3DSMesh whose X_Y_Z node coordinates are NAME.h5's
// nodes/ arrays. The series grow by one grid per output time after t = 0
// (appended_file.hpp: never rewritten whole), with <Time> in hours since
// the start, so they only ever name times already in the HDF5 file.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "host/core/field_names.hpp"
#include "host/core/field_selection.hpp"
#include "host/core/run_observer.hpp"
#include "host/output/hdf5_handle.hpp"

namespace airshed::output {

class XdmfWriter : public OutputRecorder {
 public:
  // Files OUTDIR/NAME*.xmf and OUTDIR/NAME_xdmf.hdf5 over OUTDIR/NAME.h5;
  // `fields`: the HDF5 writer's selection.
  XdmfWriter(std::string dir, std::string name, FieldSelection fields = {})
      : dir_(std::move(dir)), name_(std::move(name)), sel_(std::move(fields)) {}

  void begin(const RunInfo& info) override;
  void record(const OutputSnapshot& s) override;
  void end(const RunSummary&) override { views_.reset(); }
  void failed(const RunFailure&) noexcept override;
  // Checkpoints: the entries written and listed; resume() rewrites the
  // series from them.
  void save(StateWriter& w) const override;
  void resume(const RunInfo& info, StateReader& r) override;

  // NAME_statistics.xmf with these ground fields of NAME.h5's statistics/.
  void add_statistics(const std::vector<GroundField>& fields);

  // The files it writes, relative to OUTDIR.
  std::vector<std::string> files() const;

 private:
  struct Series {
    const char* group;                            // in NAME_xdmf.hdf5: "fields" or "ground"
    const char* suffix;                           // of the .xmf: "" or "_ground"
    std::vector<std::pair<double, long>> listed;  // time, entry in NAME.h5
    long entries = 0;                             // NAME.h5's entries so far
  };
  std::string path(const Series& s) const { return dir_ + "/" + name_ + s.suffix + ".xmf"; }
  void open_views(bool create);
  void add_view(const Series& s, const SpeciesInfo& sp, long entry, int layers);
  void write_series(const Series& s) const;    // whole, atomically
  void append_grid(Series& s, double time_s);  // one more grid
  std::string grid(const Series& s, double time_s, long entry) const;
  // Topology + geometry of `nz_cells` layers from layer `k0`.
  std::string mesh(int k0, int nz_cells) const;
  bool on(const Series& s) const {
    return (&s == &fields_ ? sel_.fields_every : sel_.ground_every) > 0;
  }
  int layers(const Series& s) const { return &s == &fields_ ? sel_.level_count(info_.grid.nz) : 1; }

  std::string dir_, name_;
  FieldSelection sel_;
  RunInfo info_;
  bool terrain_ = false;  // RunInfo::terrain given: a 3DSMesh over NAME.h5's nodes/
  H5Handle views_;        // NAME_xdmf.hdf5
  Series fields_{"fields", "", {}, 0}, ground_{"ground", "_ground", {}, 0};
};

}  // namespace airshed::output
