// A run's checkpoints: where they go, how often, and the identity they
// carry (what must match for a resume to make sense). Shared by the run
// loop, the resume check and every caller of run_case().
#pragma once

#include <string>

#include "host/run/checkpoint.hpp"
#include "host/scenario/scenario.hpp"

namespace airshed {

// OUTDIR/NAME.checkpoint: s.output.directory and the scenario's safe name.
std::string checkpoint_path(const Scenario& s);

// What a checkpoint of this run records as its identity. `extra`: bytes
// that identify the run beyond its scenario file (a batch member's
// settings), folded into the scenario digest.
CheckpointIdentity checkpoint_identity(const Scenario& s, const std::string& extra = "");

// What stands for a large input's content: its size and modification time
// ("missing" when it cannot be read). WRF output runs to gigabytes a file
// and a year to thousands of files: hashing them at every resume or batch
// check would take longer than the run.
std::string file_stamp(const std::string& path);

// The checkpoint interval in output intervals: `interval_s` rounded to a
// whole number (>= 1) of them; 0 when interval_s <= 0 (no checkpoints).
long checkpoint_every(double interval_s, double output_interval_s);

}  // namespace airshed
