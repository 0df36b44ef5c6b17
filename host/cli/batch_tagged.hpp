// `airshed batch FILE --via-tags`: a batch of emission scalings answered by
// one tagged run (OUTDIR/@tags, run in this process as a member would be:
// its own partial directory, lock, checkpoints and member.toml) and the
// recombination of `airshed cuts`, instead of one run per member
// (docs/batch.md).
#pragma once

#include <string>

#include "host/batch/batch_spec.hpp"
#include "host/cli/batch_command.hpp"

namespace airshed::cli {

// Exit status: 0 when the tagged run finished (or was current) and the
// summary was written; 2 when the batch cannot go through tags (one line
// saying why); the tagged run's status when it failed (130 stopped).
// With `summary_only`, only the summary, from a finished tagged run.
int run_via_tags(const BatchOptions& o, const batch::BatchSpec& b, const std::string& out_dir);

}  // namespace airshed::cli
