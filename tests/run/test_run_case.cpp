// run_case() is the one way a case is run: `airshed run` writes exactly
// what a run_case() call writes, the thread count the run reports (its
// threads line, run.json, checkpoints) is the solver's own, and a case
// stopped part-way resumes through run_case() to the uninterrupted result.
#include <doctest/doctest.h>
#include <hdf5.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "host/run/checkpoint_plan.hpp"
#include "host/run/run_case.hpp"
#include "host/scenario/load_scenario.hpp"
#include "host/solver/solver_decorator.hpp"
#include "tests/run/run_output_files.hpp"
#include "tests/scenario/scenario_text.hpp"

using namespace airshed;
namespace fs = std::filesystem;
using test::run_json_case;
using test::slurp;

namespace {

struct Dir {
  fs::path path;
  explicit Dir(const std::string& tag)
      : path(fs::temp_directory_path() /
             ("airshed_run_case_" + tag + "_" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
    std::ofstream(path / "t.toml") << test::kSmallScenario;
  }
  ~Dir() { fs::remove_all(path); }
  Scenario scenario(const std::string& out) const {
    Scenario s = load_scenario((path / "t.toml").string());
    s.output.directory = (path / out).string();  // as `airshed run --output` does
    return s;
  }
};

std::string line(const std::string& text, int n) {
  std::istringstream in(text);
  std::string l;
  for (int i = 0; i < n && std::getline(in, l); ++i) {
  }
  return l;
}

// A float dataset of an HDF5 file (its bytes hold object times, so the
// files are compared by content).
std::vector<float> read_floats(const fs::path& file, const std::string& name) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  const hid_t d = H5Dopen2(f, name.c_str(), H5P_DEFAULT);
  REQUIRE(d >= 0);
  const hid_t space = H5Dget_space(d);
  std::vector<float> v(std::size_t(std::max<hssize_t>(H5Sget_simple_extent_npoints(space), 0)));
  REQUIRE(H5Dread(d, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) >= 0);
  H5Sclose(space);
  H5Dclose(d);
  H5Fclose(f);
  return v;
}

std::set<std::string> files_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

// Forwards to the backend's solver but reports its own thread count.
class ReportsThreads final : public ForwardingSolver {
 public:
  using ForwardingSolver::ForwardingSolver;
  int threads() const override { return 3; }
};

std::unique_ptr<TransportSolver> reports_three(std::unique_ptr<TransportSolver> s) {
  return std::make_unique<ReportsThreads>(std::move(s));
}

}  // namespace

TEST_CASE("one run_case() call writes what `airshed run` writes") {
  Dir d("cli");
  // `airshed` runs with OMP_WAIT_POLICY=passive unless it is set (it
  // re-executes itself, cli_main.cpp); the same setting here, so both
  // report the same policy in their threads lines and run.json.
  setenv("OMP_WAIT_POLICY", "passive", 0);
  const std::string cmd = std::string(AIRSHED_EXE) + " --backend cpu run " +
                          (d.path / "t.toml").string() + " --threads 1 --output " +
                          (d.path / "cli").string() + " > " + (d.path / "cli.log").string() +
                          " 2>&1";
  const int st = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(st));
  REQUIRE(WEXITSTATUS(st) == 0);

  CaseOptions options;
  options.backend = BackendChoice::cpu;
  options.threads = 1;
  options.check_resources = true;  // as `airshed run` does
  std::ostringstream log;
  const CaseResult r = run_case(d.scenario("case"), options, log);
  CHECK_FALSE(r.summary.interrupted);
  CHECK(r.backend == "cpu");
  CHECK(r.threads == 1);

  // The same first lines: the backend, then the solver's thread count.
  const std::string cli_log = slurp(d.path / "cli.log");
  CHECK(line(log.str(), 1) == line(cli_log, 1));
  CHECK(line(log.str(), 2) == line(cli_log, 2));
  CHECK(line(log.str(), 2).rfind("threads: 1 (--threads 1; ", 0) == 0);

  // The same files, byte for byte; but run.json for wall time and paths,
  // NAME.h5 compared by content and the lock file (the writer's PID).
  const std::set<std::string> names = files_in(d.path / "cli");
  CHECK(names == files_in(d.path / "case"));
  CHECK(names.count("t.h5") == 1);
  CHECK(names.count("receptors.csv") == 1);
  for (const std::string& f : names) {
    CAPTURE(f);
    const fs::path a = d.path / "cli" / f, b = d.path / "case" / f;
    if (f == "run.json") {
      CHECK(run_json_case(a) == run_json_case(b));
    } else if (f == "t.h5") {
      // A scenario file's default selection: ground fields only (no "SO2").
      for (const char* field :
           {"SO2_ground", "time", "statistics/SO2_max_instant", "statistics/SO2_period_mean"}) {
        CAPTURE(field);
        const std::vector<float> fa = read_floats(a, field);
        CHECK(fa.size() > 0);
        CHECK(fa == read_floats(b, field));
      }
    } else if (f == "t.nc" || f == "t_statistics.nc") {
      // The CF views by content: their `history` attribute holds the time
      // of writing, and HDF5 object headers their creation times.
      const std::string field = f == "t.nc" ? "SO2_ground" : "SO2_period_mean";
      CAPTURE(field);
      const std::vector<float> fa = read_floats(a, field);
      CHECK(fa.size() > 0);
      CHECK(fa == read_floats(b, field));
    } else if (f == "t_xdmf.hdf5") {
      // Views of t.h5 (no data of their own); object headers carry times.
      CHECK(fs::file_size(a) == fs::file_size(b));
    } else if (f != ".airshed.lock") {
      CHECK(slurp(a) == slurp(b));
    }
  }
}

TEST_CASE("the thread count a case reports is the solver's own") {
  Dir d("threads");
  std::ostringstream log;
  // The serial backend runs on one thread whatever was asked for.
  CaseOptions serial;
  serial.backend = BackendChoice::serial;
  serial.threads = 2;
  CHECK(run_case(d.scenario("serial"), serial, log).threads == 1);
  CHECK(line(log.str(), 2).rfind("threads: 1 (serial backend; ", 0) == 0);
  CHECK(slurp(d.path / "serial" / "run.json").find("\"threads\": 1,") != std::string::npos);

  // Whatever the solver reports is what the line and run.json say.
  install_solver_decorator(reports_three);
  std::ostringstream log3;
  CaseOptions cpu;
  cpu.backend = BackendChoice::cpu;
  cpu.threads = 1;
  const CaseResult r = run_case(d.scenario("three"), cpu, log3);
  install_solver_decorator(nullptr);
  CHECK(r.threads == 3);
  CHECK(line(log3.str(), 2).rfind("threads: 3 (--threads 1; ", 0) == 0);
  CHECK(slurp(d.path / "three" / "run.json").find("\"threads\": 3,") != std::string::npos);
}

TEST_CASE("a case stopped at once resumes through run_case() to the uninterrupted result") {
  Dir d("resume");
  CaseOptions options;
  options.backend = BackendChoice::cpu;
  options.threads = 1;
  std::ostringstream log;
  run_case(d.scenario("whole"), options, log);

  // A stop requested before the first pair of steps: a checkpoint at t = 0.
  const Scenario s = d.scenario("parts");
  std::atomic<bool> stop{true};
  options.stop = &stop;
  REQUIRE(run_case(s, options, log).summary.interrupted);
  REQUIRE(fs::exists(checkpoint_path(s)));
  const Checkpoint c = read_checkpoint(checkpoint_path(s));
  CHECK(c.threads == 1);  // the solver's count, recorded for a bitwise resume

  options.stop = nullptr;
  options.resume = &c;
  std::ostringstream log2;
  CHECK_FALSE(run_case(s, options, log2).summary.interrupted);
  CHECK(log2.str().find("resumed at t = 0 s") != std::string::npos);
  CHECK_FALSE(fs::exists(checkpoint_path(s)));  // complete: nothing left to resume
  for (const char* f : {"receptors.csv", "receptor_summary.csv"})
    CHECK(slurp(d.path / "whole" / f) == slurp(d.path / "parts" / f));
}
