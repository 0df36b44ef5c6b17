#include "host/run/progress_printer.hpp"

#include <algorithm>
#include <cmath>
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
// Simulated time per wall time as a speed-up over real time, e.g. "x4.4e+03".
std::string speed(double simulated_s, double wall_s) {
  if (!(wall_s > 0) || !(simulated_s > 0)) return "x-";
  return format("x%.3g", simulated_s / wall_s);
}
}  // namespace

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "--:--";
  const long s = std::lround(seconds);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  return buf;
}

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
  const auto now = Clock::now();
  if (!started_) started_ = true, wall0_ = now, sim0_ = p.time_s;
  const double wall = std::chrono::duration<double>(now - wall0_).count();
  const double simulated = p.time_s - sim0_;
  const double total = info_.duration_s;
  const double done = total > 0 ? std::clamp(p.time_s / total, 0.0, 1.0) : 1.0;
  const double eta = simulated > 0 ? (total - p.time_s) * wall / simulated : NAN;
  double worst = 0;  // the largest budget residual of any species
  for (const MassBudget& b : p.budgets) worst = std::max(worst, std::abs(b.relative_residual()));
  last_ = p.budgets;

  const std::string tail = speed(simulated, wall) + " real time  ETA " + format_duration(eta);
  if (style_ == ProgressStyle::bar) {
    constexpr int width = 30;
    const int filled = int(done * width);
    out_ << "\r[" << std::string(filled, '#') << std::string(width - filled, '.') << "] "
         << format("%5.1f %%  ", 100 * done) << p.local_time << "  " << tail << "   ";
    bar_open_ = true;
  } else {
    out_ << p.local_time
         << format("  t=%8.0f s %5.1f %%  steps=%7.0f  dt=%6.2f s  ", p.time_s, 100 * done,
                   double(p.steps), p.dt)
         << (p.courant > 0 ? format("Courant %4.1f  ", p.courant) : std::string()) << tail
         << format("  budget residual %.1e\n", worst);
  }
  out_.flush();
}

void ProgressPrinter::failed(const RunFailure&) noexcept {
  if (!bar_open_) return;
  try {
    out_ << "\n";
    out_.flush();
  } catch (...) {  // nothing left to report a failing stream to
  }
  bar_open_ = false;
}

void ProgressPrinter::end(const RunSummary& s) {
  if (bar_open_) out_ << "\n";
  bar_open_ = false;
  out_ << format("done: %.0f s simulated in %.0f steps, %.1f s wall", s.end_time_s, double(s.steps),
                 s.wall_seconds)
       << (s.interrupted ? " (interrupted)" : "") << "\n";
  // The mass budget of every species (also in run.json).
  for (std::size_t sp = 0; sp < last_.size() && sp < info_.species.size(); ++sp) {
    const MassBudget& b = last_[sp];
    out_ << "    " << info_.species[sp].name << " [" << mass_unit(info_.species[sp].units) << "]"
         << format(": in domain %.4e  emitted %.4e  out %.4e  lost %.4e", b.in_domain, b.emitted,
                   b.outflow, b.deposited + b.decayed)
         << format("  residual %.1e\n", b.relative_residual());
  }
  out_.flush();
}

}  // namespace airshed
