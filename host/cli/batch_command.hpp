// `airshed batch FILE`: run every member of a scenario batch (docs/batch.md)
// as child processes of this binary, resume finished ones, summarise; or
// run one member (--index K), only summarise (--summary), or write Slurm
// job-array scripts (--slurm).
#pragma once

#include <string>

#include "host/solver/transport_solver.hpp"

namespace CLI {
class App;
}

namespace airshed::cli {

struct BatchOptions {
  std::string file;
  std::string output_dir;  // default: the batch file's `output`, else out/NAME
  int jobs = 1;
  int threads = 0;  // per member; 0: cores / jobs
  int index = -1;   // >= 0: run only member K, in this process
  bool quiet = false;
  bool summary_only = false;
  bool slurm = false;
  bool via_tags = false;  // one tagged run plus recombination (emission scalings only)
  std::string partition, time_limit = "04:00:00";
  int gpus_per_task = 0;
  BackendChoice backend = BackendChoice::automatic;
  std::string backend_name = "auto";
};

// Registers the `batch` subcommand and its options on `app`.
CLI::App* add_batch_subcommand(CLI::App& app, BatchOptions& options);

// Exit status: 0 when every member finished; otherwise the number of failed
// members (capped at 125); 2 for a bad batch file or base scenario.
int batch_command(const BatchOptions& options);

}  // namespace airshed::cli
