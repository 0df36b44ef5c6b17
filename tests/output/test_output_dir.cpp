// The output directory before the writers open anything (issue 19,
// output_dir.hpp): the lock, the names airshed owns, links refused, a
// scenario's directory kept inside the working directory, and an earlier
// run's files of the same name removed on a fresh start.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "host/output/atomic_file.hpp"
#include "host/output/output_dir.hpp"
#include "tests/output/output_test_dir.hpp"

using namespace airshed;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void put(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

std::string error_of(void (*f)(const std::string&), const std::string& arg) {
  try {
    f(arg);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

// Locks `lock_file` through an open file description of its own, as
// another process would; -1 when the lock is already taken.
int foreign_lock(const fs::path& lock_file, const std::string& pid_text) {
  const int fd = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return -1;
  }
  if (!pid_text.empty()) REQUIRE(::pwrite(fd, pid_text.data(), pid_text.size(), 0) > 0);
  return fd;
}

}  // namespace

TEST_CASE("written_by_airshed names exactly the files the writers create") {
  using output::written_by_airshed;
  for (const char* f : {"odour.h5",
                        "odour.h5.incomplete",
                        "odour.xmf",
                        "odour.pvd",
                        "odour.checkpoint",
                        "odour_statistics.vti",
                        "odour_000000.vtr",
                        "odour_000123.vti",
                        "odour_1234567.vti",
                        "receptors.csv",
                        "receptor_summary.csv",
                        "run.json",
                        "member.toml",
                        ".odour.pvd.tmp4242",
                        ".run.json.tmp1",
                        ".odour_000003.vtr.tmp99",
                        "odour_000004.vts",
                        "odour_statistics.vts",
                        ".odour_000004.vts.tmp7",
                        "odour_ground.xmf",
                        "odour_statistics.xmf",
                        "odour_xdmf.hdf5",
                        ".odour_ground.xmf.tmp5"})
    CHECK_MESSAGE(written_by_airshed(f, "odour"), f);
  for (const char* f :
       {"notes.txt", "odour.toml", "odour_00001.vti", "odour_notes.vtr", "odour_0000a1.vtr",
        "other_000001.vti", "other.h5", "odour.h5.bak", "receptors2.csv", ".odour.pvd.tmp",
        ".odour.pvd.tmpX1", ".notes.txt.tmp12", ".airshed.lock", ".airshed-write-test", "odour",
        "odour_statistics.vtr", "odour_0004.vts", "other_000004.vts"})
    CHECK_MESSAGE(!written_by_airshed(f, "odour"), f);
}

TEST_CASE("the output directory lock excludes another holder and names its pid") {
  test::TempDir dir("lock");
  const fs::path lock_file = dir.path / ".airshed.lock";
  {
    const auto mine = output::lock_output_directory(dir.str());
    REQUIRE(mine);
    CHECK(fs::is_regular_file(lock_file));
    CHECK(slurp(lock_file) == std::to_string(::getpid()) + "\n");
    // Shared within this process (a batch member's helper, then its writers).
    CHECK(output::lock_output_directory(dir.str()) == mine);
    // Another open file description, as another process has, is refused.
    CHECK(foreign_lock(lock_file, "") == -1);
  }
  // Released with the last copy: another holder gets it, and then we do not.
  const int fd = foreign_lock(lock_file, "4242\n");
  REQUIRE(fd >= 0);
  const std::string error =
      error_of([](const std::string& d) { (void)output::lock_output_directory(d); }, dir.str());
  CHECK(error == "output directory '" + dir.str() +
                     "' is in use by another airshed run (pid 4242); wait for it to end or "
                     "choose another output directory");
  ::close(fd);
  CHECK(output::lock_output_directory(dir.str()));
}

TEST_CASE("a link or a FIFO as .airshed.lock is refused, its target untouched") {
  test::TempDir dir("lock-link");
  fs::create_directories(dir.path);
  put(dir.path / "sentinel", "precious");
  fs::create_directory(dir.path / "out");
  fs::create_symlink(dir.path / "sentinel", dir.path / "out" / ".airshed.lock");
  const std::string out = (dir.path / "out").string();
  CHECK(error_of([](const std::string& d) { (void)output::lock_output_directory(d); }, out) ==
        "output directory '" + out +
            "' holds a symbolic link '.airshed.lock'; airshed will not write through links");
  CHECK(slurp(dir.path / "sentinel") == "precious");

  fs::remove(dir.path / "out" / ".airshed.lock");
  REQUIRE(::mkfifo((dir.path / "out" / ".airshed.lock").c_str(), 0644) == 0);
  CHECK(error_of([](const std::string& d) { (void)output::lock_output_directory(d); }, out)
            .find("holds '.airshed.lock', which is not a regular file") != std::string::npos);
}

TEST_CASE("require_plain_file_or_absent refuses links and non-files") {
  test::TempDir dir("plain");
  fs::create_directories(dir.path / "sub.h5");
  put(dir.path / "sentinel", "precious");
  put(dir.path / "plain.csv", "x");
  fs::create_symlink(dir.path / "sentinel", dir.path / "receptors.csv");
  fs::create_symlink(dir.path / "nowhere", dir.path / "dangling.h5");
  auto check = output::require_plain_file_or_absent;
  CHECK(error_of(check, (dir.path / "plain.csv").string()).empty());
  CHECK(error_of(check, (dir.path / "absent.csv").string()).empty());
  CHECK(error_of(check, (dir.path / "receptors.csv").string()) ==
        "output directory '" + dir.str() +
            "' holds a symbolic link 'receptors.csv'; airshed will not write through links");
  CHECK(error_of(check, (dir.path / "dangling.h5").string()).find("symbolic link 'dangling.h5'") !=
        std::string::npos);
  CHECK(error_of(check, (dir.path / "sub.h5").string()).find("'sub.h5', which is not a regular") !=
        std::string::npos);
}

TEST_CASE("an atomic write replaces a link planted under its temporary's name, not the target") {
  test::TempDir dir("tmp-link");
  fs::create_directories(dir.path);
  put(dir.path / "sentinel", "precious");
  const std::string path = (dir.path / "run.json").string();
  fs::create_symlink(dir.path / "sentinel", output::temporary_sibling(path));
  output::write_file_atomically(path, "{}\n");
  CHECK(slurp(dir.path / "sentinel") == "precious");
  CHECK(slurp(path) == "{}\n");
  CHECK(!fs::is_symlink(path));
  CHECK(!fs::exists(fs::symlink_status(output::temporary_sibling(path))));
}

TEST_CASE("the writers refuse a linked NAME.h5 or receptors.csv and leave the target whole") {
  for (const std::string file : {"synthetic.h5", "receptors.csv", "synthetic_000002.vtr"}) {
    CAPTURE(file);
    test::TempDir dir("writer-link");
    const fs::path out = dir.path / "out";
    fs::create_directories(out);
    put(dir.path / "sentinel", "precious");
    fs::create_symlink(dir.path / "sentinel", out / file);
    RunInfo info = test::synthetic_info(out.string(), true);
    auto writers = output::make_output_writers({});
    std::string error;
    try {
      writers->begin(info);
    } catch (const std::runtime_error& e) {
      error = e.what();
    }
    CHECK(error == "output directory '" + out.string() + "' holds a symbolic link '" + file +
                       "'; airshed will not write through links");
    CHECK(slurp(dir.path / "sentinel") == "precious");
    CHECK(fs::is_symlink(out / file));
    CHECK(!fs::exists(out / "run.json"));  // refused before anything was written
  }
}

TEST_CASE("a fresh start removes an earlier run's files of its name, a resume keeps them") {
  test::TempDir dir("stale");
  const fs::path out = dir.path / "out";
  fs::create_directories(out);
  const char* earlier[] = {"odour.h5",
                           "odour.xmf",
                           "odour.pvd",
                           "odour_000007.vtr",
                           "odour_000007.vts",
                           "odour_statistics.vti",
                           "odour_statistics.vts",
                           "odour.checkpoint",
                           "receptors.csv",
                           "receptor_summary.csv",
                           ".odour.xmf.tmp77",
                           "odour.h5.incomplete"};
  const char* foreign[] = {"notes.txt", "odour.toml", "other_000007.vtr", "odour_7.vtr",
                           "other.h5"};
  for (const char* f : earlier) put(out / f, "old");
  for (const char* f : foreign) put(out / f, "mine");
  put(out / "run.json", "old");

  const auto kept = output::prepare_output_dir(out.string(), "odour", false, false);
  CHECK(kept.removed.empty());
  for (const char* f : earlier) CHECK_MESSAGE(fs::exists(out / f), f);

  const auto fresh = output::prepare_output_dir(out.string(), "odour", true, false);
  CHECK(fresh.lock == kept.lock);
  CHECK(fresh.removed.size() == std::size(earlier));
  for (const char* f : earlier) CHECK_MESSAGE(!fs::exists(out / f), f);
  for (const char* f : foreign) CHECK_MESSAGE(slurp(out / f) == "mine", f);
  CHECK(slurp(out / "run.json") == "old");  // replaced atomically by the run itself
  // The probe leaves nothing behind.
  for (const auto& e : fs::directory_iterator(out))
    CHECK_MESSAGE(e.path().filename().string().rfind(".airshed-write-test", 0) != 0,
                  e.path().string());
}

TEST_CASE("a scenario's directory must stay inside the working directory through links") {
  test::TempDir dir("confine");
  const fs::path work = dir.path / "work";
  fs::create_directories(work / "real");
  fs::create_directories(dir.path / "elsewhere");
  fs::create_directory_symlink(dir.path / "elsewhere", work / "out");
  fs::create_directory_symlink(work / "real", work / "inside");
  const fs::path cwd = fs::current_path();
  fs::current_path(work);
  const std::string escape = error_of(output::require_inside_working_directory, "out/case");
  const std::string inside = error_of(output::require_inside_working_directory, "inside/case");
  const std::string plain = error_of(output::require_inside_working_directory, "new/case");
  const std::string here = error_of(output::require_inside_working_directory, ".");
  std::string prepared;
  try {
    (void)output::prepare_output_dir("out/case", "odour", true, true);
  } catch (const std::runtime_error& e) {
    prepared = e.what();
  }
  fs::current_path(cwd);
  const std::string real_work = fs::canonical(work).string();
  CHECK(escape == "output directory 'out/case' leads to '" +
                      (fs::canonical(dir.path / "elsewhere") / "case").string() +
                      "', outside the working directory '" + real_work +
                      "' (through a symbolic link); give --output to write there on purpose");
  CHECK(inside.empty());
  CHECK(plain.empty());
  CHECK(here.empty());
  CHECK(prepared == escape);
  CHECK(fs::is_empty(dir.path / "elsewhere"));  // nothing was created at the far end
}
