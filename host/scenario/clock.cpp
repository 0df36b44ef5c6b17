#include "host/scenario/clock.hpp"

#include <cmath>
#include <cstdlib>

namespace airshed {

std::optional<double> parse_duration(const std::string& s) {
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || !std::isfinite(v) || !(v > 0)) return std::nullopt;
  const std::string unit(end);
  if (unit == "s") return v;
  if (unit == "min") return v * 60;
  if (unit == "h") return v * 3600;
  if (unit == "d") return v * 86400;
  return std::nullopt;
}

std::optional<double> parse_checkpoint_interval(const std::string& text, double output_interval_s) {
  if (text == "off") return 0.0;
  const auto d = parse_duration(text);
  if (!d) return std::nullopt;
  const double n = *d / output_interval_s;
  if (n < 1 || std::abs(n - std::round(n)) > 1e-9) return std::nullopt;
  return d;
}

}  // namespace airshed
