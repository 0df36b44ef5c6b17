#include "host/run/run_setup.hpp"

#include <cstdlib>

#include "host/scenario/projection.hpp"

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
  if (s.chemistry.enabled) in.ozone = std::make_unique<OzoneBackground>(s);
  return in;
}

namespace {

// [chemistry] as the solver's ChemistryConfig: the roles' species, their
// molar masses and mass units, the start time and each column's place.
ChemistryConfig chemistry_config(const Scenario& s) {
  ChemistryConfig c;
  c.enabled = true;
  const bool sia = s.chemistry.mechanism == "nox_sia";
  c.sulfate = c.nitrate = c.ammonium = sia;
  for (std::size_t r = 0; r < std::size_t(chem_roles); ++r) {
    const int i = s.chemistry.species[r];
    c.species[r] = i;
    if (i < 0) continue;
    const ScenarioSpecies& sp = s.species[std::size_t(i)];
    c.molar_mass[r] = sp.molar_mass;
    c.grams_per_unit[r] = 1 / sp.emission_to_solver;  // g per solver mass unit
  }
  c.start_utc_epoch_s = double(s.start.utc_epoch_s);
  c.time_step_s = s.chemistry.time_step_s;
  const LocalProjection proj{s.origin_lon, s.origin_lat};
  for (int j = 0; j < s.grid.ny; ++j)
    for (int i = 0; i < s.grid.nx; ++i) {
      double lon = 0, lat = 0;
      proj.to_lonlat(s.grid.x_centre(i), (j + 0.5) * s.grid.dy, lon, lat);
      c.lon.push_back(lon);
      c.lat.push_back(lat);
    }
  return c;
}

}  // namespace

TransportConfig transport_config(const Scenario& s, int threads) {
  TransportConfig cfg;
  cfg.grid = s.grid;
  for (const auto& sp : s.species) cfg.species.push_back(sp.spec);
  cfg.boundaries = s.boundaries;
  cfg.courant = s.courant;
  if (s.ffsl) cfg.advection = Advection::ffsl;
  if (s.steps_per_hour > 0) cfg.max_step_s = 3600.0 / s.steps_per_hour;
  if (s.upwind_advection) cfg.advection = Advection::upwind;
  cfg.threads = threads;
  // Gridded met varies across the domain: its (projected) winds are
  // divergence-free only as a whole, not sweep by sweep, so the solver
  // carries the air to keep mixing ratios consistent (mixing_ratio_solver.hpp).
  cfg.carry_air = s.met.kind == MetKind::stations || s.met.kind == MetKind::wrf;
  cfg.convective_mixing = s.met.convective_mixing;
  if (s.chemistry.enabled) cfg.chemistry = chemistry_config(s);
  // Source attribution (docs/tagging.md): none unless the scenario asks.
  if (s.tagging.enabled) {
    cfg.tags = s.tagging.names();
    for (int sp : s.tagging.species) cfg.species[std::size_t(sp)].tagged = true;
  }
  return cfg;
}

std::vector<DerivedOutput> derived_outputs(const Scenario& s) {
  std::vector<DerivedOutput> out;
  const ChemistrySpec& c = s.chemistry;
  if (!c.enabled) return out;
  auto species = [&](int role) -> const ScenarioSpecies& {
    return s.species[std::size_t(c.species[std::size_t(role)])];
  };
  // Grams per solver unit of a species (its emissions' g -> M factor).
  auto grams = [](const ScenarioSpecies& sp) { return 1 / sp.emission_to_solver; };
  // NOx as NO2: NO2 + the NO2 mass of NO's moles, in the NO2 species' unit.
  const ScenarioSpecies& no = species(chem_no);
  const ScenarioSpecies& no2 = species(chem_no2);
  out.push_back({{"NOx", no2.units, no2.to_output_units, "nitrogen oxides (NO + NO2) as NO2", ""},
                 {{c.species[chem_no2], 1.0},
                  {c.species[chem_no], grams(no) / no.molar_mass * no2.molar_mass / grams(no2)}}});
  if (c.mechanism != "nox_sia") return out;
  // Secondary inorganic aerosol and PM2.5 in ug/m3: each species' mass
  // (the solver holds mass concentrations, so no temperature or pressure
  // enters), ug per solver unit = 1e6 g.
  DerivedOutput sia{{"SIA", "ug/m3", 1.0, "secondary inorganic aerosol (SO4 + NO3 + NH4)", ""}, {}};
  for (int role : {chem_so4, chem_no3, chem_nh4})
    sia.terms.push_back({c.species[std::size_t(role)], 1e6 * grams(species(role))});
  DerivedOutput pm{{"PM2.5_total", "ug/m3", 1.0, "PM2.5: primary + sulfate + nitrate + ammonium",
                    "mass_concentration_of_pm2p5_ambient_aerosol_particles_in_air"},
                   sia.terms};
  if (c.primary_pm25 >= 0)
    pm.terms.insert(pm.terms.begin(),
                    {c.primary_pm25, 1e6 * grams(s.species[std::size_t(c.primary_pm25)])});
  out.push_back(sia);
  out.push_back(pm);
  return out;
}

std::vector<std::vector<float>> derived_fields(const std::vector<DerivedOutput>& d,
                                               const std::vector<std::vector<float>>& fields) {
  std::vector<std::vector<float>> out;
  for (const DerivedOutput& o : d) {
    const std::size_t n = fields.empty() ? 0 : fields[0].size();
    std::vector<double> sum(n, 0.0);
    for (const auto& [s, w] : o.terms)
      for (std::size_t i = 0; i < n; ++i) sum[i] += w * double(fields[std::size_t(s)][i]);
    out.emplace_back(sum.begin(), sum.end());
  }
  return out;
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
  // The derived outputs after the transported species: every recorder
  // sees them as species (run_loop.cpp appends their fields).
  for (const DerivedOutput& d : derived_outputs(s)) info.species.push_back(d.info);
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
    // Linear in the emissions unless the limited advection or the
    // chemistry is on (docs/tagging.md, "What is exact and what is not").
    std::vector<std::string> nonlinear;
    if (!s.upwind_advection)
      nonlinear.push_back("horizontal and vertical advection (MC slope limiter)");
    if (s.chemistry.enabled) nonlinear.push_back("chemistry");
    for (const std::string& p : nonlinear)
      t.nonlinear_processes += (t.nonlinear_processes.empty() ? "" : ", ") + p;
  }
  return info;
}

std::string omp_wait_policy() {
  const char* p = std::getenv("OMP_WAIT_POLICY");
  return p ? p : "";
}

}  // namespace airshed
