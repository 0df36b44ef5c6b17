#include "host/input/input_error.hpp"

#include <cstdio>

namespace airshed {

namespace {
// Longer than any message the parser writes itself (a 4 KiB path plus a
// key path and an allowed list), short enough for a terminal: a quoted
// 80 KB key or CSV cell is cut instead of flooding the screen.
constexpr std::size_t kMaxMessageBytes = 8192;
}  // namespace

std::string printable_line(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    char hex[8];
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    } else if (c == 0xc2 && i + 1 < text.size() && (unsigned char)text[i + 1] >= 0x80 &&
               (unsigned char)text[i + 1] <= 0x9f) {
      // U+0080..U+009F (C1 controls, e.g. NEL, a line break to some viewers).
      std::snprintf(hex, sizeof hex, "\\u%04x", (unsigned char)text[++i]);
      out += hex;
    } else {
      out += char(c);
    }
    if (out.size() > kMaxMessageBytes) {
      out.resize(kMaxMessageBytes);
      out += "... (message cut, " + std::to_string(text.size()) + " bytes)";
      break;
    }
  }
  return out;
}

std::string scenario_message(const std::string& file, long line, const std::string& subject,
                             const std::string& what, const std::string& allowed) {
  std::string m = file + ":" + std::to_string(line < 1 ? 1 : line) + ": " + subject + ": " + what;
  if (!allowed.empty()) m += "; allowed: " + allowed;
  // The message must stay one line whatever the user wrote into a value.
  return printable_line(m);
}

void throw_scenario_error(const std::string& file, long line, const std::string& subject,
                          const std::string& what, const std::string& allowed) {
  throw ScenarioError(scenario_message(file, line, subject, what, allowed));
}

void throw_input_error(const InputSite& at, const std::string& what, const std::string& allowed) {
  throw_scenario_error(at.file, at.line, "key '" + at.key + "'", what, allowed);
}

}  // namespace airshed
