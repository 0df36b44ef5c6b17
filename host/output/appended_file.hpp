// Index files that grow by one entry per output time (NAME.xmf, NAME.pvd)
// without being rewritten whole: the file is head + entries + tail, and an
// append overwrites the old tail with the new entry and the same tail, so
// the file is a complete document again after every write and a year of
// hourly entries costs each write only its own bytes.
#pragma once

#include <string>

namespace airshed::output {

// Writes `entry` + `tail` over the last `tail_bytes` of `path` (a regular
// file, never through a link) and syncs it. Throws std::runtime_error
// naming `path` and the OS reason.
void append_before_tail(const std::string& path, std::size_t tail_bytes, const std::string& entry,
                        const std::string& tail);

}  // namespace airshed::output
