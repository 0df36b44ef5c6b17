#include "host/cli/batch_processes.hpp"

#include <fcntl.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <vector>

#include "host/cli/batch_common.hpp"

namespace airshed::cli {

std::atomic<bool> batch_stop_requested{false};

namespace {

extern "C" void request_batch_stop(int) { batch_stop_requested = true; }

// The driver's running members, for its signal handler: SIGTERM, SIGINT or
// SIGHUP sent to the driver alone (kill PID, a scheduler, a closed ssh
// session) reaches every member, which checkpoints at its next output time
// and exits 130. A Ctrl-C at the terminal reaches them anyway: they stay in
// the driver's process group, the terminal's foreground job.
std::array<std::atomic<pid_t>, kMaxJobs> member_pids{};
std::atomic<int> first_stop_signal{0};
extern "C" void forward_stop(int sig) {
  const int saved = errno;
  batch_stop_requested = true;
  int none = 0;
  first_stop_signal.compare_exchange_strong(none, sig);
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

}  // namespace

void install_stop_flag() { install(request_batch_stop); }
void install_stop_forwarding() { install(forward_stop); }
int stop_signal() { return first_stop_signal.load(); }

std::size_t track_member(pid_t pid) {
  std::size_t i = 0;
  while (member_pids[i].load() != 0) ++i;
  member_pids[i] = pid;
  return i;
}

void untrack_member(std::size_t slot) { member_pids[slot] = 0; }

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

}  // namespace airshed::cli
