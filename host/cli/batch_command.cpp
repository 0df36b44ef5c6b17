#include "host/cli/batch_command.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "host/batch/batch_spec.hpp"
#include "host/cli/batch_common.hpp"
#include "host/cli/batch_driver.hpp"
#include "host/cli/batch_slurm.hpp"
#include "host/cli/batch_tagged.hpp"
#include "host/input/input_error.hpp"
#include "host/solver/cpu_threads.hpp"

namespace airshed::cli {

namespace fs = std::filesystem;
using namespace airshed::batch;

CLI::App* add_batch_subcommand(CLI::App& app, BatchOptions& o) {
  auto* b = app.add_subcommand("batch", "run a scenario batch (TOML, docs/batch.md)");
  b->fallthrough();
  b->add_option("batch", o.file, "batch file")->required();
  b->add_option("--output", o.output_dir, "batch output directory (one subdirectory per member)");
  b->add_option("--jobs", o.jobs, "members run in parallel")->check(CLI::Range(1, 256));
  // Integer ranges, not CLI::NonNegativeNumber, whose message prints
  // DBL_MAX's 309 digits as its upper end.
  b->add_option("--threads", o.threads, "CPU threads per member (0: cores / jobs)")
      ->check(CLI::Range(0, airshed::max_cpu_threads));
  b->add_option("--index", o.index, "run only member K (0 = baseline) in this process")
      ->check(CLI::Range(0, 1000000));
  b->add_flag("--quiet", o.quiet, "no per-member progress lines / run log");
  b->add_flag("--summary", o.summary_only, "only write summary.csv from finished members");
  b->add_flag("--slurm", o.slurm, "write Slurm job-array scripts instead of running");
  b->add_flag("--via-tags", o.via_tags,
              "emission scalings only: one tagged run plus recombination instead of one run "
              "per member (docs/batch.md)");
  b->add_option("--partition", o.partition, "Slurm partition");
  b->add_option("--time", o.time_limit, "Slurm time limit per member, HH:MM:SS");
  b->add_option("--gpus-per-task", o.gpus_per_task, "Slurm GPUs per member")
      ->check(CLI::Range(0, 64));
  return b;
}

int batch_command(const BatchOptions& o) {
  BatchSpec b;
  try {
    b = parse_batch(o.file);
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  const std::string out_dir = o.output_dir.empty() ? b.output_dir : o.output_dir;
  try {
    fs::create_directories(out_dir);
  } catch (const std::exception& e) {
    std::cerr << printable_line("airshed: error: output directory '" + out_dir + "': " + e.what())
              << "\n";
    return 1;
  }
  if (o.via_tags) {
    if (o.slurm || o.index >= 0) {
      std::cerr << "airshed: error: --via-tags makes one tagged run in this process; it takes "
                   "neither --slurm nor --index\n";
      return 2;
    }
    return run_via_tags(o, b, out_dir);
  }
  if (o.slurm) return write_slurm(o, b, out_dir);
  if (o.summary_only) return summarise(b, out_dir, true);
  if (o.index >= 0) return run_member_here(o, b, out_dir);
  return run_members(o, b, out_dir);
}

}  // namespace airshed::cli
