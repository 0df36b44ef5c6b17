#include "host/output/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace airshed::output {

std::string temporary_sibling(const std::string& path) {
  // The pid keeps two processes writing the same directory from sharing a
  // temporary; the leading dot keeps it out of ParaView's file dialogs.
  const auto slash = path.find_last_of('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  return dir + "." + base + ".tmp" + std::to_string(::getpid());
}

// rename(2) over a symbolic link replaces the link, not its target.
void replace_file(const std::string& tmp, const std::string& path) {
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(tmp.c_str());
    throw std::runtime_error("cannot rename '" + tmp + "' to '" + path + "': " + reason);
  }
}

void write_file_atomically(const std::string& path, const std::string& contents) {
  const std::string tmp = temporary_sibling(path);
  // Plain POSIX calls so that every failure comes with its errno: a full
  // disk (ENOSPC) or a file-size limit (EFBIG, SIGXFSZ ignored) shows up at
  // write() or close(), and the target is then left as it was.
  auto fail = [&](int fd) {
    const std::string reason = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    std::remove(tmp.c_str());
    throw std::runtime_error("cannot write '" + path + "': " + reason);
  };
  // A temporary left by a crashed run of the same pid, or a link planted
  // under the predictable name, is unlinked (the link itself, never its
  // target) and the file created afresh: O_EXCL | O_NOFOLLOW never write
  // through a link.
  ::unlink(tmp.c_str());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) fail(fd);
  const char* p = contents.data();
  std::size_t left = contents.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = EIO;
      fail(fd);
    }
    p += n;
    left -= std::size_t(n);
  }
  // Durable before it replaces the old file: after a power loss the name
  // holds the old contents or the new, never an empty file (ext4 and xfs
  // may otherwise commit the rename before the data).
  if (::fsync(fd) != 0 && errno != EINVAL) fail(fd);
  if (::close(fd) != 0) fail(-1);
  replace_file(tmp, path);
}

}  // namespace airshed::output
