#include "host/run/run_setup.hpp"

#include <cstdlib>

#include "host/scenario/projection.hpp"

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
  // Gridded met varies across the domain: its (projected) winds are
  // divergence-free only as a whole, not sweep by sweep, so the solver
  // carries the air to keep mixing ratios consistent (mixing_ratio_solver.hpp).
  cfg.carry_air = s.met.kind == MetKind::stations || s.met.kind == MetKind::wrf;
  // Source attribution (docs/tagging.md): none unless the scenario asks.
  if (s.tagging.enabled) {
    cfg.tags = s.tagging.names();
    for (int sp : s.tagging.species) cfg.species[std::size_t(sp)].tagged = true;
  }
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
  const LocalProjection proj{s.origin_lon, s.origin_lat};
  for (const auto& r : s.receptors) {
    ReceptorInfo ri{r.name, r.x, r.y, r.z};
    proj.to_lonlat(r.x, r.y, ri.lon, ri.lat);
    info.receptors.push_back(ri);
  }
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
  if (s.tagging.enabled) {
    TaggingInfo& t = info.tagging;
    t.tags = s.tagging.names();
    for (const TagSpec& tag : s.tagging.tags) {
      t.kinds.push_back("tag");
      t.selectors.push_back(tag.selectors);
    }
    t.kinds.insert(t.kinds.end(), {"other", "background"});
    t.selectors.push_back("emissions no declared tag matches");
    t.selectors.push_back("initial field and boundary inflow at the background");
    t.species = s.tagging.species;
    for (int sp : s.tagging.species) {
      const ScenarioSpecies& ss = s.species[std::size_t(sp)];
      t.mass_units.push_back(ss.units == "OU/m3" ? "OU" : "g");
      t.to_user_mass.push_back(1.0 / ss.emission_to_solver);
    }
  }
  return info;
}

std::string omp_wait_policy() {
  const char* p = std::getenv("OMP_WAIT_POLICY");
  return p ? p : "";
}

}  // namespace airshed
