// [[receptor]] sampling points and [output] choices (what to write, where,
// which thresholds to count). The files themselves are host/output's job.
#include <algorithm>
#include <cmath>

#include "host/core/field_names.hpp"
#include "host/scenario/clock.hpp"
#include "host/scenario/parse_parts.hpp"

namespace airshed::detail {

void parse_receptors(const TomlTable& root, Scenario& s) {
  const LocalProjection proj = projection_of(s);
  for (const TomlTable& t : root.tables("receptor", false)) {
    t.allow({"name", "position", "height"});
    Receptor r;
    r.name = t.text("name");
    for (const auto& other : s.receptors)
      if (other.name == r.name)
        t.fail("name", "receptor '" + r.name + "' is defined twice", "unique receptor names");
    const Vec2 p = read_position(t, "position", proj);
    require_inside(t, "position", p, s);
    r.x = p.x;
    r.y = p.y;
    r.z = t.number_or("height", 1.5, non_negative(1e4));
    if (r.z >= s.grid.top())
      t.fail("height", "at or above the model top", "0 <= height < domain top");
    s.receptors.push_back(r);
  }
}

namespace {
// "off" (0) or a duration that is a whole number of output intervals; the
// key's value in seconds, `fallback` when absent.
double parse_interval(const TomlTable& t, const char* key, const Scenario& s, double fallback,
                      const std::string& example) {
  const std::string allowed =
      "\"off\" or a duration that is a whole number of "
      "scenario.output_interval, e.g. \"" +
      example + "\"";
  if (!t.has(key)) return fallback;
  if (!t.node(key)->is_string())
    t.fail(key, "expected a string, got " + type_name(*t.node(key)), allowed);
  const std::string text = t.text(key);
  const auto interval = airshed::parse_checkpoint_interval(text, s.output_interval_s);
  if (!interval)
    t.fail(key,
           parse_duration(text) ? "is not a whole number of output intervals"
                                : "cannot read '" + text + "' as a positive duration",
           allowed);
  return *interval;
}

int every_nth(double interval_s, const Scenario& s) {
  return interval_s > 0 ? int(std::lround(interval_s / s.output_interval_s)) : 0;
}

// [output] species, levels / levels_below, fields_interval, ground_interval:
// what NAME.h5, NAME.xmf and the VTK files hold (host/core/field_selection.hpp).
// The defaults keep a year of hourly output small (docs/output-format.md
// "Output selection"): ground fields at every output time, 3-D fields off.
void parse_field_selection(const TomlTable& t, Scenario& s) {
  FieldSelection& f = s.output.fields;
  f.species = t.texts_or("species");
  for (const std::string& name : f.species) {
    if (species_index(s, name) < 0)
      t.fail("species", "unknown species '" + name + "'", species_list(s));
    if (std::count(f.species.begin(), f.species.end(), name) > 1)
      t.fail("species", "species '" + name + "' is listed twice", "each species once");
  }
  const int nz = s.grid.nz;
  if (t.has("levels") && t.has("levels_below"))
    t.fail("levels_below", "given together with levels", "either levels or levels_below");
  if (t.has("levels") && !(t.node("levels")->is_string() && t.text("levels") == "all")) {
    const std::string allowed = "\"all\" or consecutive layer indices from 0 to " +
                                std::to_string(nz - 1) + ", e.g. [0, 1, 2]";
    const toml::array* a = t.node("levels")->as_array();
    if (!a || a->empty()) t.fail("levels", "expected \"all\" or a non-empty array", allowed);
    std::vector<long long> k;
    for (const toml::node& n : *a) {
      const auto v = n.value<long long>();
      if (!n.is_integer() || !v || *v < 0 || *v >= nz)
        t.fail("levels", "expected integer layer indices 0 to " + std::to_string(nz - 1), allowed);
      if (!k.empty() && *v != k.back() + 1)
        t.fail("levels", "layers must be consecutive and ascending (the files keep a grid)",
               allowed);
      k.push_back(*v);
    }
    f.first_level = int(k.front());
    f.levels = int(k.size());
  }
  if (t.has("levels_below")) {
    // Every layer whose bottom face lies below the height (at least one).
    const double h = t.number("levels_below", positive());
    int n = 0;
    while (n < nz && s.grid.z_faces[n] < h) ++n;
    f.first_level = 0;
    f.levels = n;
  }
  f.fields_every = every_nth(parse_interval(t, "fields_interval", s, 0, "24h"), s);
  f.ground_every = every_nth(parse_interval(t, "ground_interval", s, s.output_interval_s, "1h"), s);
  const std::string cf = t.choice_or("cf_series", "auto", {"auto", "on", "off"});
  f.cf_series = cf == "on" ? 1 : cf == "off" ? 0 : -1;
}

void parse_checkpoint_interval(const TomlTable& t, Scenario& s) {
  s.output.checkpoint_interval_s =
      parse_interval(t, "checkpoint_interval", s, s.output.checkpoint_interval_s, "6h");
}

// A scenario may only write below the directory it is run from: a shared
// or downloaded scenario must not overwrite files elsewhere. The command
// line's --output DIR is the user's own choice and may be anywhere.
void check_inside_working_directory(const TomlTable& t, const std::string& dir) {
  const std::string allowed = "a relative path without '..' components, e.g. \"out/case\"";
  if (dir[0] == '/')
    t.fail("directory", "'" + dir + "' is not relative to the working directory", allowed);
  std::size_t start = 0;
  while (start <= dir.size()) {
    const std::size_t end = std::min(dir.find_first_of("/\\", start), dir.size());
    if (dir.compare(start, end - start, "..") == 0 && end - start == 2)
      t.fail("directory", "'" + dir + "' leaves the working directory through '..'", allowed);
    start = end + 1;
  }
}

}  // namespace

// [output.background]: SPECIES = constant (the species' output units) or
// SPECIES = "file.csv" (hourly, host/statistics/receptor_background.hpp).
void parse_backgrounds(const TomlTable& t, const std::string& base_dir, Scenario& s) {
  if (!t.has("background")) return;
  const TomlTable b = t.table("background");
  const toml::table& raw = *t.node("background")->as_table();
  for (auto&& [k, v] : raw) {
    const std::string name(k.str());
    if (species_index(s, name) < 0) b.fail(name, "unknown species", species_list(s));
    BackgroundSpec spec;
    spec.species = name;
    spec.site = b.site(name);
    if (v.is_string())
      spec.file = resolved(b.text(name, TextKind::path), base_dir);
    else
      spec.value = b.number(name, non_negative(1e9));
    s.output.backgrounds.push_back(spec);
  }
}

void parse_output(const TomlTable& root, const std::string& base_dir, Scenario& s) {
  const TomlTable t = root.table("output");
  t.allow({"directory", "hdf5", "vtk", "receptors", "statistics", "standards", "threshold",
           "checkpoint_interval", "ranks", "top_values", "background", "species", "levels",
           "levels_below", "fields_interval", "ground_interval", "cf_series"});
  OutputSpec& o = s.output;
  o.directory = t.text("directory", TextKind::path);
  if (o.directory.empty()) t.fail("directory", "must not be empty", "a directory path");
  check_inside_working_directory(t, o.directory);
  o.hdf5 = t.flag_or("hdf5", true);
  o.vtk = t.flag_or("vtk", true);
  o.receptors = t.flag_or("receptors", true);
  o.statistics = t.flag_or("statistics", true);
  o.standard_tables = t.texts_or("standards");
  parse_checkpoint_interval(t, s);
  parse_field_selection(t, s);
  o.table_ranks = int(t.has("ranks") ? t.integer("ranks", 1, 1000) : 10);
  o.table_top = int(t.has("top_values") ? t.integer("top_values", 1, 100000) : 50);
  parse_backgrounds(t, base_dir, s);
  for (const TomlTable& th : t.tables("threshold", false)) {
    th.allow({"species", "label", "averaging", "value"});
    OutputThreshold x;
    x.species = th.text("species");
    if (species_index(s, x.species) < 0)
      th.fail("species", "unknown species '" + x.species + "'", species_list(s));
    x.label = th.text("label");
    // The label names the statistics datasets SPECIES_exceedances_LABEL
    // (through output::safe_name): two labels of one species that map to
    // the same name would make the writer fail at the end of the run.
    for (const OutputThreshold& other : o.thresholds)
      if (other.species == x.species &&
          output::safe_name(other.label) == output::safe_name(x.label))
        th.fail("label",
                "label '" + x.label + "' collides with label '" + other.label + "' of species '" +
                    x.species + "' (both name the dataset " + output::safe_name(x.species) +
                    "_exceedances_" + output::safe_name(x.label) + ")",
                "labels that differ in letters, digits, '.', '_' or '-' for each species");
    x.averaging = th.choice_or("averaging", "1h", {"instant", "1h", "8h", "24h"});
    x.value = th.number("value", positive());
    o.thresholds.push_back(x);
  }
}

}  // namespace airshed::detail
