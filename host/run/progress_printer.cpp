#include "host/run/progress_printer.hpp"

#include <cstdio>

namespace airshed {

namespace {
std::string format(const char* fmt, double a, double b = 0, double c = 0, double d = 0) {
  char buf[256];
  std::snprintf(buf, sizeof buf, fmt, a, b, c, d);
  return buf;
}
// The solver mass unit each output unit implies (host/scenario/parse_species.cpp).
const char* mass_unit(const std::string& units) {
  return units == "mg/m3" ? "mg" : units == "OU/m3" ? "OU" : "ug";
}
}  // namespace

void ProgressPrinter::begin(const RunInfo& info) {
  info_ = info;
  const Grid& g = info.grid;
  out_ << "scenario '" << info.scenario_name << "' (" << info.scenario_file << "), backend "
       << info.backend << "\n"
       << "  start " << format_iso8601(info.start)
       << format(", %.2f h, output every %.0f s\n", info.duration_s / 3600, info.output_interval_s)
       << "  grid " << g.nx << " x " << g.ny << " x " << g.nz
       << format(" cells, %.0f m x %.0f m, top %.0f m\n", g.dx, g.dy, g.top()) << "  "
       << info.species.size() << " species, " << info.sources.size() << " sources, "
       << info.receptors.size() << " receptors\n";
  out_.flush();
}

void ProgressPrinter::report(const Progress& p) {
  out_ << p.local_time
       << format("  t=%8.0f s  steps=%7.0f  dt=%6.2f s", p.time_s, double(p.steps), p.dt) << "\n";
  for (std::size_t s = 0; s < p.budgets.size() && s < info_.species.size(); ++s) {
    const MassBudget& b = p.budgets[s];
    out_ << "    " << info_.species[s].name << " [" << mass_unit(info_.species[s].units) << "]"
         << format(": in domain %.4e  emitted %.4e  out %.4e  lost %.4e", b.in_domain, b.emitted,
                   b.outflow, b.deposited + b.decayed)
         << format("  residual %.1e\n", b.relative_residual());
  }
  out_.flush();
}

void ProgressPrinter::end(const RunSummary& s) {
  out_ << format("done: %.0f s simulated in %.0f steps, %.1f s wall", s.end_time_s, double(s.steps),
                 s.wall_seconds)
       << (s.interrupted ? " (interrupted)" : "") << "\n";
  out_.flush();
}

}  // namespace airshed
