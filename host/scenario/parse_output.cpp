// [[receptor]] sampling points and [output] choices (what to write, where,
// which thresholds to count). The files themselves are host/output's job.
#include <algorithm>

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
void parse_checkpoint_interval(const TomlTable& t, Scenario& s) {
  const std::string allowed =
      "\"off\" or a duration that is a whole number of scenario.output_interval, e.g. \"6h\"";
  if (!t.has("checkpoint_interval")) return;
  if (!t.node("checkpoint_interval")->is_string())
    t.fail("checkpoint_interval",
           "expected a string, got " + type_name(*t.node("checkpoint_interval")), allowed);
  const std::string text = t.text("checkpoint_interval");
  const auto interval = airshed::parse_checkpoint_interval(text, s.output_interval_s);
  if (!interval)
    t.fail("checkpoint_interval",
           parse_duration(text) ? "is not a whole number of output intervals"
                                : "cannot read '" + text + "' as a positive duration",
           allowed);
  s.output.checkpoint_interval_s = *interval;
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
           "checkpoint_interval", "ranks", "top_values", "background"});
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
