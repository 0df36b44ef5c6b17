// One batch member, run in this process: its scenario is written into
// OUTDIR/.MEMBER.partial and the directory renamed to OUTDIR/MEMBER when the
// run is complete, so OUTDIR/MEMBER/run.json exists only for finished members.
#pragma once

#include <atomic>
#include <ostream>
#include <string>

#include "host/batch/batch_spec.hpp"
#include "host/transport_solver.hpp"

namespace airshed::batch {

std::string member_dir(const std::string& out_dir, const MemberSpec& m);
std::string partial_dir(const std::string& out_dir, const MemberSpec& m);
bool member_complete(const std::string& out_dir, const MemberSpec& m);

struct MemberRun {
  BackendChoice backend = BackendChoice::automatic;
  int threads = 0;  // 0: all
};

// 0 on success; 2 for a bad member scenario (one line on `err`); 1 for any
// other failure; 130 if interrupted by `stop`.
int run_member(const BatchSpec& batch, const MemberSpec& m, const std::string& out_dir,
               const MemberRun& run, std::ostream& log, std::ostream& err,
               const std::atomic<bool>* stop = nullptr);

}  // namespace airshed::batch
