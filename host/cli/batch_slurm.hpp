// `airshed batch FILE --slurm`: Slurm job-array scripts (docs/batch.md)
// in OUTDIR/slurm/: one array task per member, a summary job after them,
// and submit.sh to submit both.
#pragma once

#include <string>

#include "host/batch/batch_spec.hpp"
#include "host/cli/batch_command.hpp"

namespace airshed::cli {

int write_slurm(const BatchOptions& o, const batch::BatchSpec& b, const std::string& out_dir);

}  // namespace airshed::cli
