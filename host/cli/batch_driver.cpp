#include "host/cli/batch_driver.hpp"

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>
#include <vector>

#include "host/batch/batch_member.hpp"
#include "host/cli/batch_common.hpp"
#include "host/cli/batch_processes.hpp"

namespace airshed::cli {

namespace fs = std::filesystem;
using namespace airshed::batch;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

double end_time_s(const std::string& run_json) {
  std::ifstream in(run_json);
  std::string line;
  while (std::getline(in, line)) {
    const auto p = line.find("\"end_time_s\":");
    if (p != std::string::npos) return std::atof(line.c_str() + p + 13);
  }
  return 0;
}

std::string clock_text(double s) {
  char buf[32];
  const long t = long(s + 0.5);
  std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
  return buf;
}

}  // namespace

int run_member_here(const BatchOptions& o, const BatchSpec& b, const std::string& out_dir) {
  if (std::size_t(o.index) >= b.members.size()) {
    std::cerr << "airshed: error: --index " << o.index << ": the batch has " << b.members.size()
              << " members (0 ... " << b.members.size() - 1 << ")\n";
    return 2;
  }
  const MemberSpec& m = b.members[std::size_t(o.index)];
  if (member_current(b, out_dir, m)) {
    std::cout << "member " << m.name << ": already complete in " << member_dir(out_dir, m) << "\n";
    return 0;
  }
  install_stop_flag();
  std::ostringstream sink;
  MemberRun run{o.backend, o.threads};
  return run_member(b, m, out_dir, run, o.quiet ? static_cast<std::ostream&>(sink) : std::cout,
                    std::cerr, &batch_stop_requested);
}

int run_members(const BatchOptions& o, const BatchSpec& b, const std::string& out_dir) {
  // Every member as a child process of this binary: identical results to a
  // lone `--index K` run, CPU threads split between the members.
  const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
  const int jobs = std::max(1, o.jobs);
  const int threads = o.threads > 0 ? o.threads : std::max(1, cores / jobs);
  const std::size_t n = b.members.size();
  std::vector<std::size_t> todo;
  std::size_t done = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (member_current(b, out_dir, b.members[k])) {
      ++done;
      if (!o.quiet)
        std::cout << "batch: [" << done << "/" << n << "] " << b.members[k].name
                  << " already complete, skipped\n";
    } else {
      todo.push_back(k);
    }
  }
  if (!o.quiet)
    std::cout << "batch " << b.name << ": " << n << " members, " << todo.size() << " to run, "
              << std::min<std::size_t>(std::size_t(jobs), std::max<std::size_t>(todo.size(), 1))
              << " at a time, " << threads << " thread(s) each, outputs in "
              << fs::absolute(out_dir).lexically_normal().string() << "/\n"
              << std::flush;

  install_stop_forwarding();
  const auto t0 = std::chrono::steady_clock::now();
  struct Running {
    std::size_t k;
    std::chrono::steady_clock::time_point start;
    std::string log;
    std::size_t slot;
  };
  std::map<pid_t, Running> running;
  std::size_t next = 0, finished_here = 0, busy = 0;
  int failed = 0;
  while (next < todo.size() || !running.empty()) {
    while (!batch_stop_requested && next < todo.size() && running.size() < std::size_t(jobs)) {
      const std::size_t k = todo[next++];
      const MemberSpec& m = b.members[k];
      // A member of an earlier batch (or another --index process) still
      // writing this member: leave it alone rather than write beside it.
      if (partial_in_use(out_dir, m)) {
        ++busy;
        std::cerr << "batch: " << m.name << " skipped: " << partial_dir(out_dir, m)
                  << " is in use by another running airshed process\n";
        continue;
      }
      const std::string log = (fs::path(out_dir) / ("." + m.name + ".log")).string();
      const pid_t pid = spawn_member(o, out_dir, k, threads, log);
      if (pid < 0) {
        std::cerr << "airshed: error: member " << m.name
                  << ": cannot start a process: " << std::strerror(errno) << "\n";
        ++failed;
        continue;
      }
      const std::size_t slot = track_member(pid);  // running.size() < jobs <= kMaxJobs
      // A signal that came between the check above and now did not see it.
      if (batch_stop_requested) ::kill(pid, stop_signal() ? stop_signal() : SIGTERM);
      running[pid] = {k, std::chrono::steady_clock::now(), log, slot};
    }
    if (running.empty()) break;
    // Which member ended, without reaping it yet: its pid leaves the signal
    // handler's list before the kernel may reuse it.
    siginfo_t info{};
    if (waitid(P_ALL, 0, &info, WEXITED | WNOWAIT) != 0) {
      if (errno == EINTR) continue;
      break;
    }
    const pid_t pid = info.si_pid;
    auto it = running.find(pid);
    if (it != running.end()) untrack_member(it->second.slot);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (it == running.end()) continue;
    const Running r = it->second;
    running.erase(it);
    const MemberSpec& m = b.members[r.k];
    const auto now = std::chrono::steady_clock::now();
    const double wall = std::chrono::duration<double>(now - r.start).count();
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (code == 0 && member_complete(out_dir, m)) {
      ++done;
      ++finished_here;
      std::error_code ec;
      fs::rename(r.log, fs::path(member_dir(out_dir, m)) / "batch.log", ec);
      if (!o.quiet) {
        const double elapsed = std::chrono::duration<double>(now - t0).count();
        const std::size_t left = todo.size() - finished_here - std::size_t(failed);
        const double eta = elapsed / double(finished_here + std::size_t(failed)) * double(left);
        std::cout << "batch: [" << done << "/" << n << "] " << m.name << " done: "
                  << clock_text(
                         end_time_s((fs::path(member_dir(out_dir, m)) / "run.json").string()))
                  << " simulated in " << clock_text(wall) << " wall; ETA "
                  << (left == 0 ? std::string("-") : clock_text(eta)) << "\n"
                  << std::flush;
      }
    } else if (batch_stop_requested && code == 130) {
      // Stopped by the forwarded signal at an output time, checkpoint kept:
      // not a failure, it resumes on the next run.
    } else if (code == kMemberLocked) {
      ++busy;  // another process took the member between our check and its start
      std::cerr << "batch: " << m.name << " skipped: " << error_line(slurp(r.log)) << "\n";
    } else {
      ++done;
      ++failed;
      std::cerr << "batch: [" << done << "/" << n << "] " << m.name << " FAILED (exit " << code
                << "): " << error_line(slurp(r.log)) << "  (log: " << r.log << ")\n";
    }
  }
  const std::size_t not_run = todo.size() - finished_here - std::size_t(failed);
  const int summary_status = summarise(b, out_dir, true);
  if (stop_signal() != 0) {
    std::cerr << "airshed: batch stopped by " << signal_name(stop_signal()) << "; " << not_run
              << " member(s) not finished, their checkpoints kept; run the same command again to "
                 "resume\n";
    return 130;
  }
  if (busy > 0)
    std::cerr << "airshed: " << busy << " member(s) not run: in use by another running airshed "
              << "process; run the same command again once it has ended\n";
  else if (not_run > 0)
    std::cerr << "airshed: batch interrupted; " << not_run
              << " member(s) not finished; run the same command again to resume\n";
  failed += int(not_run);
  if (failed > 0) std::cerr << "airshed: " << failed << " of " << n << " member(s) failed\n";
  if (summary_status != 0) return std::min(125, failed + 1);
  return std::min(125, failed);
}

}  // namespace airshed::cli
