// The whole `airshed` command line (`run`, `batch`, `demo`): what main()
// runs. A test executable installs its seams (host/solver/solver_decorator.hpp)
// and then calls this, so it runs the shipped command on the shipped code.
#pragma once

namespace airshed::cli {

// Parses argv, runs the subcommand and returns the exit status. No
// exception leaves it: std::terminate would print a multi-line abort
// message and exit with a signal instead of the one-line error. May
// re-execute /proc/self/exe once (OMP_WAIT_POLICY, cli_main.cpp), so a
// caller installs its seams before calling it, on every start.
int main_entry(int argc, char** argv);

}  // namespace airshed::cli
