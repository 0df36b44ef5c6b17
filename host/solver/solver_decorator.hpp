// A test-only seam in make_solver(): a test executable installs a decorator
// before it calls the command line's entry point (airshed::cli::main_entry,
// host/cli/cli_main.hpp), and every solver make_solver() builds is passed
// through it. Fault injection (tests/cli/nan_injected_main.cpp) then runs
// the shipped code path with no source compiled twice and no function
// replaced by link order. airshed itself never installs one.
#pragma once

#include <memory>

#include "host/solver/forwarding_solver.hpp"

namespace airshed {

// Takes the backend's solver, returns the one the caller gets (typically a
// wrapper that forwards to it).
using SolverDecorator = std::unique_ptr<TransportSolver> (*)(std::unique_ptr<TransportSolver>);

// Installs `d` for every later make_solver() call of this process; nullptr
// removes it. Not thread-safe: install before any solver is made.
void install_solver_decorator(SolverDecorator d);

}  // namespace airshed
