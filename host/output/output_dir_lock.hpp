// One airshed run at a time per output directory. Two runs writing one
// directory would truncate each other's NAME.h5 (HDF5's own file lock is
// taken only after its create has truncated the file) and mix their files,
// so every run takes an exclusive flock(2) on OUTDIR/.airshed.lock before it
// touches anything else there and holds it until it ends. It is a kernel
// lock: a killed run releases it, and a stale .airshed.lock file is no
// obstacle. The file holds the holder's pid, so a refused run can name it.
#pragma once

#include <memory>
#include <string>

namespace airshed::output {

class DirectoryLock;  // owns the locked file descriptor

// Creates `dir` if needed and locks it for as long as any copy of the
// result lives. Within one process the lock is shared: a second call for
// the same directory (e.g. a batch member's helper and its writers) returns
// the lock already held. Throws std::runtime_error with one line:
//   output directory 'DIR' is in use by another airshed run (pid N) ...
// or naming a directory that cannot be created or written, or a
// .airshed.lock that is a symbolic link or not a regular file.
std::shared_ptr<const DirectoryLock> lock_output_directory(const std::string& dir);

}  // namespace airshed::output
