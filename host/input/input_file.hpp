// Reading an input file that a user named (the scenario, the station
// CSV it names), with the checks such a name needs first: it must be a
// regular file, not a directory, a device (/dev/zero never ends) or a FIFO
// (which blocks, then may never end), and at most `max_bytes` long, so a
// wrong name fails with one line instead of exhausting memory.
#pragma once

#include <cstddef>
#include <fstream>
#include <string>

namespace airshed {

// The file's bytes, or the ScenarioError
//   "PATH:1: SUBJECT: is a directory; allowed: a regular file of at most N bytes"
// (or: does not exist, cannot be opened, is not a regular file, is N bytes).
// `subject` is e.g. "scenario file" or "station file".
std::string read_input_file(const std::string& path, std::size_t max_bytes,
                            const std::string& subject);

// The same checks, then the open stream, for a reader that stops early (the
// station CSV is read only up to the run's last hour); it counts what it
// reads against `max_bytes` itself, through throw_input_file_error().
std::ifstream open_input_file(const std::string& path, std::size_t max_bytes,
                              const std::string& subject);

// Throws "PATH:1: SUBJECT: WHAT; allowed: a readable regular file of at most
// N bytes", the message of the checks above.
[[noreturn]] void throw_input_file_error(const std::string& path, std::size_t max_bytes,
                                         const std::string& subject, const std::string& what);

}  // namespace airshed
