// An exclusive flock on a directory itself (a batch member's .partial
// directory; not on a file in it, so no other lock taken inside the
// directory can collide with it), held while the object lives. Released by
// the kernel when the process dies in any way, so a stale lock cannot
// outlive its holder.
#pragma once

#include <string>

namespace airshed::batch {

class DirectoryLock {
 public:
  explicit DirectoryLock(const std::string& dir);  // never blocks
  ~DirectoryLock();
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;
  bool held() const { return fd_ >= 0; }
  bool busy() const { return busy_; }                  // another process holds it
  const std::string& error() const { return error_; }  // why not held, when not busy

 private:
  int fd_ = -1;
  bool busy_ = false;
  std::string error_;
};

}  // namespace airshed::batch
