#include "host/batch/batch_member.hpp"

#include <filesystem>
#include <regex>
#include <sstream>

#include "host/batch/directory_lock.hpp"
#include "host/input/input_error.hpp"
#include "host/run/checkpoint_plan.hpp"
#include "host/run/run_case.hpp"

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

bool partial_in_use(const std::string& out_dir, const MemberSpec& m) {
  const std::string dir = partial_dir(out_dir, m);
  if (!fs::is_directory(dir)) return false;
  return DirectoryLock(dir).busy();
}

std::string error_line(const std::string& log_text) {
  // FILE:LINE: ... is the one-line ScenarioError (host/input/input_error.hpp).
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

namespace {

// Removes what is in `dir` but keeps the directory (and so its lock).
void empty_directory(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir)) fs::remove_all(e.path());
}

}  // namespace

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
    s.output.directory = partial;
    CaseOptions options;
    options.backend = run.backend;
    options.threads = run.threads;
    options.log_prefix = "member " + m.name + ": ";
    options.inputs = &inputs;
    options.stop = stop;
    // The checkpoint belongs to this member as it is now: an edited member
    // starts again, an unchanged one resumes even if others were edited.
    options.identity_extra = fingerprint.spec + fingerprint.met;
    // An unfinished member carries on from its last checkpoint when that
    // belongs to this very member; otherwise it starts again from scratch.
    const std::string checkpoint = checkpoint_path(s);
    Checkpoint from;
    if (fs::exists(checkpoint)) {
      try {
        from = read_checkpoint(checkpoint);
        if (identity_mismatch(from.identity, checkpoint_identity(s, options.identity_extra))
                .empty())
          options.resume = &from;
      } catch (const std::exception& e) {
        log << "member " << m.name << ": starting again: " << e.what() << "\n";
      }
    }
    if (!options.resume) empty_directory(partial);
    const RunSummary summary = run_case(s, options, log).summary;
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
