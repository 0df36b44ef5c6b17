// A small valid scenario used by the tests, and helpers to edit it.
#pragma once

#include <string>

#include "host/met/met_provider.hpp"
#include "host/scenario/load_scenario.hpp"

namespace airshed::test {

inline const char* const kSmallScenario = R"([scenario]
name = "t"
start = "2026-01-15T00:00:00+08:00"
duration = "2h"
output_interval = "1h"

[domain]
origin = { lon = 117.7, lat = 39.0 }
size = [2000.0, 2000.0]
cells = [20, 20]

[domain.levels]
count = 10
first_layer = 10.0
stretch = 1.2

[[species]]
name = "SO2"
units = "ug/m3"

[met]
kind = "uniform"
speed = 3.0
direction = 270.0
stability = "D"
mixing_height = 800.0

[[source]]
name = "stack"
kind = "point"
position = { x = 500.0, y = 1000.0 }
height = 50.0
diameter = 2.0
exit_velocity = 10.0
exit_temperature = 400.0
emissions = { SO2 = 10.0 }

[[receptor]]
name = "r1"
position = { x = 1500.0, y = 1000.0 }

[output]
directory = "out/t"
)";

// Parses `text` as "t.toml", then builds its met provider as a run's
// set-up does (reading and checking the station file for the run's hours,
// checking each hour's wind profile), and returns the ScenarioError message
// ("" if none was thrown).
inline std::string error_of(const std::string& text) {
  try {
    (void)make_met_provider(parse_scenario(text, "t.toml", "."));
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

// 1-based line of the first occurrence of `needle` in `text` (0 if absent).
inline long line_containing(const std::string& text, const std::string& needle) {
  const auto pos = text.find(needle);
  if (pos == std::string::npos) return 0;
  long line = 1;
  for (std::size_t i = 0; i < pos; ++i) line += text[i] == '\n';
  return line;
}

// `text` with the first `from` replaced by `to`.
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  if (pos != std::string::npos) text.replace(pos, from.size(), to);
  return text;
}

}  // namespace airshed::test
