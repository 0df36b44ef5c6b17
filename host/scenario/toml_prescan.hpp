// A linear pre-scan of TOML text for what toml++ cannot take: it recurses
// once per nesting level (tables, dotted-key parts, arrays, inline tables),
// so a header of 40 000 dotted parts overflowed the stack (SIGSEGV). The
// scan follows only TOML's structure (strings, comments, keys, brackets) and
// refuses nesting deeper than kMaxTomlNesting with the one-line
// "LABEL:LINE: syntax: ...". Everything else is left to toml++.
#pragma once

#include <string_view>

namespace airshed {

void check_toml_nesting(std::string_view text, const std::string& label);

}  // namespace airshed
