// Whole-file writes that a reader (ParaView polling a .pvd, a script reading
// run.json mid-run) never sees half done: write a sibling temporary, then
// rename it over the target, which POSIX makes atomic on one file system.
#pragma once

#include <string>

namespace airshed::output {

// Throws std::runtime_error naming `path` and the OS reason (e.g. "No space
// left on device") when the write or rename fails; `path` is then unchanged.
void write_file_atomically(const std::string& path, const std::string& contents);

// The temporary name used for `path` (same directory, so rename is atomic).
std::string temporary_sibling(const std::string& path);

// Renames `tmp` over `path`; throws std::runtime_error naming both on failure.
void replace_file(const std::string& tmp, const std::string& path);

}  // namespace airshed::output
