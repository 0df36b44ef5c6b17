// [scenario]: name and the simulated time span.
#include <cmath>

#include "host/scenario/parse_parts.hpp"

namespace airshed::detail {

namespace {
double duration_key(const TomlTable& t, const std::string& key) {
  const std::string allowed = "a duration string such as \"90s\", \"30min\", \"24h\", \"2d\"";
  if (t.has(key) && !t.node(key)->is_string())
    t.fail(key, "expected a string, got " + type_name(*t.node(key)), allowed);
  const std::string text = t.has(key) ? t.text(key) : "";
  if (!t.has(key)) t.fail(key, "missing required key", allowed);
  const auto d = parse_duration(text);
  if (!d) t.fail(key, "cannot read '" + text + "' as a positive duration", allowed);
  return *d;
}
}  // namespace

void parse_header(const TomlTable& root, Scenario& s) {
  const TomlTable t = root.table("scenario");
  t.allow({"name", "description", "start", "duration", "output_interval"});
  s.name = t.text("name");
  if (s.name.empty()) t.fail("name", "must not be empty", "a non-empty string");
  // The name is the output file stem (OUTDIR/NAME.h5): it must not name a
  // path (docs/robustness.md, "Output paths").
  if (s.name.find_first_of("/\\") != std::string::npos || s.name == "." || s.name == "..")
    t.fail("name", "'" + s.name + "' is a path, but it names files inside the output directory",
           "a name without '/' or '\\', other than '.' and '..'");
  t.text_or("description", "", TextKind::prose);

  s.start_text = t.text("start");
  const auto start = parse_iso8601(s.start_text);
  if (!start)
    t.fail("start", "cannot read '" + s.start_text + "' as a date and time with a UTC offset",
           "ISO 8601 YYYY-MM-DDThh:mm[:ss] with Z or +hh:mm, e.g. 2026-01-15T00:00:00+08:00");
  s.start = *start;

  s.duration_s = duration_key(t, "duration");
  if (s.duration_s > 366 * 86400.0) t.fail("duration", "longer than a year", "up to 366d");
  s.output_interval_s = duration_key(t, "output_interval");
  // Outputs are written on a clock that every hourly met change also lands
  // on, and the output writers label hourly averages: the interval must
  // divide one hour and the run must hold a whole number of intervals.
  const double per_hour = 3600.0 / s.output_interval_s;
  const std::string intervals = "1s..1h dividing an hour, e.g. 1min, 5min, 10min, 15min, 30min, 1h";
  // Output times are labelled to the second: shorter intervals would repeat labels.
  if (s.output_interval_s < 1) t.fail("output_interval", "shorter than one second", intervals);
  if (std::abs(per_hour - std::round(per_hour)) > 1e-9 || s.output_interval_s > 3600)
    t.fail("output_interval", "does not divide one hour", intervals);
  const double n = s.duration_s / s.output_interval_s;
  // n rounding to 0 (a duration far below one interval) passed the whole-number test.
  if (std::abs(n - std::round(n)) > 1e-9 || std::round(n) < 1)
    t.fail("duration", "is not a whole number of output intervals",
           "a multiple (>= 1) of scenario.output_interval");
}

}  // namespace airshed::detail
