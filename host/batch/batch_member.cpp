#include "host/batch/batch_member.hpp"

#include <fcntl.h>
#include <omp.h>
#include <sys/file.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "host/cli/output_options.hpp"
#include "host/core/field_names.hpp"
#include "host/input/input_error.hpp"
#include "host/output/atomic_file.hpp"
#include "host/output/output_writers.hpp"
#include "host/output/sha256.hpp"
#include "host/run/run_loop.hpp"
#include "host/run/run_setup.hpp"

namespace airshed::batch {

namespace fs = std::filesystem;

std::string member_dir(const std::string& out_dir, const MemberSpec& m) {
  return (fs::path(out_dir) / m.name).string();
}
std::string partial_dir(const std::string& out_dir, const MemberSpec& m) {
  return (fs::path(out_dir) / ("." + m.name + ".partial")).string();
}
bool member_complete(const std::string& out_dir, const MemberSpec& m) {
  return fs::exists(fs::path(member_dir(out_dir, m)) / "run.json");
}

namespace {

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string toml_string(const std::string& s) {
  std::string o = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      o += '\\';
      o += char(c);
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      o += buf;
    } else {
      o += char(c);
    }
  }
  return o + "\"";
}

std::string factors_text(const std::map<std::string, double>& f) {
  std::string s = "{";
  for (const auto& [k, v] : f)
    s += (s.size() > 1 ? ", " : " ") + (toml_string(k) + " = " + std::to_string(v));
  return s + (f.empty() ? "}" : " }");
}

std::string exact(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// Every override of the member, numbers to the last bit, one per line.
std::string spec_text(const MemberSpec& m) {
  std::ostringstream o;
  o << "name " << m.name << "\nvariant " << m.variant << "\nepisode " << m.episode << "\n";
  auto factors = [&](const char* what, const std::map<std::string, double>& f) {
    for (const auto& [k, v] : f)
      o << what << ' ' << k.size() << ':' << k << ' ' << exact(v) << '\n';
  };
  factors("group", m.scale_group);
  factors("species", m.scale_species);
  factors("source", m.scale_source);
  for (const RegionScale& r : m.regions) {
    o << "region " << exact(r.factor);
    for (const Vec2& p : r.polygon) o << ' ' << exact(p.x) << ' ' << exact(p.y);
    o << '\n';
  }
  o << "met " << m.met_file << "\nstart " << m.start << "\nduration " << m.duration << "\n";
  return o.str();
}

// What this member changed and what it was computed from, next to its
// outputs; written last, through the checked atomic writer.
void write_member_toml(const std::string& dir, const BatchSpec& b, const MemberSpec& m,
                       const MemberFingerprint& f) {
  std::ostringstream o;
  o << "# written by airshed batch\nbatch = " << toml_string(b.file)
    << "\nbase = " << toml_string(b.base) << "\nname = " << toml_string(m.name)
    << "\nvariant = " << toml_string(m.variant) << "\nepisode = " << toml_string(m.episode)
    << "\nscale_group = " << factors_text(m.scale_group)
    << "\nscale_species = " << factors_text(m.scale_species)
    << "\nscale_source = " << factors_text(m.scale_source) << "\nregions = " << m.regions.size()
    << "\nmet = " << toml_string(m.met_file) << "\nstart = " << toml_string(m.start)
    << "\nduration = " << toml_string(m.duration) << "\n"
    << "\n# SHA-256 of what the results depend on: a batch rerun recomputes the member\n"
       "# when any of them differs (docs/batch.md)\n[fingerprint]\nspec = "
    << toml_string(f.spec) << "\nscenario = " << toml_string(f.scenario)
    << "\nmet = " << toml_string(f.met) << "\nmet_file = " << toml_string(f.met_file) << "\n";
  output::write_file_atomically((fs::path(dir) / "member.toml").string(), o.str());
}

// An exclusive flock on the .partial directory itself (not on a file in
// it, so no other lock taken inside the directory can collide with it),
// held while the object lives. Released by the kernel when the process
// dies in any way, so a stale lock cannot outlive its holder.
class DirectoryLock {
 public:
  explicit DirectoryLock(const std::string& dir) {
    fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0) {
      error_ = std::strerror(errno);
      return;
    }
    while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      if (errno == EINTR) continue;
      error_ = errno == EWOULDBLOCK ? "" : std::strerror(errno);
      busy_ = errno == EWOULDBLOCK;
      ::close(fd_);
      fd_ = -1;
      return;
    }
  }
  ~DirectoryLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;
  bool held() const { return fd_ >= 0; }
  bool busy() const { return busy_; }
  const std::string& error() const { return error_; }

 private:
  int fd_ = -1;
  bool busy_ = false;
  std::string error_;
};

// Removes what is in `dir` but keeps the directory (and so its lock).
void empty_directory(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir)) fs::remove_all(e.path());
}

}  // namespace

MemberFingerprint member_fingerprint(const BatchSpec& batch, const MemberSpec& m,
                                     const Scenario& s) {
  MemberFingerprint f;
  f.spec = output::sha256_bytes(spec_text(m));
  f.scenario = output::sha256_file(batch.base);
  if (s.met.kind == MetKind::station) {
    f.met_file = s.met.station_file;
    f.met = output::sha256_file(s.met.station_file);
  }
  return f;
}

std::string member_outdated(const BatchSpec& batch, const std::string& out_dir,
                            const MemberSpec& m) {
  const fs::path record = fs::path(member_dir(out_dir, m)) / "member.toml";
  MemberFingerprint had;
  try {
    const toml::table t = toml::parse_file(record.string());
    had.spec = t["fingerprint"]["spec"].value_or(std::string());
    had.scenario = t["fingerprint"]["scenario"].value_or(std::string());
    had.met = t["fingerprint"]["met"].value_or(std::string());
  } catch (const std::exception&) {
  }
  if (had.spec.empty()) return "it has no fingerprint in " + record.string() + " to compare";
  MemberFingerprint now;
  try {
    now = member_fingerprint(batch, m, member_scenario(batch, m));
  } catch (const std::exception&) {
    return "its scenario is no longer valid";
  }
  if (had.spec != now.spec) return "its settings in " + batch.file + " changed";
  if (had.scenario != now.scenario) return "the base scenario " + batch.base + " changed";
  if (had.met != now.met)
    return now.met.empty() ? std::string("its met changed")
                           : "its met file " + now.met_file + " changed";
  return "";
}

bool partial_in_use(const std::string& out_dir, const MemberSpec& m) {
  const std::string dir = partial_dir(out_dir, m);
  if (!fs::is_directory(dir)) return false;
  return DirectoryLock(dir).busy();
}

std::string error_line(const std::string& log_text) {
  // FILE:LINE: ... is the one-line ScenarioError (scenario_error.hpp).
  static const std::regex file_line(R"(^[^ :]+:[0-9]+: .*)");
  std::istringstream in(log_text);
  std::string line, error, airshed, last;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    last = line;
    if (line.rfind("airshed: error: ", 0) == 0 || std::regex_match(line, file_line))
      error = line;
    else if (line.rfind("airshed", 0) == 0)
      airshed = line;
  }
  return !error.empty() ? error : !airshed.empty() ? airshed : last;
}

int run_member(const BatchSpec& batch, const MemberSpec& m, const std::string& out_dir,
               const MemberRun& run, std::ostream& log, std::ostream& err,
               const std::atomic<bool>* stop) {
  Scenario s;
  MemberFingerprint fingerprint;
  RunInputs inputs;
  try {
    s = member_scenario(batch, m);
    fingerprint = member_fingerprint(batch, m, s);
    inputs = open_run_inputs(s);  // the station file, before anything is written
  } catch (const ScenarioError& e) {
    err << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    err << "airshed: error: member " << m.name << ": " << e.what() << "\n";
    return 1;
  }
  try {
    const std::string partial = partial_dir(out_dir, m), final_dir = member_dir(out_dir, m);
    fs::create_directories(partial);
    const DirectoryLock lock(partial);
    if (lock.busy()) {
      err << "airshed: error: member " << m.name << ": " << partial
          << " is in use by another running airshed process; not started\n";
      return kMemberLocked;
    }
    if (!lock.held()) throw std::runtime_error("cannot lock '" + partial + "': " + lock.error());
    RunControl control;
    control.stop = stop;
    control.checkpoint_path = partial + "/" + output::safe_name(s.name) + ".checkpoint";
    control.checkpoint_every =
        checkpoint_every(s.output.checkpoint_interval_s, s.output_interval_s);
    // The checkpoint belongs to this member as it is now: an edited member
    // starts again, an unchanged one resumes even if others were edited.
    control.identity_extra = fingerprint.spec + fingerprint.met;
    // An unfinished member carries on from its last checkpoint when that
    // belongs to this very member; otherwise it starts again from scratch.
    Checkpoint from;
    if (fs::exists(control.checkpoint_path)) {
      try {
        from = read_checkpoint(control.checkpoint_path);
        if (identity_mismatch(from.identity, checkpoint_identity(s, control.identity_extra))
                .empty())
          control.resume = &from;
      } catch (const std::exception& e) {
        log << "member " << m.name << ": starting again: " << e.what() << "\n";
      }
    }
    if (!control.resume) empty_directory(partial);
    s.output.directory = partial;
    if (run.threads > 0) omp_set_num_threads(run.threads);
    log << "member " << m.name << ": " << describe_backend_choice(run.backend) << "\n";
    auto solver = make_solver(run.backend, transport_config(s, run.threads));
    auto writers = output::make_output_writers(cli::output_options(s.output));
    control.threads = omp_get_max_threads();
    const RunSummary summary = run_scenario(s, inputs, *solver, {writers.get()}, log, control);
    if (summary.interrupted) {
      err << "airshed: member " << m.name << " interrupted at t = " << summary.end_time_s
          << " s; outputs so far in " << partial << "\n";
      return 130;
    }
    write_member_toml(partial, batch, m, fingerprint);
    fs::remove_all(final_dir);
    fs::rename(partial, final_dir);
    return 0;
  } catch (const std::exception& e) {
    err << "airshed: error: member " << m.name << ": " << e.what() << "\n";
    return 1;
  }
}

}  // namespace airshed::batch
