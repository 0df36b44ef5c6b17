// [met]: uniform conditions, the station CSV to read hourly observations
// from, or a network of such stations ([[met.station]]). Only the spec is
// filled here: the station files are read, and the wind profiles checked
// against similarity theory, by the met provider built from this spec
// (host/met/met_provider.hpp), for the run's hours.
#include <cmath>
#include <optional>
#include <sstream>

#include "host/scenario/parse_parts.hpp"

namespace airshed::detail {

std::string resolved(const std::string& f, const std::string& base_dir) {
  return (!f.empty() && f[0] == '/') || base_dir.empty() ? f : base_dir + "/" + f;
}

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

std::string number(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

// The log wind profile needs the anemometer above z0 whatever the met; the
// provider checks the rest of the profile hour by hour (kMaxDerivedUstar).
void require_above_z0(const TomlTable& t, const MetSpec& m) {
  if (!(m.anemometer_height > m.z0))
    t.fail("anemometer_height", "at or below the roughness length z0 = " + number(m.z0) + " m",
           "anemometer_height well above z0, so that ln(z/z0) - psi_m(z/L) > 0 and u* <= 20 m/s");
}

// How far outside the domain a network station may stand: half the domain's
// extent on each side. A diagnostic wind model uses stations beyond its grid
// (their 1/r^2 weights fade with distance), but one further out is more
// likely a swapped coordinate or a wrong origin than a useful observation.
constexpr double kStationMargin = 0.5;  // of the domain's width (x) and depth (y)

void require_near(const TomlTable& t, const Vec2& p, const Scenario& s) {
  const double lx = s.grid.nx * s.grid.dx, ly = s.grid.ny * s.grid.dy;
  const double mx = kStationMargin * lx, my = kStationMargin * ly;
  if (p.x >= -mx && p.x <= lx + mx && p.y >= -my && p.y <= ly + my) return;
  std::ostringstream what, allowed;
  what.precision(1);
  what << std::fixed << "position (" << p.x << ", " << p.y
       << ") m is too far outside the domain for a station";
  allowed.precision(1);
  allowed << std::fixed << -mx << " <= x <= " << lx + mx << ", " << -my << " <= y <= " << ly + my
          << " (m from the south-west corner: the domain and half its size around it)";
  t.fail("position", what.str(), allowed.str());
}

// [[met.station]]: each station's file, position and anemometer; z0 and the
// anemometer height default to the [met] table's.
void parse_stations(const TomlTable& t, const std::string& base_dir, Scenario& s) {
  t.allow({"kind", "vertical_mixing", "urban", "z0", "anemometer_height", "station",
           "adjustment_vertical_weight"});
  s.met.kind = MetKind::stations;
  // As for kind "wrf" (parse_met_wrf.cpp): the weight of the Sherman adjustment.
  s.met.adjustment_vertical_weight =
      t.number_or("adjustment_vertical_weight", 1, closed(1e-6, 1e6));
  const LocalProjection proj = projection_of(s);
  for (const TomlTable& st : t.tables("station", true)) {
    st.allow({"name", "file", "position", "anemometer_height", "z0"});
    StationSpec spec;
    spec.name = st.text("name");
    for (const StationSpec& other : s.met.stations)
      if (other.name == spec.name)
        st.fail("name", "station '" + spec.name + "' given twice", "a unique station name");
    spec.file = resolved(st.text("file", TextKind::path), base_dir);
    spec.file_site = st.site("file");
    const Vec2 p = read_position(st, "position", proj);
    require_near(st, p, s);
    spec.x = p.x, spec.y = p.y;
    spec.z0 = st.number_or("z0", s.met.z0, closed(1e-4, 3));
    spec.anemometer_height =
        st.number_or("anemometer_height", s.met.anemometer_height, closed(1, 200));
    spec.anemometer_site = st.site("anemometer_height");
    if (s.met.urban.enabled && spec.anemometer_height < 5 * s.met.urban.z0)
      st.fail("anemometer_height",
              "is below 5 times the urban z0 = " + number(s.met.urban.z0) + " m",
              "urban z0 at most anemometer_height / 5");
    if (spec.anemometer_height >= s.grid.top())
      st.fail("anemometer_height", "is above the model top", "below domain top");
    if (!(spec.anemometer_height > spec.z0))
      st.fail("anemometer_height",
              "at or below the roughness length z0 = " + number(spec.z0) + " m",
              "anemometer_height well above z0, so that ln(z/z0) - psi_m(z/L) > 0 and u* <= 20 "
              "m/s");
    s.met.stations.push_back(spec);
  }
}

}  // namespace

void parse_met(const TomlTable& root, const std::string& base_dir, Scenario& s) {
  const TomlTable t = root.table("met");
  const std::string kind = t.choice("kind", {"uniform", "station", "stations", "wrf"});
  s.met.convective_mixing = t.choice_or("vertical_mixing", "local", {"local", "acm2"}) == "acm2";
  if (const std::optional<TomlTable> u = t.table_opt("urban")) {
    u->allow({"population", "z0"});
    s.met.urban.enabled = true;
    // P > 144 keeps dT_u-r > 0; 5e7 is beyond the largest cities.
    s.met.urban.population = u->number("population", closed(1e3, 5e7));
    s.met.urban.z0 = u->number_or("z0", 1, closed(1e-2, 2));
  }
  if (kind == "wrf") return parse_met_wrf(t, base_dir, s);
  s.met.z0 = t.number_or("z0", 0.1, closed(1e-4, 3));
  s.met.anemometer_height = t.number_or("anemometer_height", 10, closed(1, 200));
  s.met.anemometer_site = t.site("anemometer_height");
  // The city's log wind profile from the observed wind needs the
  // anemometer well above the urban z0.
  if (s.met.urban.enabled && s.met.anemometer_height < 5 * s.met.urban.z0)
    t.fail("urban",
           "z0 = " + number(s.met.urban.z0) + " m is too rough for the anemometer at " +
               number(s.met.anemometer_height) + " m",
           "urban z0 at most anemometer_height / 5");
  if (s.met.anemometer_height >= s.grid.top())
    t.fail("anemometer_height", "is above the model top", "below domain top");

  if (kind == "station") {
    t.allow({"kind", "vertical_mixing", "urban", "z0", "anemometer_height", "file"});
    s.met.kind = MetKind::station;
    const std::string f = t.text("file", TextKind::path);
    s.met.station_file = resolved(f, base_dir);
    s.met.file_site = t.site("file");
    require_above_z0(t, s.met);
    return;
  }
  if (kind == "stations") return parse_stations(t, base_dir, s);
  t.allow({"kind", "vertical_mixing", "urban", "z0", "anemometer_height", "speed", "direction",
           "stability", "obukhov_length", "mixing_height", "ustar", "temperature",
           "relative_humidity", "cloud_cover", "pressure"});
  s.met.kind = MetKind::uniform;
  MetRecord& r = s.met.uniform;
  r.line = t.line();
  r.utc_epoch_s = s.start.utc_epoch_s;
  r.wind_speed = t.number("speed", closed(0, 75));
  r.wind_direction = t.number("direction", closed(0, 360));
  read_stability(t, r);
  r.mixing_height = t.number("mixing_height", Range{0, 6000, true, false});
  r.ustar = t.number_or("ustar", -1, Range{0, 5, true, false});
  r.temperature = t.number_or("temperature", 15, closed(-73, 66)) + 273.15;
  // What [chemistry] reads; the defaults of MetRecord where not stated.
  r.relative_humidity = t.number_or("relative_humidity", 70, closed(0, 100)) / 100;
  r.cloud_cover = t.number_or("cloud_cover", 0, closed(0, 8));
  r.pressure = t.number_or("pressure", 1013.25, closed(300, 1100)) * 100;
  require_above_z0(t, s.met);
}

}  // namespace airshed::detail
