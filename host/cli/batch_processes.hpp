// The batch driver's processes and signals: SIGINT, SIGTERM and SIGHUP set
// a stop flag; in the driver they are also forwarded to every running
// member (tracked here for the handler), which checkpoints and exits 130.
// Members are child processes of this binary (`batch FILE --index K`).
#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstddef>
#include <string>

#include "host/cli/batch_command.hpp"

namespace airshed::cli {

constexpr int kMaxJobs = 256;  // --jobs is at most this: members tracked at once

extern std::atomic<bool> batch_stop_requested;  // set by either handler

// One member in this process (--index K): the signals set the flag only.
void install_stop_flag();
// The driver: the signals set the flag and reach every tracked member. No
// SA_RESTART: a blocking wait returns EINTR.
void install_stop_forwarding();
// The first signal the driver forwarded; 0 when none came.
int stop_signal();

// Tracks a running member for the handler; returns its slot (fewer than
// kMaxJobs are tracked at once). untrack_member() before reaping it, so its
// pid leaves the handler's list before the kernel may reuse it.
std::size_t track_member(pid_t pid);
void untrack_member(std::size_t slot);

std::string signal_name(int sig);  // "SIGTERM"

// Starts member `k` as `SELF --backend B batch FILE --index K --output DIR
// --threads T`, its stdout and stderr to `log_path`, dying with the driver.
// Returns its pid, or -1 (errno set) when it could not be started.
pid_t spawn_member(const BatchOptions& o, const std::string& out_dir, std::size_t k, int threads,
                   const std::string& log_path);

}  // namespace airshed::cli
