// The one time type of a run: an instant on the UTC time line together with
// the UTC offset of the scenario's local clock. Scenarios give the start as
// ISO 8601 ("2026-01-15T00:00:00+08:00"); met rows, emission profiles and
// every output label use that same local offset, and CF time units are
// written in UTC because CF's default reference is UTC and every reader
// agrees on it. The civil calendar is Howard Hinnant's date library
// (Debian's libhowardhinnant-date-dev), used only in instant.cpp.
#pragma once

#include <optional>
#include <string>

namespace airshed {

struct Instant {
  long long utc_epoch_s = 0;  // seconds since 1970-01-01T00:00:00Z
  int offset_minutes = 0;     // local clock = UTC + offset
};

struct LocalCalendar {
  int year = 1970, month = 1, day = 1;  // month 1..12
  int weekday = 3;                      // 0 = Monday ... 6 = Sunday (ISO 8601)
  int hour = 0, minute = 0;
  double second = 0;
};

// Parses YYYY-MM-DDThh:mm[:ss][Z|+hh:mm|-hh:mm] ('T' or one space). A text
// without an offset takes `default_offset_minutes` when given and is
// rejected otherwise. Returns std::nullopt on any malformed or impossible
// date (month 13, 30 February, 25:00).
std::optional<Instant> parse_iso8601(const std::string& text,
                                     std::optional<int> default_offset_minutes = std::nullopt);

LocalCalendar local_calendar(const Instant& at);
// Seconds since local midnight of `at` (0 <= value < 86400).
long long local_seconds_of_day(const Instant& at);

// "2026-01-15T01:00:00+08:00" for `at` on its own local clock.
std::string format_iso8601(const Instant& at);
// The local time `t_s` seconds after `start`, rounded to milliseconds (so
// 3599.9999 prints as 01:00:00, not 00:59:59); fractional seconds appear
// only when t_s has them: "2026-02-01T01:01:01.500+08:00".
std::string format_iso8601(const Instant& start, double t_s);
// "2026-01-14T16:00:00Z": the same instant in UTC.
std::string format_utc(const Instant& at);

}  // namespace airshed
