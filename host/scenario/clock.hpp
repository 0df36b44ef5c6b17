// Scenario time texts: durations such as "24h" and checkpoint intervals.
// Instants, their ISO 8601 form and the local calendar fields (hour of
// day, day of week, month) that emission profiles are keyed on are the
// shared time type in host/core/instant.hpp, included here for the parsers.
#pragma once

#include <optional>
#include <string>

#include "host/core/instant.hpp"

namespace airshed {

// "90s", "30min", "1.5h", "2d" -> seconds; std::nullopt when malformed or <= 0.
std::optional<double> parse_duration(const std::string& text);

// A checkpoint interval: "off" -> 0, else a duration that is a whole number
// (>= 1) of `output_interval_s`; std::nullopt otherwise. Checkpoints land
// on output times, where every writer has flushed.
std::optional<double> parse_checkpoint_interval(const std::string& text, double output_interval_s);

}  // namespace airshed
