// What a loaded scenario tells the solver and the observers: the solver's
// plain configuration and the RunInfo handed to RunObserver::begin.
#pragma once

#include <string>

#include "host/run_observer.hpp"
#include "host/scenario/scenario.hpp"
#include "host/transport_config.hpp"

namespace airshed {

TransportConfig transport_config(const Scenario& s, int threads = 0);
RunInfo run_info(const Scenario& s, const std::string& backend_name);

}  // namespace airshed
