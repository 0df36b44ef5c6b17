// The one exception bad input raises, whichever layer finds it (the
// scenario parser, the met provider reading its station file). Its message
// is a single line
//   FILE:LINE: key 'a.b': what is wrong; allowed: ...
// so an editor can jump to the spot and the user sees what would be valid.
// (Named for the scenario: every input a run reads is the scenario or a
// file the scenario names.)
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

// Where a value was read: the file, its line and the key path. Kept in a
// specification next to the value, so that the layer that uses the value
// later (a provider checking the data it reads) reports in the parser's
// format, at the parser's line.
struct InputSite {
  std::string file;
  long line = 0;
  std::string key;  // e.g. "met.file"
};

// Throws "FILE:LINE: key 'KEY': what; allowed: allowed" for `at`.
[[noreturn]] void throw_input_error(const InputSite& at, const std::string& what,
                                    const std::string& allowed);

[[noreturn]] void throw_scenario_error(const std::string& file, long line,
                                       const std::string& subject, const std::string& what,
                                       const std::string& allowed);

}  // namespace airshed
