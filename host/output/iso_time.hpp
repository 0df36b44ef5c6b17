// Wall-clock times of a run. Scenarios give the start as ISO 8601 with an
// optional UTC offset ("2026-01-15T00:00:00+08:00"); outputs label every
// time in that same local offset, and CF time units are written in UTC
// because CF's default reference is UTC and every reader agrees on it.
#pragma once

#include <string>

namespace airshed::output {

struct StartTime {
  long long utc_epoch_s = 0;        // seconds since 1970-01-01T00:00:00Z
  int offset_minutes = 0;           // local = UTC + offset
  double local_seconds_of_day = 0;  // clock time of t = 0 where the run is
};

// Accepts YYYY-MM-DD[T ]hh:mm[:ss[.fff]][Z|±hh[:mm]]; no offset means UTC.
// Throws std::invalid_argument quoting the text otherwise.
StartTime parse_start(const std::string& iso8601);

// Local time of `t_s` seconds after the start, e.g. "2026-01-15T01:00:00+08:00"
// (fractional seconds only when t_s has them).
std::string format_local(const StartTime& start, double t_s);

// "seconds since 2026-01-14T16:00:00Z" for CF time variables.
std::string cf_time_units(const StartTime& start);

}  // namespace airshed::output
