#include "tools/validation/prairie_grass_data.hpp"

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace airshed::validation {

namespace {

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

[[noreturn]] void fail(const std::string& path, std::size_t line, const std::string& what) {
  throw std::runtime_error(path + ":" + std::to_string(line + 1) + ": " + what);
}

// A fixed-width field [begin, end) of `line`; NaN when blank.
double field(const std::string& line, std::size_t begin, std::size_t end) {
  if (begin >= line.size()) return NAN;
  const std::string s = line.substr(begin, end - begin);
  if (s.find_first_not_of(' ') == std::string::npos) return NAN;
  std::size_t used = 0;
  const double v = std::stod(s, &used);
  if (s.find_first_not_of(' ', used) != std::string::npos)
    throw std::invalid_argument("'" + s + "' is not a number");
  return v;
}

double or_missing(double v) { return std::isfinite(v) && v > 0 ? v : -1.0; }

}  // namespace

// PG.DAT columns (0-based character ranges, from the header): EXP [0,4),
// U [20,26), H [38,45), U* [51,57), L [63,70); arc a (0..4): C/Q
// [99+29a, 111+29a), Cy/Q [111+29a, 121+29a).
EpaFile read_pg_dat(const std::string& path) {
  const auto lines = read_lines(path);
  EpaFile out;
  for (std::size_t n = 4; n < lines.size(); ++n) {
    const std::string& line = lines[n];
    if (line.find_first_not_of(' ') == std::string::npos) continue;
    try {
      RunMet m;
      m.exp = int(field(line, 0, 4));
      m.wind_speed = field(line, 20, 26);
      m.mixing_height = or_missing(field(line, 38, 45));
      m.ustar = field(line, 51, 57);
      m.obukhov_length = field(line, 63, 70);
      m.source = "PG.DAT";
      if (!(m.wind_speed > 0) || !(m.ustar > 0) || !std::isfinite(m.obukhov_length))
        fail(path, n, "run without U, U* or L");
      out.met.push_back(m);
      for (int a = 0; a < 5; ++a) {
        ArcObservation o;
        o.exp = m.exp;
        o.distance = arc_distances[a];
        o.cmax_over_q = or_missing(field(line, 99 + 29 * a, 111 + 29 * a));
        o.cy_over_q = or_missing(field(line, 111 + 29 * a, 121 + 29 * a));
        out.observations.push_back(o);
      }
    } catch (const std::invalid_argument& e) {
      fail(path, n, e.what());
    }
  }
  return out;
}

// Tab separated: exp, L, u*, h (-999 = none), direction, sigma u, v, w,
// sigma theta, wind speed at 2 m.
std::vector<RunMet> read_model_param_list(const std::string& path) {
  const auto lines = read_lines(path);
  std::vector<RunMet> out;
  for (std::size_t n = 0; n < lines.size(); ++n) {
    if (lines[n].find_first_not_of(" \t") == std::string::npos) continue;
    std::istringstream in(lines[n]);
    double exp, L, ustar, h, dir, su, sv, sw, sth, u2;
    if (!(in >> exp >> L >> ustar >> h >> dir >> su >> sv >> sw >> sth >> u2))
      fail(path, n, "expected 10 numbers");
    RunMet m;
    m.exp = int(exp);
    m.obukhov_length = L;
    m.ustar = ustar;
    m.mixing_height = or_missing(h);
    m.wind_speed = u2;
    m.source = "modelParamList";
    out.push_back(m);
  }
  return out;
}

// Whitespace separated after 2 header lines: Exp, start, DUR, Dist, Q, OMAX,
// CMAX, CY, CMAX/Q, CY/Q, Sy, PHIC (SI units, see the README).
std::vector<ArcObservation> read_obs_analysis(const std::string& path) {
  const auto lines = read_lines(path);
  std::vector<ArcObservation> out;
  for (std::size_t n = 2; n < lines.size(); ++n) {
    if (lines[n].find_first_not_of(' ') == std::string::npos) continue;
    std::istringstream in(lines[n]);
    double exp, start, dur, dist, q, omax, cmax, cy, cmax_q, cy_q;
    if (!(in >> exp >> start >> dur >> dist >> q >> omax >> cmax >> cy >> cmax_q >> cy_q) ||
        !(q > 0))
      fail(path, n, "expected Exp, start, DUR, Dist, Q > 0, OMAX, CMAX, CY, CMAX/Q, CY/Q");
    ArcObservation o;
    o.exp = int(exp);
    o.distance = dist;
    o.cy_over_q = or_missing(cy_q);
    o.cmax_over_q = or_missing(omax / q);
    out.push_back(o);
  }
  return out;
}

std::map<int, RunMet> merge_met(const std::vector<RunMet>& epa, const std::vector<RunMet>& params) {
  std::map<int, RunMet> merged;
  for (const auto& m : params) merged[m.exp] = m;
  for (const auto& m : epa) {
    RunMet chosen = m;
    const auto other = merged.find(m.exp);
    if (chosen.mixing_height <= 0 && other != merged.end() && other->second.mixing_height > 0)
      chosen.mixing_height = other->second.mixing_height;
    merged[m.exp] = chosen;
  }
  return merged;
}

}  // namespace airshed::validation
