// [chemistry]: the mechanism, the species of each role, the NO2 share of
// the NOx sources state, and the ozone background (docs/scenario-format.md;
// the mechanism itself is docs/chemistry.md). Only the spec: an ozone CSV
// is read by its provider (host/met/ozone_background.hpp).
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "host/core/dataset_names.hpp"
#include "host/core/field_names.hpp"
#include "host/scenario/clock.hpp"
#include "host/scenario/parse_parts.hpp"

namespace airshed::detail {

namespace {

struct Role {
  const char* name;  // the key in `species` and the default species name
  bool particle;     // its phase
  bool sia;          // used only by "nox_sia"
};
// In ChemistryRole order (host/core/solver_config.hpp).
constexpr Role kRoles[chem_roles] = {
    {"NO", false, false}, {"NO2", false, false}, {"O3", false, false},
    {"SO2", false, true}, {"SO4", true, true},   {"HNO3", false, true},
    {"NO3", true, true},  {"NH3", false, true},  {"NH4", true, true}};

std::string role_list() {
  std::string l;
  for (const Role& r : kRoles) l += (l.empty() ? "" : ", ") + std::string(r.name);
  return l;
}

std::string resolved(const std::string& f, const std::string& base_dir) {
  return (!f.empty() && f[0] == '/') || base_dir.empty() ? f : base_dir + "/" + f;
}

void read_roles(const TomlTable& t, Scenario& s, bool sia) {
  std::optional<TomlTable> names = t.table_opt("species");
  if (names) {
    for (auto&& [k, v] : *t.node("species")->as_table()) {
      (void)v;
      bool known = false;
      for (const Role& r : kRoles) known = known || k.str() == r.name;
      if (!known) names->fail(std::string(k.str()), "unknown chemistry role", role_list());
    }
  }
  for (int r = 0; r < chem_roles; ++r) {
    const Role& role = kRoles[r];
    if (role.sia && !sia) {
      if (names && names->has(role.name))
        names->fail(role.name, "not used by mechanism '" + s.chemistry.mechanism + "'",
                    "NO, NO2, O3 (or mechanism = \"nox_sia\")");
      continue;
    }
    const std::string name = names ? names->text_or(role.name, role.name) : role.name;
    const int i = species_index(s, name);
    // The key that named the species, else the mechanism (which asked for it).
    auto fail = [&](const std::string& what, const std::string& allowed) {
      if (names && names->has(role.name)) names->fail(role.name, what, allowed);
      t.fail("mechanism", what, allowed);
    };
    if (i < 0)
      fail("the " + std::string(role.name) + " species '" + name + "' is not a [[species]]",
           "a [[species]] named '" + name + "', or chemistry.species." + role.name + " = one of " +
               species_list(s));
    const ScenarioSpecies& sp = s.species[std::size_t(i)];
    if (sp.units == "OU/m3" || !(sp.molar_mass > 0))
      fail("species '" + name + "' has no molar mass",
           "units ppb, ug/m3 or mg/m3 with molar_mass (g/mol) on the species");
    if ((sp.phase == "particle") != role.particle)
      fail("species '" + name + "' has phase " + sp.phase + ", the " + role.name + " role is " +
               (role.particle ? "particle" : "gas"),
           std::string("phase = \"") + (role.particle ? "particle" : "gas") + "\" on '" + name +
               "'");
    for (int o = 0; o < r; ++o)
      if (s.chemistry.species[std::size_t(o)] == i)
        fail("species '" + name + "' already plays the " + kRoles[o].name + " role",
             "one species per role");
    s.chemistry.species[std::size_t(r)] = i;
  }
}

void read_no2_fractions(const TomlTable& t, ChemistrySpec& c) {
  const std::optional<TomlTable> f = t.table_opt("no2_fraction");
  if (!f) return;
  f->allow({"point", "area", "line", "volume"});
  const char* kinds[] = {"point", "area", "line", "volume"};
  for (std::size_t k = 0; k < 4; ++k)
    c.no2_fraction[k] = f->number_or(kinds[k], c.no2_fraction[k], closed(0, 1));
}

void read_ozone(const TomlTable& t, const std::string& base_dir, Scenario& s) {
  ChemistrySpec& c = s.chemistry;
  if (t.has("ozone_profile") && t.has("ozone_file"))
    t.fail("ozone_file", "given together with ozone_profile",
           "one of ozone_profile (24 hourly values) or ozone_file (an hourly CSV)");
  if (t.has("ozone_profile")) {
    const std::vector<double> v = t.numbers("ozone_profile", 24, non_negative(1e4));
    for (std::size_t h = 0; h < 24; ++h) c.ozone_diurnal[h] = v[h];
    c.ozone_kind = OzoneBackgroundKind::diurnal;
    c.ozone_site = t.site("ozone_profile");
  } else if (t.has("ozone_file")) {
    c.ozone_file = resolved(t.text("ozone_file", TextKind::path), base_dir);
    c.ozone_kind = OzoneBackgroundKind::file;
    c.ozone_site = t.site("ozone_file");
  }
}

void read_primary_pm25(const TomlTable& t, Scenario& s) {
  ChemistrySpec& c = s.chemistry;
  const bool given = t.has("primary_pm25");
  if (given && c.mechanism != "nox_sia")
    t.fail("primary_pm25", "only used by mechanism \"nox_sia\"", "omit it");
  const std::string name = given ? t.text("primary_pm25") : "PM2.5";
  c.primary_pm25 = c.mechanism == "nox_sia" ? species_index(s, name) : -1;
  if (!given || c.primary_pm25 >= 0) {
    if (c.primary_pm25 >= 0) {
      const ScenarioSpecies& sp = s.species[std::size_t(c.primary_pm25)];
      if (sp.units != "ug/m3" && sp.units != "mg/m3")
        t.fail(given ? "primary_pm25" : "mechanism",
               "the primary PM2.5 species '" + name + "' is not a mass concentration",
               "a species in ug/m3 or mg/m3");
      for (int r = 0; r < chem_roles; ++r)
        if (c.species[std::size_t(r)] == c.primary_pm25)
          t.fail(given ? "primary_pm25" : "mechanism",
                 "species '" + name + "' is the " + kRoles[r].name + " of the mechanism",
                 "a primary PM2.5 species apart from the mechanism's");
    }
    return;
  }
  t.fail("primary_pm25", "unknown species '" + name + "'", species_list(s));
}

// The derived outputs' datasets (docs/output-format.md) must not be a
// species' (the same check as parse_species.cpp's, for these names).
void check_derived_names(const TomlTable& t, const Scenario& s) {
  std::vector<std::string> names = {"NOx"};
  if (s.chemistry.mechanism == "nox_sia") names.insert(names.end(), {"SIA", "PM2.5_total"});
  for (const std::string& n : names)
    for (const ScenarioSpecies& sp : s.species) {
      const std::string a = output::safe_name(n), b = output::safe_name(sp.spec.name);
      if (a == b || a + output::kGroundSuffix == b || a == b + output::kGroundSuffix)
        t.fail("mechanism",
               "species '" + sp.spec.name + "' takes the output dataset of the derived output '" +
                   n + "'",
               "species names other than NOx, SIA, PM2.5_total (the derived outputs)");
    }
}

// `time_step`: the chemistry's own step, a duration dividing the output
// interval ("off" or absent: at every Strang pair of transport steps).
void read_time_step(const TomlTable& t, Scenario& s) {
  if (!t.has("time_step")) return;
  const std::string allowed =
      "\"pair\" (every pair of transport steps) or a duration that divides "
      "scenario.output_interval, e.g. \"5min\"";
  const std::string text = t.text("time_step");
  if (text == "pair") return;
  const auto d = parse_duration(text);
  if (!d) t.fail("time_step", "cannot read '" + text + "' as a positive duration", allowed);
  const double k = s.output_interval_s / *d;
  if (std::abs(k - std::round(k)) > 1e-9 || k < 1)
    t.fail("time_step", "'" + text + "' does not divide the output interval", allowed);
  s.chemistry.time_step_s = *d;
}

}  // namespace

void parse_chemistry(const TomlTable& root, const std::string& base_dir, Scenario& s) {
  const std::optional<TomlTable> t = root.table_opt("chemistry");
  if (!t) return;
  t->allow({"mechanism", "species", "no2_fraction", "ozone_profile", "ozone_file", "primary_pm25",
            "time_step"});
  ChemistrySpec& c = s.chemistry;
  c.enabled = true;
  c.mechanism = t->choice("mechanism", {"nox", "nox_sia"});
  read_roles(*t, s, c.mechanism == "nox_sia");
  read_no2_fractions(*t, c);
  read_ozone(*t, base_dir, s);
  read_primary_pm25(*t, s);
  check_derived_names(*t, s);
  read_time_step(*t, s);
  s.met.chemistry_met = true;
}

}  // namespace airshed::detail
