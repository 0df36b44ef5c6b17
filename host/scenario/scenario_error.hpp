// The one exception a bad scenario raises. Its message is a single line
//   FILE:LINE: key 'a.b': what is wrong; allowed: ...
// so an editor can jump to the spot and the user sees what would be valid.
#pragma once

#include <stdexcept>
#include <string>

namespace airshed {

// `text` made safe to print as (part of) one line: line breaks, tabs, NUL
// and every other control character (C0, DEL, C1) are written as escapes
// (\n, \r, \t, \x00, \u0085), and a text longer than 8 KiB is cut with a
// note. File names and values quoted into a message come from the user:
// raw, a NUL would cut the message (what() is a C string) and a line
// break would split it.
std::string printable_line(const std::string& text);

class ScenarioError : public std::runtime_error {
 public:
  // Every message goes through printable_line(), whoever builds it.
  explicit ScenarioError(const std::string& message)
      : std::runtime_error(printable_line(message)) {}
};

// Builds the one-line message. `what` names the problem, `allowed` the valid
// values or range; `subject` is normally "key 'a.b'" (or "column 'x'" for CSV).
std::string scenario_message(const std::string& file, long line, const std::string& subject,
                             const std::string& what, const std::string& allowed);

[[noreturn]] void throw_scenario_error(const std::string& file, long line,
                                       const std::string& subject, const std::string& what,
                                       const std::string& allowed);

}  // namespace airshed
