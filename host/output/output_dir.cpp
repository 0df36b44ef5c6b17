#include "host/output/output_dir.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace airshed::output {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void refuse(const std::string& dir, const std::string& why) {
  throw std::runtime_error("output directory '" + dir + "' " + why);
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The names the writers (and the run loop's checkpoint, and a batch
// member's member.toml) give their files; see output_writers.cpp.
bool final_name(const std::string& file, const std::string& name) {
  for (const char* fixed : {"receptors.csv", "receptor_summary.csv", "run.json", "member.toml"})
    if (file == fixed) return true;
  for (const char* suffix :
       {".h5", ".h5.incomplete", ".xmf", ".pvd", ".checkpoint", "_statistics.vti",
        "_statistics.vts", ".nc", ".nc.partial", "_statistics.nc", "_statistics.nc.partial",
        "_ground.xmf", "_statistics.xmf", "_xdmf.hdf5"})
    if (file == name + suffix) return true;
  // NAME_NNNNNN.vti|.vtr|.vts: at least six digits (VtkWriter's "_%06zu").
  const std::string stem = name + "_";
  if (file.size() > stem.size() + 4 && file.compare(0, stem.size(), stem) == 0 &&
      (ends_with(file, ".vti") || ends_with(file, ".vtr") || ends_with(file, ".vts"))) {
    const std::string index = file.substr(stem.size(), file.size() - stem.size() - 4);
    return index.size() >= 6 && all_digits(index);
  }
  return false;
}

}  // namespace

bool written_by_airshed(const std::string& file, const std::string& name) {
  if (final_name(file, name)) return true;
  // .FILE.tmpPID (atomic_file.cpp's temporary_sibling)
  const auto tmp = file.rfind(".tmp");
  return file.size() > 1 && file[0] == '.' && tmp != std::string::npos && tmp > 1 &&
         all_digits(file.substr(tmp + 4)) && final_name(file.substr(1, tmp - 1), name);
}

void require_inside_working_directory(const std::string& dir) {
  std::error_code ec;
  const fs::path cwd = fs::canonical(fs::current_path(ec), ec);
  if (ec) refuse(dir, "cannot be checked: the working directory is unknown: " + ec.message());
  const fs::path target = fs::weakly_canonical(fs::absolute(dir), ec);
  if (ec) refuse(dir, "cannot be resolved: " + ec.message());
  const auto [c, t] = std::mismatch(cwd.begin(), cwd.end(), target.begin(), target.end());
  (void)t;
  if (c != cwd.end())
    refuse(dir, "leads to '" + target.string() + "', outside the working directory '" +
                    cwd.string() +
                    "' (through a symbolic link); give --output to write there on purpose");
}

void require_plain_file_or_absent(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return;  // absent (or unreadable: the open will say)
  const fs::path p(path);
  const std::string dir = p.has_parent_path() ? p.parent_path().string() : ".";
  const std::string file = p.filename().string();
  if (S_ISLNK(st.st_mode))
    refuse(dir, "holds a symbolic link '" + file + "'; airshed will not write through links");
  if (!S_ISREG(st.st_mode))
    refuse(dir, "holds '" + file +
                    "', which is not a regular file; airshed writes only regular files there");
}

PreparedOutputDir prepare_output_dir(const std::string& dir, const std::string& name, bool fresh,
                                     bool confine_to_working_directory) {
  // Before anything is created: create_directories would itself build
  // directories at the far end of a link.
  if (confine_to_working_directory) require_inside_working_directory(dir);
  PreparedOutputDir out;
  out.lock = lock_output_directory(dir);  // before any other file here is touched

  // A probe of a fresh unique name, created exclusively (O_EXCL refuses an
  // existing name, link or not), proves the directory writable even when
  // a writable .airshed.lock was already there.
  std::string probe = dir + "/.airshed-write-test.XXXXXX";
  const int fd = ::mkostemp(probe.data(), O_CLOEXEC);
  if (fd < 0) refuse(dir, std::string("is not writable: ") + std::strerror(errno));
  ::close(fd);
  ::unlink(probe.c_str());

  std::error_code ec;
  std::vector<std::string> earlier;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string file = it->path().filename().string();
    if (!written_by_airshed(file, name)) continue;  // never touch what airshed did not write
    require_plain_file_or_absent(it->path().string());
    if (file != "run.json") earlier.push_back(file);  // run.json is replaced atomically next
  }
  if (ec) refuse(dir, "cannot be listed: " + ec.message());
  if (!fresh) return out;  // a resume carries on with the files it left
  std::sort(earlier.begin(), earlier.end());
  for (const std::string& file : earlier) {
    if (::unlink((dir + "/" + file).c_str()) != 0 && errno != ENOENT)
      refuse(dir, "holds '" + file +
                      "' from an earlier run, which cannot be removed: " + std::strerror(errno));
    out.removed.push_back(file);
  }
  return out;
}

}  // namespace airshed::output
