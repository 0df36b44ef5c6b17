#include "host/core/instant.hpp"

#include <date/date.h>

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace airshed {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

// The local clock reading of `at` as a point on a UTC-like time line, which
// is all the calendar arithmetic needs (no leap seconds, no time zones).
date::sys_seconds local_clock(const Instant& at) {
  return date::sys_seconds{seconds{at.utc_epoch_s + at.offset_minutes * 60LL}};
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

// YYYY-MM-DDThh:mm:ss[.fff] of a local clock reading in milliseconds, and
// the offset suffix ("Z" or "+hh:mm").
std::string format(date::sys_time<milliseconds> t, const std::string& suffix) {
  const auto day = date::floor<date::days>(t);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<milliseconds> tod{t - day};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(tod.hours().count()),
                int(tod.minutes().count()), int(tod.seconds().count()));
  std::string s = buf;
  if (tod.subseconds().count() > 0) {
    std::snprintf(buf, sizeof buf, ".%03d", int(tod.subseconds().count()));
    s += buf;
  }
  return s + suffix;
}

std::string offset_suffix(int offset_minutes) {
  const int a = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', a / 60, a % 60);
  return buf;
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
  const date::year_month_day ymd{date::year{y}, date::month(unsigned(mo)), date::day(unsigned(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 59) return std::nullopt;

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

  const date::sys_seconds local = date::sys_days{ymd} + hours{h} + minutes{mi} + seconds{sec};
  return Instant{local.time_since_epoch().count() - *offset * 60LL, *offset};
}

LocalCalendar local_calendar(const Instant& at) {
  const date::sys_seconds t = local_clock(at);
  const auto day = date::floor<date::days>(t);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<seconds> tod{t - day};
  LocalCalendar c;
  c.year = int(ymd.year());
  c.month = int(unsigned(ymd.month()));
  c.day = int(unsigned(ymd.day()));
  c.weekday = int(date::weekday{day}.iso_encoding()) - 1;  // ISO: 1 = Monday ... 7 = Sunday
  c.hour = int(tod.hours().count());
  c.minute = int(tod.minutes().count());
  c.second = double(tod.seconds().count());
  return c;
}

long long local_seconds_of_day(const Instant& at) {
  const date::sys_seconds t = local_clock(at);
  return (t - date::floor<date::days>(t)).count();
}

std::string format_iso8601(const Instant& at) { return format_iso8601(at, 0.0); }

std::string format_iso8601(const Instant& start, double t_s) {
  const milliseconds later{std::llround(t_s * 1000.0)};
  return format(local_clock(start) + later, offset_suffix(start.offset_minutes));
}

std::string format_utc(const Instant& at) {
  return format(date::sys_seconds{seconds{at.utc_epoch_s}}, "Z");
}

}  // namespace airshed
