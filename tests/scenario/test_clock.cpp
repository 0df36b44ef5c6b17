#include <doctest/doctest.h>

#include "host/scenario/clock.hpp"
#include "host/scenario/projection.hpp"

using namespace airshed;

TEST_CASE("ISO 8601 times with offsets and the local calendar") {
  const auto t = parse_iso8601("2026-01-15T00:00:00+08:00");
  REQUIRE(t);
  CHECK(t->utc_epoch_s == 1768406400LL);  // 2026-01-14T16:00:00Z
  CHECK(t->offset_minutes == 480);
  const LocalCalendar c = local_calendar(*t);
  CHECK(c.year == 2026);
  CHECK(c.month == 1);
  CHECK(c.day == 15);
  CHECK(c.hour == 0);
  CHECK(c.weekday == 3);  // 2026-01-15 is a Thursday
  CHECK(format_iso8601(*t) == "2026-01-15T00:00:00+08:00");
  CHECK(parse_iso8601("2024-02-29T12:30Z"));
  CHECK_FALSE(parse_iso8601("2025-02-29T12:30Z"));
  CHECK_FALSE(parse_iso8601("2026-01-15T00:00"));
  CHECK(parse_iso8601("2026-01-15 00:00", -300)->offset_minutes == -300);
}

TEST_CASE("durations") {
  CHECK(*parse_duration("90s") == 90);
  CHECK(*parse_duration("30min") == 1800);
  CHECK(*parse_duration("1.5h") == 5400);
  CHECK(*parse_duration("2d") == 172800);
  CHECK_FALSE(parse_duration("2 h"));
  CHECK_FALSE(parse_duration("-1h"));
  CHECK_FALSE(parse_duration("h"));
}
