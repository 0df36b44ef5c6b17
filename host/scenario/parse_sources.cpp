// [[profile]] time factors and [[source]] geometry, stack parameters and rates.
#include <cmath>

#include "host/geometry/geometry.hpp"
#include "host/scenario/parse_parts.hpp"

namespace airshed::detail {

namespace {

template <std::size_t N>
void read_factors(const TomlTable& t, const char* key, std::array<double, N>& f) {
  if (!t.has(key)) return;
  const auto v = t.numbers(key, int(N), non_negative(1000));
  for (std::size_t i = 0; i < N; ++i) f[i] = v[i];
}

int profile_index(const Scenario& s, const std::string& name) {
  for (std::size_t i = 0; i < s.profiles.size(); ++i)
    if (s.profiles[i].name == name) return int(i);
  return -1;
}

// Rates per species in the species' emission unit: g/s (point, volume),
// g/s/m2 (area), g/s/m (line); OU instead of g for odour species.
void read_rates(const TomlTable& t, Source& src, const Scenario& s) {
  const TomlTable e = t.table("emissions");
  src.rates.assign(s.species.size(), 0.0);
  const toml::table& raw = *t.node("emissions")->as_table();
  if (raw.empty())
    t.fail("emissions", "is empty", "{ SPECIES = rate, ... } for " + species_list(s));
  const ChemistrySpec& chem = s.chemistry;
  // With [chemistry] a source may state "NOx" (mass as NO2) unless a
  // species of that name exists: split into NO and NO2 below.
  const bool nox_key = chem.enabled && species_index(s, "NOx") < 0;
  for (auto&& [k, v] : raw) {
    const std::string name(k.str());
    const int i = species_index(s, name);
    if (i < 0 && !(nox_key && name == "NOx"))
      e.fail(name, "unknown species",
             species_list(s) + (nox_key ? ", NOx (split into NO and NO2 by [chemistry])" : ""));
    if (v.is_number() && (v.is_integer() ? *v.value<long long>() < 0 : *v.value<double>() < 0))
      e.fail(name, "negative emission rate", "rate >= 0");
    if (i >= 0) src.rates[i] = e.number(name, non_negative(1e9));
  }
  if (t.has("no2_fraction") && !(nox_key && e.has("NOx")))
    t.fail("no2_fraction", "only used for a source that states NOx with [chemistry]",
           "omit it, or give emissions.NOx");
  if (!(nox_key && e.has("NOx"))) return;
  // NOx as NO2 mass, Q: NO2 gets f Q, NO the rest as moles of NO,
  // (1 - f) Q M_NO / M_NO2 (each at its own molar mass).
  const double q = e.number("NOx", non_negative(1e9));
  const double f =
      t.number_or("no2_fraction", chem.no2_fraction[std::size_t(src.kind)], closed(0, 1));
  const ScenarioSpecies& no = s.species[std::size_t(chem.species[chem_no])];
  const ScenarioSpecies& no2 = s.species[std::size_t(chem.species[chem_no2])];
  src.rates[std::size_t(chem.species[chem_no2])] += f * q;
  src.rates[std::size_t(chem.species[chem_no])] += (1 - f) * q * no.molar_mass / no2.molar_mass;
  src.no2_fraction = f;
}

void read_point(const TomlTable& t, Source& src, const Scenario& s) {
  t.allow({"name", "group", "kind", "profile", "emissions", "position", "height", "diameter",
           "exit_velocity", "exit_temperature", "plume_rise", "no2_fraction"});
  src.height = t.number("height", non_negative(1000));
  if (src.height >= s.grid.top())
    t.fail("height",
           "stack top is at or above the model top (" + std::to_string(s.grid.top()) + " m)",
           "0 <= height < domain top");
  src.stack.plume_rise = t.flag_or("plume_rise", true);
  // Without plume rise the stack parameters are not used and may be omitted.
  const bool need = src.stack.plume_rise;
  src.stack.diameter = need ? t.number("diameter", Range{0, 50, true, false})
                            : t.number_or("diameter", 0, non_negative(50));
  src.stack.exit_velocity = need ? t.number("exit_velocity", non_negative(200))
                                 : t.number_or("exit_velocity", 0, non_negative(200));
  src.stack.exit_temperature = need ? t.number("exit_temperature", closed(200, 2000))
                                    : t.number_or("exit_temperature", 0, non_negative(2000));
}

// Degenerate shapes would divide by a zero area or length when spread over cells.
void check_shape(const TomlTable& t, const Source& src) {
  const std::string key = t.has("vertices") ? "vertices" : "vertices_lonlat";
  if (src.kind == SourceKind::area && !(std::abs(signed_area(src.vertices)) > 0))
    t.fail(key, "polygon has zero area", "at least 3 vertices enclosing an area");
  // A polygon whose edges cross (a bow tie) has cells of opposite
  // orientation: its footprint would hold negative emission weights.
  if (src.kind == SourceKind::area)
    if (const auto c = first_crossing(src.vertices))
      t.fail(key,
             "polygon edges " + std::to_string(c->first) + " and " + std::to_string(c->second) +
                 " meet",
             "a simple polygon: edges meet only their neighbours, at shared vertices");
  if (src.kind == SourceKind::line)
    for (std::size_t i = 0; i + 1 < src.vertices.size(); ++i)
      if (std::hypot(src.vertices[i + 1].x - src.vertices[i].x,
                     src.vertices[i + 1].y - src.vertices[i].y) <= 0)
        t.fail(key, "segment " + std::to_string(i) + " has zero length",
               "consecutive vertices at distinct positions");
}

void read_geometry(const TomlTable& t, Source& src, const Scenario& s) {
  const LocalProjection proj = projection_of(s);
  switch (src.kind) {
    case SourceKind::point:
      read_point(t, src, s);
      src.vertices = {read_position(t, "position", proj)};
      break;
    case SourceKind::volume:
      t.allow({"name", "group", "kind", "profile", "emissions", "position", "size", "height",
               "no2_fraction"});
      src.vertices = {read_position(t, "position", proj)};
      {
        const auto sz = t.numbers("size", 3, Range{0, 1e5, true, false});
        src.size = {sz[0], sz[1], sz[2]};
      }
      src.height = t.number_or("height", 0, non_negative(1e4));
      if (src.height + src.size[2] > s.grid.top())
        t.fail("size", "box top is above the model top (" + std::to_string(s.grid.top()) + " m)",
               "height + size[2] <= domain top");
      for (double sx : {-0.5, 0.5})
        for (double sy : {-0.5, 0.5})
          require_inside(
              t, "size",
              {src.vertices[0].x + sx * src.size[0], src.vertices[0].y + sy * src.size[1]}, s);
      return;
    case SourceKind::area:
    case SourceKind::line:
      t.allow({"name", "group", "kind", "profile", "emissions", "vertices", "vertices_lonlat",
               "height", "width", "no2_fraction"});
      src.vertices = read_vertices(t, "vertices", src.kind == SourceKind::area ? 3 : 2, proj);
      src.height = t.number_or("height", 0, non_negative(1e4));
      if (src.height >= s.grid.top())
        t.fail("height", "release height at or above the model top", "0 <= height < domain top");
      if (src.kind == SourceKind::line)
        src.width = t.number_or("width", 0, non_negative(500));
      else if (t.has("width"))
        t.fail("width", "only used for line sources", "omit it");
      check_shape(t, src);
      break;
  }
  const std::string key = t.has("position")   ? "position"
                          : t.has("vertices") ? "vertices"
                                              : "vertices_lonlat";
  for (const Vec2& v : src.vertices) require_inside(t, key, v, s);
}

}  // namespace

void parse_profiles(const TomlTable& root, Scenario& s) {
  for (const TomlTable& t : root.tables("profile", false)) {
    t.allow({"name", "hour_of_day", "day_of_week", "month", "groups"});
    TemporalProfile p;
    p.name = t.text("name");
    if (profile_index(s, p.name) >= 0)
      t.fail("name", "profile '" + p.name + "' is defined twice", "unique profile names");
    read_factors(t, "hour_of_day", p.hour_of_day);
    read_factors(t, "day_of_week", p.day_of_week);
    read_factors(t, "month", p.month);
    p.groups = t.texts_or("groups");
    for (const auto& g : p.groups)
      for (const auto& other : s.profiles)
        for (const auto& og : other.groups)
          if (g == og)
            t.fail("groups", "group '" + g + "' already has profile '" + other.name + "'",
                   "each group in at most one profile");
    s.profiles.push_back(p);
  }
}

void parse_sources(const TomlTable& root, Scenario& s) {
  std::string profiles;
  for (const auto& p : s.profiles) profiles += (profiles.empty() ? "" : ", ") + p.name;
  for (const TomlTable& t : root.tables("source", false)) {
    Source src;
    src.name = t.text("name");
    for (const auto& other : s.sources)
      if (other.name == src.name)
        t.fail("name", "source '" + src.name + "' is defined twice", "unique source names");
    src.group = t.text_or("group", "default");
    const std::string kind = t.choice("kind", {"point", "area", "line", "volume"});
    src.kind = kind == "point"  ? SourceKind::point
               : kind == "area" ? SourceKind::area
               : kind == "line" ? SourceKind::line
                                : SourceKind::volume;
    read_geometry(t, src, s);
    read_rates(t, src, s);
    if (t.has("profile")) {
      src.profile = profile_index(s, t.text("profile"));
      if (src.profile < 0)
        t.fail("profile", "unknown profile '" + t.text("profile") + "'",
               profiles.empty() ? "none defined ([[profile]])" : profiles);
    } else {
      for (std::size_t i = 0; i < s.profiles.size(); ++i)
        for (const auto& g : s.profiles[i].groups)
          if (g == src.group) src.profile = int(i);
    }
    s.sources.push_back(src);
  }
}

}  // namespace airshed::detail

namespace airshed {

const char* to_string(SourceKind k) {
  switch (k) {
    case SourceKind::point:
      return "point";
    case SourceKind::area:
      return "area";
    case SourceKind::line:
      return "line";
    default:
      return "volume";
  }
}

}  // namespace airshed
