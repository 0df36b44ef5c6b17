#include "host/input/input_limits.hpp"

#include <cstdio>

namespace airshed {

std::size_t max_bytes(TextKind kind) {
  switch (kind) {
    case TextKind::path:
      return 4095;
    case TextKind::prose:
      return 1024;
    default:
      return 128;
  }
}

std::string text_rule(TextKind kind) {
  const std::string n = std::to_string(max_bytes(kind));
  switch (kind) {
    case TextKind::path:
      return "a path of at most " + n + " bytes without control characters";
    case TextKind::prose:
      return "text of at most " + n + " bytes without control characters other than tab";
    default:
      return "a name of at most " + n + " bytes without control characters";
  }
}

std::optional<std::string> text_problem(const std::string& value, TextKind kind) {
  if (value.size() > max_bytes(kind)) return "is " + std::to_string(value.size()) + " bytes long";
  for (std::size_t i = 0; i < value.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    const bool c1 = c == 0xc2 && i + 1 < value.size() && (unsigned char)value[i + 1] >= 0x80 &&
                    (unsigned char)value[i + 1] <= 0x9f;
    if (c == '\t' && kind == TextKind::prose) continue;
    if (c < 0x20 || c == 0x7f || c1) {
      char code[8];
      if (c1)
        std::snprintf(code, sizeof code, "U+%04X", (unsigned char)value[i + 1]);
      else
        std::snprintf(code, sizeof code, "0x%02X", c);
      // The value itself is quoted: ScenarioError shows the character escaped.
      return "'" + value + "' holds the control character " + code + " at byte " +
             std::to_string(i);
    }
  }
  return std::nullopt;
}

}  // namespace airshed
