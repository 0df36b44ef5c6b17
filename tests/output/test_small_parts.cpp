// The small helpers: SHA-256 and the ISO times the files are labelled with.
#include <doctest/doctest.h>

#include <stdexcept>

#include "host/core/instant.hpp"
#include "host/output/sha256.hpp"

using namespace airshed;
using namespace airshed::output;

TEST_CASE("SHA-256 matches the FIPS 180-2 test vectors") {
  CHECK(sha256_bytes("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_bytes("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK_THROWS_AS(sha256_file("/nonexistent/scenario.toml"), std::runtime_error);
}

TEST_CASE("start times parse with offsets and format back in local time") {
  const Instant s = *parse_iso8601("2026-01-15T00:00:00+08:00");
  CHECK(s.offset_minutes == 480);
  CHECK(local_seconds_of_day(s) == 0);
  CHECK(format_utc(s) == "2026-01-14T16:00:00Z");  // CF time units' reference
  CHECK(format_iso8601(s, 0) == "2026-01-15T00:00:00+08:00");
  CHECK(format_iso8601(s, 86400 * 17 + 3661.5) == "2026-02-01T01:01:01.500+08:00");
  CHECK(format_iso8601(s, 3599.99995) == "2026-01-15T01:00:00+08:00");
  CHECK(format_iso8601(s, -0.25) == "2026-01-14T23:59:59.750+08:00");
  const Instant z = *parse_iso8601("2024-02-28T22:30:00Z");
  CHECK(format_iso8601(z, 2 * 3600) == "2024-02-29T00:30:00+00:00");  // leap day
  CHECK(local_seconds_of_day(z) == 22.5 * 3600);
  CHECK(local_seconds_of_day(*parse_iso8601("1969-12-31T23:00:00Z")) == 23 * 3600);
  CHECK(parse_iso8601("2026-06-01 09:00-05:30")->offset_minutes == -330);
  CHECK_FALSE(parse_iso8601("15/01/2026 00:00+08:00"));
  CHECK_FALSE(parse_iso8601("2026-13-01T00:00:00Z"));
}
