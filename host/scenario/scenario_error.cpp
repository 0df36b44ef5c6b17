#include "host/scenario/scenario_error.hpp"

namespace airshed {

std::string scenario_message(const std::string& file, long line, const std::string& subject,
                             const std::string& what, const std::string& allowed) {
  std::string m = file + ":" + std::to_string(line < 1 ? 1 : line) + ": " + subject + ": " + what;
  if (!allowed.empty()) m += "; allowed: " + allowed;
  // The message must stay one line whatever the user wrote into a value.
  for (char& c : m)
    if (c == '\n' || c == '\r') c = ' ';
  return m;
}

void throw_scenario_error(const std::string& file, long line, const std::string& subject,
                          const std::string& what, const std::string& allowed) {
  throw ScenarioError(scenario_message(file, line, subject, what, allowed));
}

}  // namespace airshed
