// What a loaded scenario tells the solver and the observers: the solver's
// plain configuration, the RunInfo handed to RunObserver::begin, and the
// met and emission providers built from its specs.
#pragma once

#include <memory>
#include <string>

#include "host/core/forcing.hpp"
#include "host/core/run_observer.hpp"
#include "host/emissions/emission_model.hpp"
#include "host/met/met_provider.hpp"
#include "host/met/ozone_background.hpp"
#include "host/scenario/scenario.hpp"

namespace airshed {

// Where a run's forcing comes from: the providers built from the
// scenario's [met] and [[source]] specs. The emission model keeps a
// reference to the scenario, which must outlive it.
struct RunInputs {
  std::unique_ptr<MetProvider> met;
  std::unique_ptr<EmissionModel> emissions;
  std::unique_ptr<OzoneBackground> ozone;  // with [chemistry] only
};

// Builds the providers, reading (and checking) the inputs the scenario
// names for the run's hours. Call it before anything is written: a bad
// station row throws the one-line ScenarioError here, as a bad scenario
// key does in load_scenario().
RunInputs open_run_inputs(const Scenario& s);

TransportConfig transport_config(const Scenario& s, int threads = 0);
RunInfo run_info(const Scenario& s, const std::string& backend_name);

// OMP_WAIT_POLICY as this process's OpenMP library read it; empty when unset.
std::string omp_wait_policy();

}  // namespace airshed
