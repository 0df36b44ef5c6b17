// Steps the `airshed batch` modes share (batch_command.cpp,
// batch_driver.cpp, batch_slurm.cpp).
#pragma once

#include <string>

#include "host/batch/batch_spec.hpp"

namespace airshed::cli {

// This executable's path (/proc/self/exe), for child members and Slurm
// scripts; "airshed" when it cannot be read.
std::string self_exe();

// Writes OUTDIR/summary.csv (and prints the table); 1 with one
// "airshed: error: ..." line when it cannot be written (a full disk).
int summarise(const batch::BatchSpec& b, const std::string& out_dir, bool print);

// Finished and computed from what the batch now says; a finished member
// that is out of date is announced (with why) and run again.
bool member_current(const batch::BatchSpec& b, const std::string& out_dir,
                    const batch::MemberSpec& m);

}  // namespace airshed::cli
