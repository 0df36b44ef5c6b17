#include "host/run/run_setup.hpp"

#include <cstdlib>

namespace airshed {

RunInputs open_run_inputs(const Scenario& s) {
  RunInputs in;
  in.met = make_met_provider(s);
  in.emissions = std::make_unique<EmissionModel>(s);
  std::vector<std::string> names;
  for (const auto& r : s.receptors) names.push_back(r.name);
  for (const auto& b : s.output.backgrounds)
    in.backgrounds.push_back(
        b.file.empty() ? statistics::ReceptorBackground::constant(b.species, b.value)
                       : statistics::ReceptorBackground::read(b, names, s.start, s.duration_s));
  return in;
}

TransportConfig transport_config(const Scenario& s, int threads) {
  TransportConfig cfg;
  cfg.grid = s.grid;
  for (const auto& sp : s.species) cfg.species.push_back(sp.spec);
  cfg.boundaries = s.boundaries;
  cfg.courant = s.courant;
  cfg.threads = threads;
  // Gridded met varies across the domain: its (projected) winds are
  // divergence-free only as a whole, not sweep by sweep, so the solver
  // carries the air to keep mixing ratios consistent (mixing_ratio_solver.hpp).
  cfg.carry_air = s.met.kind == MetKind::stations || s.met.kind == MetKind::wrf;
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
  // info.threads: what the solver reports (TransportSolver::threads()),
  // set by the run loop, which has the solver.
  info.omp_wait_policy = omp_wait_policy();
  return info;
}

std::string omp_wait_policy() {
  const char* p = std::getenv("OMP_WAIT_POLICY");
  return p ? p : "";
}

}  // namespace airshed
