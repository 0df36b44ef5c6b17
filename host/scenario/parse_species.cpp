// [[species]]: what is transported and in which units.
//
// The solver works in "M per m^3" for any mass unit M. Each species picks M
// from its output units so that stored fields need no rescaling:
//   ug/m3 -> M = ug   (emissions g/s * 1e6)
//   mg/m3 -> M = mg   (emissions g/s * 1e3)
//   ppb   -> M = ug   (emissions g/s * 1e6), reported as a volume mixing ratio
//   OU/m3 -> M = OU   (emissions are odour emission rates in OU/s, EN 13725)
#include "host/core/dataset_names.hpp"
#include "host/core/field_names.hpp"
#include "host/scenario/parse_parts.hpp"

namespace airshed::detail {

namespace {

// Molar volume of an ideal gas at the reference state used for ppb <-> ug/m3,
// 25 degC and 101.325 kPa (the reference of US EPA NAAQS and of China's
// GB 3095-2012 amendment 2018): V_m = R T / p with R = 8.314462618 J/(mol K)
// (CODATA 2018).
constexpr double molar_volume_m3 = 8.314462618 * 298.15 / 101325.0;

// Each species becomes the HDF5 datasets SAFE and SAFE_ground (SAFE =
// output::safe_name(name)) next to the writer's own root datasets; a name
// whose dataset is already taken made the writer fail after the run had
// started, without the scenario line. Refused here instead.
void check_dataset_names(const TomlTable& t, const std::string& name, const Scenario& s) {
  const std::string safe = output::safe_name(name);
  const std::string allowed =
      "a name whose output dataset ('" + safe + "' and '" + safe + output::kGroundSuffix +
      "') is not x, y, z, time, crs, statistics or another species' dataset";
  for (const char* reserved : output::kRootDatasetNames)
    if (safe == reserved || safe + output::kGroundSuffix == reserved)
      t.fail("name",
             "species name '" + name + "' collides with the output dataset '" + reserved +
                 "' (the grid's coordinates, crs and statistics)",
             allowed);
  for (const ScenarioSpecies& other : s.species) {
    const std::string o = output::safe_name(other.spec.name);
    std::string clash;
    if (safe == o) clash = safe;
    if (safe == o + output::kGroundSuffix) clash = safe;
    if (safe + output::kGroundSuffix == o) clash = o;
    if (!clash.empty())
      t.fail("name",
             "species name '" + name + "' collides with species '" + other.spec.name +
                 "' in the output files (both write the dataset '" + clash + "')",
             allowed);
  }
}

}  // namespace

void parse_species(const TomlTable& root, Scenario& s) {
  for (const TomlTable& t : root.tables("species", true)) {
    t.allow({"name", "units", "long_name", "standard_name", "molar_mass", "background",
             "decay_rate", "deposition_velocity", "surface_resistance", "schmidt_number", "phase"});
    ScenarioSpecies sp;
    sp.spec.name = t.text("name");
    if (sp.spec.name.empty()) t.fail("name", "must not be empty", "a non-empty string");
    if (species_index(s, sp.spec.name) >= 0)
      t.fail("name", "species '" + sp.spec.name + "' is defined twice", "unique species names");
    check_dataset_names(t, sp.spec.name, s);
    sp.units = t.choice("units", {"ug/m3", "mg/m3", "ppb", "OU/m3"});
    sp.long_name = t.text_or("long_name", sp.spec.name, TextKind::prose);
    sp.standard_name = t.text_or("standard_name", "");
    sp.phase = t.choice_or("phase", "gas", {"gas", "particle"});

    if (sp.units == "ppb") {
      sp.molar_mass = t.number("molar_mass", closed(1, 1000));
      // ppb = 1e9 * (c / Mw) / (p / R T) with c in g/m^3  ->  per ug/m^3: 1e3 V_m / Mw
      sp.to_output_units = 1e3 * molar_volume_m3 / sp.molar_mass;
      sp.emission_to_solver = 1e6;
    } else {
      // A mass species may state its molar mass, which [chemistry] needs to
      // turn its mass into moles; odour has none.
      if (t.has("molar_mass") && sp.units == "OU/m3")
        t.fail("molar_mass", "only used for ppb and mass species", "omit it for units OU/m3");
      sp.molar_mass = t.number_or("molar_mass", 0, closed(1, 1000));
      sp.to_output_units = 1;
      sp.emission_to_solver = sp.units == "ug/m3" ? 1e6 : sp.units == "mg/m3" ? 1e3 : 1;
    }
    // Background is written in the species' own units.
    sp.spec.background = t.number_or("background", 0, non_negative(1e9)) / sp.to_output_units;
    sp.spec.decay_rate = t.number_or("decay_rate", 0, non_negative(1));
    // Dry deposition: a constant velocity, or the resistance model
    // (kernels/dry_deposition.hpp) from a surface resistance r_c and the
    // gas's Schmidt number, v_d then computed per column from the met.
    if (t.has("deposition_velocity") && t.has("surface_resistance"))
      t.fail("surface_resistance", "cannot be given together with deposition_velocity",
             "either deposition_velocity (m/s) or surface_resistance (s/m)");
    sp.spec.deposition_velocity = t.number_or("deposition_velocity", 0, non_negative(1));
    if (t.has("surface_resistance"))
      sp.spec.surface_resistance = t.number("surface_resistance", positive(1e6));
    if (t.has("schmidt_number")) {
      if (!t.has("surface_resistance"))
        t.fail("schmidt_number", "only used with surface_resistance",
               "omit it, or give surface_resistance");
      sp.spec.schmidt_number = t.number("schmidt_number", closed(0.1, 10));
    }
    s.species.push_back(sp);
  }
}

int species_index(const Scenario& s, const std::string& name) {
  for (std::size_t i = 0; i < s.species.size(); ++i)
    if (s.species[i].spec.name == name) return int(i);
  return -1;
}

std::string species_list(const Scenario& s) {
  std::string list;
  for (const auto& sp : s.species) list += (list.empty() ? "" : ", ") + sp.spec.name;
  return list;
}

}  // namespace airshed::detail
