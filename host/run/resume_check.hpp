// `airshed run --resume`, checked before anything is touched: the checkpoint
// is readable, belongs to this scenario and to the same bytes of every input
// file, and the files the writers will carry on (NAME.h5, the VTK series,
// receptors.csv) are there and hold the checkpoint's output times. A refusal
// is one line and leaves the output directory, run.json included (still
// "interrupted at ..."), as it was; no writer has been opened yet.
#pragma once

#include <string>

#include "host/run/checkpoint.hpp"
#include "host/scenario/scenario.hpp"

namespace airshed {

// Reads `checkpoint_path` and checks it against `s` (with its outputs in
// s.output.directory) and `identity_extra` (RunControl::identity_extra).
// Throws std::runtime_error with one line, e.g. "cannot resume: out/x.h5 is
// missing; run without --resume to start again".
Checkpoint checked_resume(const std::string& checkpoint_path, const Scenario& s,
                          const std::string& identity_extra = "");

}  // namespace airshed
