#include "batch_command.hpp"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "host/batch/batch_member.hpp"
#include "host/batch/batch_spec.hpp"
#include "host/batch/batch_summary.hpp"
#include "host/input/input_error.hpp"

namespace airshed::cli {

namespace fs = std::filesystem;
using namespace airshed::batch;

namespace {

std::atomic<bool> stop_requested{false};
extern "C" void request_batch_stop(int) { stop_requested = true; }

// The driver's running members, for its signal handler: SIGTERM, SIGINT or
// SIGHUP sent to the driver alone (kill PID, a scheduler, a closed ssh
// session) reaches every member, which checkpoints at its next output time
// and exits 130. A Ctrl-C at the terminal reaches them anyway: they stay in
// the driver's process group, the terminal's foreground job.
constexpr int kMaxJobs = 256;  // --jobs is at most this
std::array<std::atomic<pid_t>, kMaxJobs> member_pids{};
std::atomic<int> stop_signal{0};
extern "C" void forward_stop(int sig) {
  const int saved = errno;
  stop_requested = true;
  int none = 0;
  stop_signal.compare_exchange_strong(none, sig);
  for (auto& p : member_pids)
    if (const pid_t pid = p.load(); pid > 0) ::kill(pid, sig);
  errno = saved;
}

void install(void (*handler)(int)) {
  struct sigaction sa {};
  sa.sa_handler = handler;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a blocking wait returns EINTR
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &sa, nullptr);
}

std::string signal_name(int sig) {
  switch (sig) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    case SIGHUP:
      return "SIGHUP";
    default:
      return "signal " + std::to_string(sig);
  }
}

std::string self_exe() {
  std::error_code ec;
  const fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("airshed") : p.string();
}

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

std::string sh_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

pid_t spawn_member(const BatchOptions& o, const std::string& out_dir, std::size_t k, int threads,
                   const std::string& log_path) {
  std::vector<std::string> args = {self_exe(), "--backend", o.backend_name,         "batch",
                                   o.file,     "--index",   std::to_string(k),      "--output",
                                   out_dir,    "--threads", std::to_string(threads)};
  const pid_t driver = getpid();
  const pid_t pid = fork();
  if (pid == 0) {
    // A member dies with its driver (even a kill -9 of it): no orphan goes
    // on writing a .partial directory that a rerun of the batch takes over.
    // SIGKILL, not SIGTERM: the orphan's work since its last checkpoint is
    // lost, but it is gone at once. If the driver died before prctl, exit.
    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != driver) _exit(127);
    const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      ::close(fd);
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    std::perror("airshed batch: exec");
    _exit(127);
  }
  return pid;
}

int write_slurm(const BatchOptions& o, const BatchSpec& b, const std::string& out_dir) {
  const fs::path dir = fs::path(out_dir) / "slurm";
  fs::create_directories(dir);
  const std::string exe = self_exe();
  const std::string file = fs::absolute(o.file).lexically_normal().string();
  const std::string out = fs::absolute(out_dir).lexically_normal().string();
  const std::string cwd = fs::current_path().string();
  auto header = [&](std::ostream& s, const std::string& job) {
    s << "#!/bin/bash\n#SBATCH --job-name=" << job << "\n";
    if (!o.partition.empty()) s << "#SBATCH --partition=" << o.partition << "\n";
    s << "#SBATCH --time=" << o.time_limit << "\n";
  };
  {
    std::ofstream s(dir / "members.sbatch");
    header(s, "airshed-" + b.name);
    s << "#SBATCH --array=0-" << b.members.size() - 1 << "\n";
    if (o.gpus_per_task > 0) s << "#SBATCH --gpus-per-task=" << o.gpus_per_task << "\n";
    if (o.threads > 0) s << "#SBATCH --cpus-per-task=" << o.threads << "\n";
    s << "#SBATCH --ntasks=1\n#SBATCH --output=" << out << "/slurm/member_%a.log\n"
      << "# one array task per batch member (docs/batch.md); finished members are skipped\n"
      << "cd " << sh_quote(cwd) << "\n"
      << "exec " << sh_quote(exe) << " --backend " << o.backend_name << " batch " << sh_quote(file)
      << " --index \"$SLURM_ARRAY_TASK_ID\" --output " << sh_quote(out)
      << " --threads \"${SLURM_CPUS_PER_TASK:-0}\"\n";
  }
  {
    std::ofstream s(dir / "summary.sbatch");
    header(s, "airshed-" + b.name + "-summary");
    s << "#SBATCH --ntasks=1\n#SBATCH --output=" << out << "/slurm/summary.log\n"
      << "cd " << sh_quote(cwd) << "\n"
      << "exec " << sh_quote(exe) << " batch " << sh_quote(file) << " --summary --output "
      << sh_quote(out) << "\n";
  }
  {
    std::ofstream s(dir / "submit.sh");
    s << "#!/bin/sh\n# submits the member array, then the summary once every member has ended\n"
      << "set -e\ncd \"$(dirname \"$0\")\"\n"
      << "jid=$(sbatch --parsable members.sbatch)\njid=${jid%%;*}\n"
      << "sbatch --dependency=afterany:$jid summary.sbatch\n"
      << "echo \"submitted array $jid (" << b.members.size() << " members)\"\n";
  }
  for (const char* f : {"members.sbatch", "summary.sbatch", "submit.sh"})
    fs::permissions(dir / f, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                    fs::perm_options::add);
  std::cout << "Slurm scripts in " << fs::absolute(dir).lexically_normal().string() << "/:\n"
            << "  members.sbatch  job array 0-" << b.members.size() - 1 << ", one member each\n"
            << "  summary.sbatch  summary.csv once the array has ended\n"
            << "  submit:  sh " << (dir / "submit.sh").string() << "\n";
  return 0;
}

// Writes OUTDIR/summary.csv (and prints the table); 1 with one
// "airshed: error: ..." line when it cannot be written (a full disk).
int summarise(const BatchSpec& b, const std::string& out_dir, bool print) {
  const std::string path = (fs::path(out_dir) / "summary.csv").string();
  try {
    std::vector<std::string> left_out;
    const auto rows = batch_summary(b, out_dir, &left_out);
    for (const std::string& l : left_out)
      std::cerr << "batch: summary leaves out " << l << "; run the batch again to update it\n";
    write_summary_csv(rows, path);
    if (print) print_summary_table(rows, std::cout);
  } catch (const std::exception& e) {
    std::cerr << "airshed: error: summary: " << printable_line(e.what()) << "\n";
    return 1;
  }
  std::cout << "summary: " << fs::absolute(path).lexically_normal().string() << "\n";
  return 0;
}

// Finished and computed from what the batch now says; a finished member
// that is out of date is announced (with why) and run again.
bool member_current(const BatchSpec& b, const std::string& out_dir, const MemberSpec& m) {
  if (!member_complete(out_dir, m)) return false;
  const std::string why = member_outdated(b, out_dir, m);
  if (why.empty()) return true;
  std::cout << "batch: " << m.name << " is out of date (" << why
            << " since it ran); running it again\n"
            << std::flush;
  return false;
}

}  // namespace

CLI::App* add_batch_subcommand(CLI::App& app, BatchOptions& o) {
  auto* b = app.add_subcommand("batch", "run a scenario batch (TOML, docs/batch.md)");
  b->fallthrough();
  b->add_option("batch", o.file, "batch file")->required();
  b->add_option("--output", o.output_dir, "batch output directory (one subdirectory per member)");
  b->add_option("--jobs", o.jobs, "members run in parallel")->check(CLI::Range(1, 256));
  b->add_option("--threads", o.threads, "CPU threads per member (0: cores / jobs)")
      ->check(CLI::NonNegativeNumber);
  b->add_option("--index", o.index, "run only member K (0 = baseline) in this process")
      ->check(CLI::NonNegativeNumber);
  b->add_flag("--quiet", o.quiet, "no per-member progress lines / run log");
  b->add_flag("--summary", o.summary_only, "only write summary.csv from finished members");
  b->add_flag("--slurm", o.slurm, "write Slurm job-array scripts instead of running");
  b->add_option("--partition", o.partition, "Slurm partition");
  b->add_option("--time", o.time_limit, "Slurm time limit per member, HH:MM:SS");
  b->add_option("--gpus-per-task", o.gpus_per_task, "Slurm GPUs per member")
      ->check(CLI::NonNegativeNumber);
  return b;
}

int batch_command(const BatchOptions& o) {
  BatchSpec b;
  try {
    b = parse_batch(o.file);
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  const std::string out_dir = o.output_dir.empty() ? b.output_dir : o.output_dir;
  try {
    fs::create_directories(out_dir);
  } catch (const std::exception& e) {
    std::cerr << printable_line("airshed: error: output directory '" + out_dir + "': " + e.what())
              << "\n";
    return 1;
  }
  if (o.slurm) return write_slurm(o, b, out_dir);
  if (o.summary_only) return summarise(b, out_dir, true);

  if (o.index >= 0) {  // one member, here
    if (std::size_t(o.index) >= b.members.size()) {
      std::cerr << "airshed: error: --index " << o.index << ": the batch has " << b.members.size()
                << " members (0 ... " << b.members.size() - 1 << ")\n";
      return 2;
    }
    const MemberSpec& m = b.members[std::size_t(o.index)];
    if (member_current(b, out_dir, m)) {
      std::cout << "member " << m.name << ": already complete in " << member_dir(out_dir, m)
                << "\n";
      return 0;
    }
    install(request_batch_stop);
    std::ostringstream sink;
    MemberRun run{o.backend, o.threads};
    return run_member(b, m, out_dir, run, o.quiet ? static_cast<std::ostream&>(sink) : std::cout,
                      std::cerr, &stop_requested);
  }

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

  install(forward_stop);
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
  auto free_slot = [&] {
    std::size_t i = 0;
    while (member_pids[i].load() != 0) ++i;  // running.size() < jobs <= kMaxJobs
    return i;
  };
  while (next < todo.size() || !running.empty()) {
    while (!stop_requested && next < todo.size() && running.size() < std::size_t(jobs)) {
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
      const std::size_t slot = free_slot();
      member_pids[slot] = pid;
      // A signal that came between the check above and now did not see it.
      if (stop_requested) ::kill(pid, stop_signal.load() ? stop_signal.load() : SIGTERM);
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
    if (it != running.end()) member_pids[it->second.slot] = 0;
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
    } else if (stop_requested && code == 130) {
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
  if (stop_signal.load() != 0) {
    std::cerr << "airshed: batch stopped by " << signal_name(stop_signal.load()) << "; " << not_run
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
