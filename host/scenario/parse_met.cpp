// [met]: uniform conditions, or hourly observations from a station CSV.
#include <cmath>
#include <sstream>

#include "host/met/similarity.hpp"
#include "host/met/station_csv.hpp"
#include "host/met/surface_profiles.hpp"
#include "host/scenario/parse_parts.hpp"

namespace airshed::detail {

namespace {

// Stability is a Pasquill-Gifford class or a Monin-Obukhov length, never both.
void read_stability(const TomlTable& t, MetRecord& r) {
  if (t.has("stability") == t.has("obukhov_length"))
    t.fail(t.has("stability") ? "obukhov_length" : "stability",
           t.has("stability") ? "given together with stability" : "missing required key",
           "exactly one of stability (A..F) or obukhov_length (m)");
  if (t.has("stability")) {
    r.stability_class = t.choice("stability", {"A", "B", "C", "D", "E", "F"})[0];
  } else {
    r.obukhov_length = t.number("obukhov_length", closed(-1e6, 1e6));
    if (std::abs(r.obukhov_length) < 1)
      t.fail("obukhov_length", "|L| below 1 m", "-1e6 <= L <= -1 or 1 <= L <= 1e6 (m)");
  }
}

void check_coverage(const TomlTable& t, Scenario& s) {
  // Each record holds for the hour that starts at its time stamp; every
  // instant of [start, start + duration) must fall in one of those hours.
  const auto& recs = s.met.records;
  const long long t0 = s.start.utc_epoch_s;
  const long long t1 = t0 + (long long)std::ceil(s.duration_s);
  long long covered = t0;
  for (const auto& r : recs) {
    if (r.utc_epoch_s > covered) break;
    if (r.utc_epoch_s + 3600 > covered) covered = r.utc_epoch_s + 3600;
    if (covered >= t1) return;
  }
  const Instant gap{covered, s.start.offset_minutes};
  t.fail("file",
         "no met data for " + format_iso8601(gap) + " (station file '" + s.met.station_file + "')",
         "hourly rows covering " + format_iso8601(s.start) + " for " +
             std::to_string(s.duration_s / 3600) + " h");
}

std::string number(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

// The met fields follow u(z) = U (ln(z/z0) - psi_m(z/L)) / (same at the
// anemometer): that shape must be positive at the anemometer, or u* and
// every wind speed are infinite or NaN. It is not when the anemometer is at
// or below z0, or close to it under strong instability, where u* grows
// without bound. The cap on a derived u* only has to catch that: 20 m/s is
// above the neutral log-law u* = kappa U / ln(z/z0) of the strongest wind
// accepted (75 m/s at 10 m) over any z0 up to 2 m (18.6 m/s), so no valid
// wind is refused. (A *measured* u* stays limited to 5 m/s.)
constexpr double kMaxDerivedUstar = 20;  // m/s, see above

void check_wind_profile(const TomlTable& t, const Scenario& s) {
  const double z0 = s.met.z0, zref = s.met.anemometer_height;
  const std::string allowed =
      "anemometer_height well above z0, so that ln(z/z0) - psi_m(z/L) > 0 and u* <= 20 m/s";
  if (!(zref > z0))
    t.fail("anemometer_height", "at or below the roughness length z0 = " + number(z0) + " m",
           allowed);
  for (const MetRecord& r : s.met.records) {
    const SurfaceState st = surface_state(r, z0, zref);
    if (similarity::wind_shape(zref, z0, st.inverse_L) > 0 && st.ustar <= kMaxDerivedUstar)
      continue;
    const std::string where =
        s.met.kind == MetKind::station
            ? " (station file '" + s.met.station_file + "' line " + std::to_string(r.line) + ")"
            : "";
    t.fail("anemometer_height",
           "too close to z0 = " + number(z0) +
               " m for the log wind profile under 1/L = " + number(st.inverse_L) + " /m" + where,
           allowed);
  }
}

}  // namespace

void parse_met(const TomlTable& root, const std::string& base_dir, Scenario& s) {
  const TomlTable t = root.table("met");
  const std::string kind = t.choice("kind", {"uniform", "station"});
  s.met.z0 = t.number_or("z0", 0.1, closed(1e-4, 3));
  s.met.anemometer_height = t.number_or("anemometer_height", 10, closed(1, 200));
  if (s.met.anemometer_height >= s.grid.top())
    t.fail("anemometer_height", "is above the model top", "below domain top");

  if (kind == "station") {
    t.allow({"kind", "z0", "anemometer_height", "file"});
    s.met.kind = MetKind::station;
    const std::string f = t.text("file", TextKind::path);
    s.met.station_file = (!f.empty() && f[0] == '/') || base_dir.empty() ? f : base_dir + "/" + f;
    s.met.records = read_station_csv(s.met.station_file, s.start.offset_minutes);
    check_coverage(t, s);
    check_wind_profile(t, s);
    return;
  }
  t.allow({"kind", "z0", "anemometer_height", "speed", "direction", "stability", "obukhov_length",
           "mixing_height", "ustar", "temperature"});
  s.met.kind = MetKind::uniform;
  MetRecord r;
  r.line = t.line();
  r.utc_epoch_s = s.start.utc_epoch_s;
  r.wind_speed = t.number("speed", closed(0, 75));
  r.wind_direction = t.number("direction", closed(0, 360));
  read_stability(t, r);
  r.mixing_height = t.number("mixing_height", Range{0, 6000, true, false});
  r.ustar = t.number_or("ustar", -1, Range{0, 5, true, false});
  r.temperature = t.number_or("temperature", 15, closed(-73, 66)) + 273.15;
  s.met.records.push_back(r);
  check_wind_profile(t, s);
}

}  // namespace airshed::detail
