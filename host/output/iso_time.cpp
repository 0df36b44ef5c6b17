#include "host/output/iso_time.hpp"

#include <cmath>
#include <cstdio>
#include <regex>
#include <stdexcept>

namespace airshed::output {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date, and back
// (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = unsigned(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(long long z, long long& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = unsigned(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = (long long)yoe + era * 400 + (m <= 2);
}

std::string format(long long epoch_s, int millis, int offset_minutes, bool utc_z) {
  const long long days = (epoch_s >= 0 ? epoch_s : epoch_s - 86399) / 86400;
  const long long sod = epoch_s - days * 86400;
  long long y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld", y, m, d, sod / 3600,
                sod / 60 % 60, sod % 60);
  std::string s = buf;
  if (millis > 0) {
    std::snprintf(buf, sizeof buf, ".%03d", millis);
    s += buf;
  }
  if (utc_z) return s + "Z";
  const int a = std::abs(offset_minutes);
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', a / 60, a % 60);
  return s + buf;
}

}  // namespace

StartTime parse_start(const std::string& text) {
  static const std::regex re(
      R"(^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|([+-])(\d{2})(?::?(\d{2}))?)?$)");
  std::smatch m;
  if (!std::regex_match(text, m, re))
    throw std::invalid_argument("start time '" + text +
                                "' is not ISO 8601 (YYYY-MM-DDThh:mm:ss[Z|+hh:mm])");
  const int hh = std::stoi(m[4]), mm = std::stoi(m[5]);
  const int ss = m[6].matched ? std::stoi(m[6]) : 0;
  const unsigned mo = unsigned(std::stoi(m[2])), da = unsigned(std::stoi(m[3]));
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || hh > 23 || mm > 59 || ss > 59)
    throw std::invalid_argument("start time '" + text + "' has a field out of range");
  StartTime st;
  if (m[9].matched) {
    const int oh = std::stoi(m[10]), om = m[11].matched ? std::stoi(m[11]) : 0;
    st.offset_minutes = (m[9] == "-" ? -1 : 1) * (oh * 60 + om);
  }
  const long long local =
      days_from_civil(std::stoll(m[1]), mo, da) * 86400 + hh * 3600LL + mm * 60LL + ss;
  st.utc_epoch_s = local - st.offset_minutes * 60LL;
  st.local_seconds_of_day = hh * 3600.0 + mm * 60.0 + ss;
  return st;
}

std::string format_local(const StartTime& start, double t_s) {
  // Rounded to milliseconds first so 3599.9999 prints as 01:00:00, not 00:59:59.
  const long long ms = std::llround(t_s * 1000.0);
  const long long whole = (ms >= 0 ? ms : ms - 999) / 1000;
  const long long local = start.utc_epoch_s + start.offset_minutes * 60LL + whole;
  return format(local, int(ms - whole * 1000), start.offset_minutes, false);
}

std::string cf_time_units(const StartTime& start) {
  return "seconds since " + format(start.utc_epoch_s, 0, 0, true);
}

}  // namespace airshed::output
