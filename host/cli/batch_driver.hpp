// Running the members of `airshed batch FILE`: one in this process
// (--index K), or every member not yet current as child processes of this
// binary, --jobs at a time, with the driver's stop signals forwarded to
// them (docs/batch.md, docs/robustness.md).
#pragma once

#include <string>

#include "host/batch/batch_spec.hpp"
#include "host/cli/batch_command.hpp"

namespace airshed::cli {

// Member o.index, here; its exit status (batch_member.hpp), 2 for an index
// past the batch.
int run_member_here(const BatchOptions& o, const batch::BatchSpec& b, const std::string& out_dir);

// Every member as a child process; then the summary. Exit status as
// batch_command()'s.
int run_members(const BatchOptions& o, const batch::BatchSpec& b, const std::string& out_dir);

}  // namespace airshed::cli
