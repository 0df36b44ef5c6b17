#include "host/output/appended_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace airshed::output {

void append_before_tail(const std::string& path, std::size_t tail_bytes, const std::string& entry,
                        const std::string& tail) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
  auto fail = [&]() {
    const std::string reason = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot write '" + path + "': " + reason);
  };
  if (fd < 0) fail();
  struct stat st {};
  if (::fstat(fd, &st) != 0) fail();
  if (!S_ISREG(st.st_mode) || std::size_t(st.st_size) < tail_bytes) {
    errno = EINVAL;
    fail();
  }
  const std::string bytes = entry + tail;
  off_t at = st.st_size - off_t(tail_bytes);
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    const ssize_t n = ::pwrite(fd, p, left, at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = EIO;
      fail();
    }
    p += n;
    at += n;
    left -= std::size_t(n);
  }
  if (::fsync(fd) != 0 && errno != EINVAL) fail();
  if (::close(fd) != 0) {
    const std::string reason = std::strerror(errno);
    throw std::runtime_error("cannot write '" + path + "': " + reason);
  }
}

}  // namespace airshed::output
