// CPU threads of the OpenMP backend. make_solver() applies
// TransportConfig::threads through apply_cpu_threads(), the one place the
// OpenMP thread count is set. Far past the hardware, libgomp's team start
// crashes (--threads 100000: SIGSEGV); max_cpu_threads (1024,
// host/core/solver_config.hpp) is well above any CPU and still runs
// (slowly) on two cores.
#pragma once

#include <string>

#include "host/core/solver_config.hpp"

namespace airshed {

// OpenMP's default for this process (OMP_NUM_THREADS, else every hardware
// thread), taken before anything changed it.
int default_cpu_threads();
// The hardware threads this process may use (its CPU affinity).
int hardware_threads();
// The threads a CPU solver made from `cfg` now runs on.
int cpu_threads(const TransportConfig& cfg);
// Sets OpenMP's thread count for the calling thread's parallel regions to
// cfg.threads when > 0 (0 leaves it as it is). Throws std::invalid_argument
// when cfg.threads is outside 0..max_cpu_threads.
void apply_cpu_threads(const TransportConfig& cfg);
// "threads 2 (default: all 2 hardware threads)" style description of the
// default, for the run's first lines.
std::string describe_default_threads();

// Idle OpenMP threads sleep instead of spinning, so a run leaves a shared
// machine's idle cores to others, unless the user chose OMP_WAIT_POLICY.
// libgomp reads its environment once, when it is loaded, before main() (a
// setenv() alone changes nothing: measured), so when OMP_WAIT_POLICY is
// unset this sets it to "passive" and runs the program again in a fresh
// image (execv of /proc/self/exe: same PID, same arguments); it returns
// only when the variable was already set or the re-exec failed (no /proc:
// then the library default, and OMP_WAIT_POLICY stays unset). Call it first
// thing in main(), before any thread starts.
void prefer_passive_omp_wait(char** argv);

}  // namespace airshed
