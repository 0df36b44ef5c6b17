#include "host/output/run_json.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "host/core/version.hpp"
#include "host/output/terrain_geometry.hpp"

namespace airshed::output {
namespace {

std::string num(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string status(const RunRecord& r) {
  if (r.failure) return "failed";
  if (!r.summary) return "running";
  if (!r.summary->interrupted) return "complete";
  return "interrupted at t = " + num(r.summary->end_time_s) + " s (" +
         format_iso8601(r.info.start, r.summary->end_time_s) + ")";
}

std::string value_kind(float v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return "negative";
}

// "failure": what stopped the run, where the last good state is and, for
// the blow-up guard, the step, species and cell.
std::string failure_json(const RunFailure& f) {
  std::ostringstream o;
  o << "  \"failure\": {\"message\": " << json_string(f.message)
    << ", \"time_s\": " << num(f.time_s) << ", \"steps\": " << f.steps
    << ", \"last_output_s\": " << (f.last_output_s >= 0 ? num(f.last_output_s) : "null");
  if (f.invalid) {
    const InvalidCell& c = *f.invalid;
    o << ",\n    \"invalid_value\": {\"step\": " << c.step << ", \"time_s\": " << num(c.time_s)
      << ", \"species\": " << json_string(c.species_name) << ", \"i\": " << c.i
      << ", \"j\": " << c.j << ", \"k\": " << c.k
      << ", \"kind\": " << json_string(value_kind(c.value)) << ", \"value\": " << num(c.value)
      << "}";
  }
  o << "},\n";
  return o.str();
}

}  // namespace

std::string json_string(const std::string& s) {
  std::string o = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\')
      o += '\\', o += char(c);
    else if (c == '\n')
      o += "\\n";
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      o += buf;
    } else
      o += char(c);
  }
  return o + "\"";
}

std::string run_json(const RunRecord& r) {
  const RunInfo& in = r.info;
  const Grid& g = in.grid;
  std::ostringstream o;
  o << "{\n  \"airshed_version\": " << json_string(airshed_version()) << ",\n"
    << "  \"airshed_revision\": " << json_string(airshed_revision()) << ",\n"
    << "  \"status\": " << json_string(status(r)) << ",\n"
    << (r.failure ? failure_json(*r.failure) : "")
    << "  \"scenario\": {\"name\": " << json_string(in.scenario_name)
    << ", \"file\": " << json_string(in.scenario_file)
    << ", \"sha256\": " << (r.scenario_sha256.empty() ? "null" : json_string(r.scenario_sha256))
    << "},\n"
    << "  \"backend\": " << json_string(in.backend) << ",\n"
    << "  \"threads\": " << in.threads << ",\n"
    << "  \"omp_wait_policy\": "
    << (in.omp_wait_policy.empty() ? "null" : json_string(in.omp_wait_policy)) << ",\n"
    << "  \"start\": " << json_string(format_iso8601(in.start)) << ",\n"
    << "  \"duration_s\": " << num(in.duration_s) << ",\n"
    << "  \"output_interval_s\": " << num(in.output_interval_s) << ",\n"
    << "  \"origin\": {\"lon\": " << num(in.origin_lon) << ", \"lat\": " << num(in.origin_lat)
    << "},\n"
    << "  \"grid\": {\"nx\": " << g.nx << ", \"ny\": " << g.ny << ", \"nz\": " << g.nz
    << ", \"dx\": " << num(g.dx) << ", \"dy\": " << num(g.dy) << ", \"z_faces\": [";
  for (std::size_t k = 0; k < g.z_faces.size(); ++k) o << (k ? ", " : "") << num(g.z_faces[k]);
  o << "]},\n";
  if (!in.terrain.empty()) {
    // Over terrain only: flat runs' run.json is unchanged.
    const TerrainRange t = terrain_range(in.terrain);
    o << "  \"terrain\": {\"units\": \"m above sea level\", \"min\": " << num(t.min)
      << ", \"max\": " << num(t.max) << ", \"mean\": " << num(t.mean) << "},\n";
  }
  if (r.summary) {
    const RunSummary& s = *r.summary;
    o << "  \"end_time_s\": " << num(s.end_time_s) << ",\n  \"steps\": " << s.steps
      << ",\n  \"wall_seconds\": " << num(s.wall_seconds) << ",\n  \"mass_budget\": [";
    for (std::size_t n = 0; n < s.budgets.size(); ++n) {
      const MassBudget& b = s.budgets[n];
      o << (n ? "," : "") << "\n    {\"species\": "
        << json_string(n < in.species.size() ? in.species[n].name : std::to_string(n))
        << ", \"units\": \"solver mass units\", \"initial\": " << num(b.initial)
        << ", \"emitted\": " << num(b.emitted) << ", \"outflow\": " << num(b.outflow)
        << ", \"deposited\": " << num(b.deposited) << ", \"decayed\": " << num(b.decayed)
        << ", \"processes\": {";
      // Processes added to the pipeline: the mass each put in (a loss < 0).
      for (std::size_t p = 0; p < b.processes.size(); ++p)
        o << (p ? ", " : "") << json_string(b.processes[p].name) << ": "
          << num(b.processes[p].added);
      o << "}, \"in_domain\": " << num(b.in_domain) << ", \"residual\": " << num(b.residual())
        << ", \"relative_residual\": " << num(b.relative_residual()) << "}";
    }
    o << "\n  ],\n";
    if (s.wind_adjustment.adjustments > 0) {
      // Gridded met only: flat, station-driven runs' run.json is unchanged.
      const WindAdjustmentSummary& w = s.wind_adjustment;
      o << "  \"wind_adjustment\": {\"adjustments\": " << w.adjustments
        << ", \"max_iterations\": " << w.max_iterations
        << ", \"max_divergence_before\": " << num(w.max_divergence_before)
        << ", \"max_divergence_after\": " << num(w.max_divergence_after)
        << ", \"max_residual\": " << num(w.max_residual)
        << ", \"not_converged\": " << w.not_converged << "},\n";
    }
  }
  // Where sources and receptors are, for maps (tools/quicklook.py).
  o << "  \"receptors\": [";
  for (std::size_t k = 0; k < in.receptors.size(); ++k) {
    const ReceptorInfo& rc = in.receptors[k];
    o << (k ? ", " : "") << "{\"name\": " << json_string(rc.name) << ", \"x\": " << num(rc.x)
      << ", \"y\": " << num(rc.y) << ", \"z\": " << num(rc.z) << "}";
  }
  o << "],\n  \"sources\": [";
  for (std::size_t k = 0; k < in.sources.size(); ++k) {
    const SourceInfo& sc = in.sources[k];
    o << (k ? "," : "") << "\n    {\"name\": " << json_string(sc.name)
      << ", \"group\": " << json_string(sc.group) << ", \"kind\": " << json_string(sc.kind)
      << ", \"x\": [";
    for (std::size_t v = 0; v < sc.x.size(); ++v) o << (v ? ", " : "") << num(sc.x[v]);
    o << "], \"y\": [";
    for (std::size_t v = 0; v < sc.y.size(); ++v) o << (v ? ", " : "") << num(sc.y[v]);
    o << "]}";
  }
  o << (in.sources.empty() ? "" : "\n  ") << "],\n";
  o << "  \"threshold_areas\": [";
  for (std::size_t k = 0; k < r.areas.size(); ++k) {
    const statistics::ThresholdArea& a = r.areas[k];
    o << (k ? "," : "") << "\n    {\"species\": " << json_string(a.species)
      << ", \"label\": " << json_string(a.label) << ", \"averaging\": " << json_string(a.averaging)
      << ", \"threshold\": " << num(a.threshold) << ", \"units\": " << json_string(a.units)
      << ", \"ground_cells_above\": " << a.cells << ", \"area_m2\": " << num(a.area_m2) << "}";
  }
  o << (r.areas.empty() ? "" : "\n  ") << "],\n  \"files\": [";
  for (std::size_t k = 0; k < r.files.size(); ++k) o << (k ? ", " : "") << json_string(r.files[k]);
  o << "]";
  if (!r.incomplete.empty()) {
    o << ",\n  \"incomplete_files\": [";
    for (std::size_t k = 0; k < r.incomplete.size(); ++k)
      o << (k ? ", " : "") << json_string(r.incomplete[k]);
    o << "]";
  }
  o << "\n}\n";
  return o.str();
}

}  // namespace airshed::output
