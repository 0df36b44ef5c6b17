// What a loaded scenario tells the solver and the observers: the solver's
// plain configuration and the RunInfo handed to RunObserver::begin.
#pragma once

#include <string>

#include "host/core/forcing.hpp"
#include "host/core/run_observer.hpp"
#include "host/scenario/scenario.hpp"

namespace airshed {

TransportConfig transport_config(const Scenario& s, int threads = 0);
RunInfo run_info(const Scenario& s, const std::string& backend_name);

// The CPU threads a solver of `backend_name` made by make_solver() runs on.
int solver_threads(const std::string& backend_name);
// OMP_WAIT_POLICY as this process's OpenMP library read it; empty when unset.
std::string omp_wait_policy();
// The run's threads line, e.g.
// "threads: 2 (default: all 2 hardware threads; OMP_WAIT_POLICY=passive)".
std::string describe_threads(int requested, const std::string& backend_name);

}  // namespace airshed
