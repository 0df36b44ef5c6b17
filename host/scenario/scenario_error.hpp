// The one exception a bad scenario raises. Its message is a single line
//   FILE:LINE: key 'a.b': what is wrong; allowed: ...
// so an editor can jump to the spot and the user sees what would be valid.
#pragma once

#include <stdexcept>
#include <string>

namespace airshed {

class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Builds the one-line message. `what` names the problem, `allowed` the valid
// values or range; `subject` is normally "key 'a.b'" (or "column 'x'" for CSV).
std::string scenario_message(const std::string& file, long line, const std::string& subject,
                             const std::string& what, const std::string& allowed);

[[noreturn]] void throw_scenario_error(const std::string& file, long line,
                                       const std::string& subject, const std::string& what,
                                       const std::string& allowed);

}  // namespace airshed
