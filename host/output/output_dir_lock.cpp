#include "host/output/output_dir_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace airshed::output {

class DirectoryLock {
 public:
  explicit DirectoryLock(int fd) : fd_(fd) {}
  ~DirectoryLock() { ::close(fd_); }  // closing the last descriptor drops the flock
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;

 private:
  int fd_;
};

namespace {

const char* const lock_name = ".airshed.lock";

// Locks held by this process, by the lock file's device and inode (kept
// alive by the open descriptor, so a held key cannot be reused). flock(2)
// locks belong to an open file description: a second open in this process
// would be refused by its own lock, hence the sharing.
std::mutex held_mutex;
std::map<std::pair<dev_t, ino_t>, std::weak_ptr<const DirectoryLock>> held;

[[noreturn]] void refuse(const std::string& dir, const std::string& why) {
  throw std::runtime_error("output directory '" + dir + "' " + why);
}

long read_pid(int fd) {
  char buf[32] = {};
  const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return 0;
  char* end = nullptr;
  const long pid = std::strtol(buf, &end, 10);
  return end != buf && pid > 0 ? pid : 0;
}

}  // namespace

std::shared_ptr<const DirectoryLock> lock_output_directory(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir))
    refuse(dir, "cannot be created: " + (ec ? ec.message() : "a file of that name exists"));
  const std::string path = dir + "/" + lock_name;
  // O_NOFOLLOW: a planted link must not make airshed create or lock (and
  // then write its pid into) a file elsewhere; O_NONBLOCK: a FIFO of that
  // name must not hang the run.
  const int flags = O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
  int fd = ::open(path.c_str(), O_RDWR | flags, 0644);
  bool writable = fd >= 0;
  if (fd < 0 && errno == EACCES) {
    // Another user's lock file in a shared directory still locks.
    fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) errno = EACCES;
  }
  if (fd < 0) {
    if (errno == ELOOP)
      refuse(dir, std::string("holds a symbolic link '") + lock_name +
                      "'; airshed will not write through links");
    refuse(dir, std::string("is not writable: ") + std::strerror(errno));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    refuse(dir, std::string("holds '") + lock_name +
                    "', which is not a regular file; airshed writes only regular files there");
  }
  const std::lock_guard<std::mutex> guard(held_mutex);
  std::weak_ptr<const DirectoryLock>& slot = held[{st.st_dev, st.st_ino}];
  if (auto mine = slot.lock()) {
    ::close(fd);
    return mine;
  }
  int rc;
  do rc = ::flock(fd, LOCK_EX | LOCK_NB);
  while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    const int error = errno;
    const long pid = read_pid(fd);
    ::close(fd);
    if (error == EWOULDBLOCK)
      refuse(dir, "is in use by another airshed run" +
                      (pid > 0 ? " (pid " + std::to_string(pid) + ")" : std::string()) +
                      "; wait for it to end or choose another output directory");
    refuse(dir, std::string("cannot be locked: ") + std::strerror(error));
  }
  if (writable) {
    // Informational only: the lock, not this number, is what excludes.
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) == 0) {
      const ssize_t ignored = ::pwrite(fd, pid.data(), pid.size(), 0);
      (void)ignored;
    }
  }
  auto lock = std::make_shared<const DirectoryLock>(fd);
  slot = lock;
  return lock;
}

}  // namespace airshed::output
