// What a finished batch member records next to its outputs (member.toml):
// its overrides and what its results were computed from, so that a rerun
// of the batch recomputes exactly the members whose inputs changed.
#pragma once

#include <string>

#include "host/batch/batch_spec.hpp"

namespace airshed::batch {

// What a member's results depend on, as SHA-256 digests: its overrides and
// factors (`spec`), the base scenario file's bytes (`scenario`) and its met
// station file's bytes (`met`, "" for uniform met; a station network: the
// digest of its stations' digests, `met_file` their names). Recorded in
// member.toml.
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

// Writes DIR/member.toml (what the member changed and its fingerprint)
// through the checked atomic writer; the last file of a finished member.
void write_member_toml(const std::string& dir, const BatchSpec& batch, const MemberSpec& m,
                       const MemberFingerprint& f);

}  // namespace airshed::batch
