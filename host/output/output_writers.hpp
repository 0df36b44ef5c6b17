// The one entry point the CLI needs: an observer that writes everything a
// run produces into RunInfo::output_dir (docs/output-format.md):
//
//   auto out = airshed::output::make_output_writers(options);
//   out->begin(info);     // locks OUTDIR (output_dir_lock.hpp) and
//                         // removes an earlier run's files of this name;
//                         // throws std::runtime_error naming an unwritable,
//                         // busy or linked OUTDIR, std::invalid_argument
//                         // for an output interval that does not divide an hour
//   out->snapshot(s);     // at t = 0 and every output interval
//   out->end(summary);    // statistics, summaries, run.json
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "host/core/field_selection.hpp"
#include "host/core/run_observer.hpp"
#include "host/statistics/receptor_background.hpp"

namespace airshed::output {

struct OutputOptions {
  std::string name;        // file stem; empty: RunInfo::scenario_name
  bool hdf5 = true;        // NAME.h5 + NAME.xmf
  bool vtk = true;         // NAME_NNNNNN.vti|.vtr + NAME.pvd
  bool receptors = true;   // receptors.csv + receptor_summary.csv
  bool statistics = true;  // statistics group, NAME_statistics.vti
  // The species, layers and snapshots NAME.h5/.xmf and the VTK files
  // write (default: all, at every snapshot); the statistics, receptors and
  // tables always see every species at every snapshot.
  FieldSelection fields;
  // The regulatory tables of the receptors (table_files.hpp), with
  // receptors and statistics: ranks per receptor and averaging, the overall
  // top list's length, and the backgrounds superposed on the project.
  int table_ranks = 10, table_top = 50;
  std::vector<statistics::ReceptorBackground> backgrounds;
  // data/standards/*.csv tables whose limits become exceedance thresholds
  // (in addition to RunInfo::thresholds).
  std::vector<std::string> standard_tables;
  bool include_uncertain_standards = false;  // rows not marked "cited"
  // The directory came from a scenario file, not the user's --output:
  // refuse it when a symbolic link on the way leads out of the working
  // directory (output_dir.hpp).
  bool confine_to_working_directory = false;
};

std::unique_ptr<RunObserver> make_output_writers(const OutputOptions& options = {});

}  // namespace airshed::output
