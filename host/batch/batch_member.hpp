// One batch member, run in this process: its scenario is written into
// OUTDIR/.MEMBER.partial and the directory renamed to OUTDIR/MEMBER when the
// run is complete, so OUTDIR/MEMBER/run.json exists only for finished members.
// The running member holds an exclusive flock on the .partial directory, so
// two processes never write the same member (a batch rerun while members of
// an earlier one still run, two Slurm tasks for one index).
#pragma once

#include <atomic>
#include <ostream>
#include <string>

#include "host/batch/batch_spec.hpp"
#include "host/batch/member_record.hpp"
#include "host/solver/transport_solver.hpp"

namespace airshed::batch {

std::string member_dir(const std::string& out_dir, const MemberSpec& m);
std::string partial_dir(const std::string& out_dir, const MemberSpec& m);
bool member_complete(const std::string& out_dir, const MemberSpec& m);

// True while another process holds the member's .partial directory lock.
bool partial_in_use(const std::string& out_dir, const MemberSpec& m);

// The line of a failed member's log that says what went wrong: the last
// "airshed: error: ..." or "FILE:LINE: ..." line; else the last line that
// starts with "airshed"; else the last non-empty line.
std::string error_line(const std::string& log_text);

struct MemberRun {
  BackendChoice backend = BackendChoice::automatic;
  int threads = 0;  // TransportConfig::threads (0: OpenMP's default)
};

// Exit status of a member run.
constexpr int kMemberLocked = 75;  // its .partial directory is in use by another process

// Runs the member through run_case() (host/run/run_case.hpp), its outputs
// and checkpoint in the .partial directory; carries on from that
// checkpoint when it belongs to this very member.
// 0 on success; 2 for a bad member scenario (one line on `err`); 1 for any
// other failure; 130 if interrupted by `stop`; kMemberLocked when another
// process is running this member.
int run_member(const BatchSpec& batch, const MemberSpec& m, const std::string& out_dir,
               const MemberRun& run, std::ostream& log, std::ostream& err,
               const std::atomic<bool>* stop = nullptr);

}  // namespace airshed::batch
