#include "host/scenario/clock.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace airshed {

long long days_from_civil(int y, int m, int d) {
  // H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (2013).
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = unsigned(y - era * 400);
  const unsigned doy = unsigned((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (long long)doe - 719468;
}

void civil_from_days(long long z, int& y, int& m, int& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = unsigned(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = int(doy - (153 * mp + 2) / 5 + 1);
  m = int(mp < 10 ? mp + 3 : mp - 9);
  y = int(yoe + era * 400 + (m <= 2));
}

namespace {

int days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : days[m - 1];
}

// Reads exactly `n` digits at `pos`, advancing it.
bool digits(const std::string& s, std::size_t& pos, int n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (int i = 0; i < n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[pos + i]))) return false;
    out = out * 10 + (s[pos + i] - '0');
  }
  pos += n;
  return true;
}

bool expect(const std::string& s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

std::optional<Instant> parse_iso8601(const std::string& s,
                                     std::optional<int> default_offset_minutes) {
  std::size_t p = 0;
  int y, mo, d, h, mi, sec = 0;
  if (!digits(s, p, 4, y) || !expect(s, p, '-') || !digits(s, p, 2, mo) || !expect(s, p, '-') ||
      !digits(s, p, 2, d))
    return std::nullopt;
  if (p >= s.size() || (s[p] != 'T' && s[p] != ' ')) return std::nullopt;
  ++p;
  if (!digits(s, p, 2, h) || !expect(s, p, ':') || !digits(s, p, 2, mi)) return std::nullopt;
  if (p < s.size() && s[p] == ':' && !(++p, digits(s, p, 2, sec))) return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || sec > 59)
    return std::nullopt;

  std::optional<int> offset;
  if (p < s.size() && (s[p] == 'Z' || s[p] == 'z')) {
    offset = 0;
    ++p;
  } else if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
    const int sign = s[p] == '-' ? -1 : 1;
    ++p;
    int oh, om = 0;
    if (!digits(s, p, 2, oh)) return std::nullopt;
    if (p < s.size() && s[p] == ':') ++p;
    if (p < s.size() && !digits(s, p, 2, om)) return std::nullopt;
    if (oh > 14 || om > 59) return std::nullopt;
    offset = sign * (oh * 60 + om);
  } else {
    offset = default_offset_minutes;
  }
  if (p != s.size() || !offset) return std::nullopt;

  const long long local = days_from_civil(y, mo, d) * 86400LL + h * 3600LL + mi * 60LL + sec;
  return Instant{local - *offset * 60LL, *offset};
}

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

LocalCalendar local_calendar(const Instant& at) {
  const long long local = at.utc_epoch_s + at.offset_minutes * 60LL;
  long long days = local / 86400;
  long long rem = local % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  LocalCalendar c;
  civil_from_days(days, c.year, c.month, c.day);
  // 1970-01-01 was a Thursday (ISO weekday index 3 with Monday = 0).
  c.weekday = int(((days + 3) % 7 + 7) % 7);
  c.hour = int(rem / 3600);
  c.minute = int(rem % 3600 / 60);
  c.second = double(rem % 60);
  return c;
}

std::string format_iso8601(const Instant& at) {
  const LocalCalendar c = local_calendar(at);
  const int off = at.offset_minutes < 0 ? -at.offset_minutes : at.offset_minutes;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", c.year, c.month, c.day,
                c.hour, c.minute, int(c.second), at.offset_minutes < 0 ? '-' : '+', off / 60,
                off % 60);
  return buf;
}

}  // namespace airshed
