// Reading a whole input file that a user named (the scenario, the station
// CSV it names), with the checks such a name needs first: it must be a
// regular file, not a directory, a device (/dev/zero never ends) or a FIFO
// (which blocks, then may never end), and at most `max_bytes` long, so a
// wrong name fails with one line instead of exhausting memory.
#pragma once

#include <cstddef>
#include <string>

namespace airshed {

// The file's bytes, or the ScenarioError
//   "PATH:1: SUBJECT: is a directory; allowed: a regular file of at most N bytes"
// (or: does not exist, cannot be opened, is not a regular file, is N bytes).
// `subject` is e.g. "scenario file" or "station file".
std::string read_input_file(const std::string& path, std::size_t max_bytes,
                            const std::string& subject);

}  // namespace airshed
