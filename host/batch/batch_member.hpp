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
#include "host/solver/transport_solver.hpp"

namespace airshed::batch {

std::string member_dir(const std::string& out_dir, const MemberSpec& m);
std::string partial_dir(const std::string& out_dir, const MemberSpec& m);
bool member_complete(const std::string& out_dir, const MemberSpec& m);

// What a member's results depend on, as SHA-256 digests: its overrides and
// factors (`spec`), the base scenario file's bytes (`scenario`) and its met
// station file's bytes (`met`, "" for uniform met). Recorded in member.toml.
struct MemberFingerprint {
  std::string spec, scenario, met, met_file;
};
// `s` is member_scenario(batch, m); throws when a file cannot be read.
MemberFingerprint member_fingerprint(const BatchSpec& batch, const MemberSpec& m,
                                     const Scenario& s);

// "" when the finished member in `out_dir` was computed from what the batch
// now says; otherwise why not, e.g. "its settings in batch.toml changed".
// Only meaningful for a complete member.
std::string member_outdated(const BatchSpec& batch, const std::string& out_dir,
                            const MemberSpec& m);

// True while another process holds the member's .partial directory lock.
bool partial_in_use(const std::string& out_dir, const MemberSpec& m);

// The line of a failed member's log that says what went wrong: the last
// "airshed: error: ..." or "FILE:LINE: ..." line; else the last line that
// starts with "airshed"; else the last non-empty line.
std::string error_line(const std::string& log_text);

struct MemberRun {
  BackendChoice backend = BackendChoice::automatic;
  int threads = 0;  // 0: all
};

// Exit status of a member run.
constexpr int kMemberLocked = 75;  // its .partial directory is in use by another process

// 0 on success; 2 for a bad member scenario (one line on `err`); 1 for any
// other failure; 130 if interrupted by `stop`; kMemberLocked when another
// process is running this member.
int run_member(const BatchSpec& batch, const MemberSpec& m, const std::string& out_dir,
               const MemberRun& run, std::ostream& log, std::ostream& err,
               const std::atomic<bool>* stop = nullptr);

}  // namespace airshed::batch
