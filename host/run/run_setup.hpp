// What a loaded scenario tells the solver and the observers: the solver's
// plain configuration, the RunInfo handed to RunObserver::begin, and the
// met and emission providers built from its specs.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "host/core/forcing.hpp"
#include "host/core/run_observer.hpp"
#include "host/emissions/emission_model.hpp"
#include "host/met/met_provider.hpp"
#include "host/met/ozone_background.hpp"
#include "host/scenario/scenario.hpp"
#include "host/statistics/receptor_background.hpp"

namespace airshed {

// Where a run's forcing comes from: the providers built from the
// scenario's [met] and [[source]] specs. The emission model keeps a
// reference to the scenario, which must outlive it.
struct RunInputs {
  std::unique_ptr<MetProvider> met;
  std::unique_ptr<EmissionModel> emissions;
  // [output.background], read for the run's hours (the regulatory tables').
  std::vector<statistics::ReceptorBackground> backgrounds;
  std::unique_ptr<OzoneBackground> ozone;  // with [chemistry] only
};

// Builds the providers, reading (and checking) the inputs the scenario
// names for the run's hours. Call it before anything is written: a bad
// station row throws the one-line ScenarioError here, as a bad scenario
// key does in load_scenario().
RunInputs open_run_inputs(const Scenario& s);

TransportConfig transport_config(const Scenario& s, int threads = 0);

// An output made from the transported species (docs/output-format.md,
// "Derived outputs"): the field sum_i weight_i c_i of solver fields, in
// the units of `info`. With [chemistry]: NOx as NO2 (the NO2 species'
// units), and for "nox_sia" SIA = SO4 + NO3 + NH4 and PM2.5_total =
// primary PM2.5 + SIA (ug/m3).
struct DerivedOutput {
  SpeciesInfo info;
  std::vector<std::pair<int, double>> terms;  // (scenario species, weight)
};
std::vector<DerivedOutput> derived_outputs(const Scenario& s);
// The derived fields of one snapshot's transported fields (same order).
std::vector<std::vector<float>> derived_fields(const std::vector<DerivedOutput>& d,
                                               const std::vector<std::vector<float>>& fields);
RunInfo run_info(const Scenario& s, const std::string& backend_name);

// OMP_WAIT_POLICY as this process's OpenMP library read it; empty when unset.
std::string omp_wait_policy();

}  // namespace airshed
