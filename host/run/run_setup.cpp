#include "host/run/run_setup.hpp"

#include <omp.h>

#include <cstdlib>

#include "host/solver/cpu_threads.hpp"

namespace airshed {

RunInputs open_run_inputs(const Scenario& s) {
  RunInputs in;
  in.met = make_met_provider(s);
  in.emissions = std::make_unique<EmissionModel>(s);
  return in;
}

TransportConfig transport_config(const Scenario& s, int threads) {
  TransportConfig cfg;
  cfg.grid = s.grid;
  for (const auto& sp : s.species) cfg.species.push_back(sp.spec);
  cfg.boundaries = s.boundaries;
  cfg.courant = s.courant;
  cfg.threads = threads;
  return cfg;
}

RunInfo run_info(const Scenario& s, const std::string& backend_name) {
  RunInfo info;
  info.scenario_name = s.name;
  info.scenario_file = s.file;
  info.start = s.start;
  info.origin_lon = s.origin_lon;
  info.origin_lat = s.origin_lat;
  info.grid = s.grid;
  for (const auto& sp : s.species)
    info.species.push_back(
        {sp.spec.name, sp.units, sp.to_output_units, sp.long_name, sp.standard_name});
  for (const auto& r : s.receptors) info.receptors.push_back({r.name, r.x, r.y, r.z});
  for (const auto& src : s.sources) {
    SourceInfo si{src.name, src.group, to_string(src.kind), {}, {}};
    for (const auto& v : src.vertices) {
      si.x.push_back(v.x);
      si.y.push_back(v.y);
    }
    info.sources.push_back(si);
  }
  for (const auto& t : s.output.thresholds)
    info.thresholds.push_back({t.species, t.label, t.averaging, t.value});
  info.duration_s = s.duration_s;
  info.output_interval_s = s.output_interval_s;
  info.output_dir = s.output.directory;
  info.backend = backend_name;
  info.threads = solver_threads(backend_name);
  info.omp_wait_policy = omp_wait_policy();
  return info;
}

int solver_threads(const std::string& backend_name) {
  // make_solver() has set OpenMP's count from TransportConfig::threads.
  return backend_name == "serial" ? 1 : omp_get_max_threads();
}

std::string omp_wait_policy() {
  const char* p = std::getenv("OMP_WAIT_POLICY");
  return p ? p : "";
}

std::string describe_threads(int requested, const std::string& backend_name) {
  const std::string policy = omp_wait_policy();
  const std::string tail = "default: " + describe_default_threads() +
                           "; OMP_WAIT_POLICY=" + (policy.empty() ? "unset" : policy) + ")";
  if (backend_name == "serial") return "threads: 1 (serial backend; " + tail;
  const int n = solver_threads(backend_name);
  std::string line = "threads: " + std::to_string(n) + " (";
  if (requested > 0) line += "--threads " + std::to_string(requested) + "; ";
  return line + tail;
}

}  // namespace airshed
