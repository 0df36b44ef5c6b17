// `airshed run FILE`: load and validate the scenario, prepare the outputs,
// run, and say where the results are and how to open them.
#pragma once

#include <string>

#include "host/solver/transport_solver.hpp"

namespace airshed::cli {

struct RunOptions {
  std::string scenario;
  BackendChoice backend = BackendChoice::automatic;
  std::string output_dir;  // overrides [output].directory when set
  int threads = 0;
  bool resume = false;           // carry on from OUTDIR/NAME.checkpoint
  std::string checkpoint_every;  // overrides [output].checkpoint_interval ("off" or a duration)
  bool space_check = true;       // refuse outputs estimated past the free disk space
  bool quiet = false;            // no progress lines: errors and the outputs line only
};

int run_command(const RunOptions& options);

}  // namespace airshed::cli
