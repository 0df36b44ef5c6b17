// Wall-clock time for scenarios and met files: ISO 8601 instants with a UTC
// offset, durations such as "24h", and the local calendar fields (hour of
// day, day of week, month) that emission time profiles are keyed on.
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

// "90s", "30min", "1.5h", "2d" -> seconds; std::nullopt when malformed or <= 0.
std::optional<double> parse_duration(const std::string& text);

// A checkpoint interval: "off" -> 0, else a duration that is a whole number
// (>= 1) of `output_interval_s`; std::nullopt otherwise. Checkpoints land
// on output times, where every writer has flushed.
std::optional<double> parse_checkpoint_interval(const std::string& text, double output_interval_s);

LocalCalendar local_calendar(const Instant& at);
// "2026-01-15T01:00:00+08:00" for `at` on its own local clock.
std::string format_iso8601(const Instant& at);

// Days since 1970-01-01 of a proleptic Gregorian date, and back
// (Hinnant's days_from_civil / civil_from_days algorithms).
long long days_from_civil(int y, int m, int d);
void civil_from_days(long long z, int& y, int& m, int& d);

}  // namespace airshed
