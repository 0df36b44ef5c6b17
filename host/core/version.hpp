// What this airshed is: the release version (CMake's project version) and
// the source revision it was built from (git describe, "-dirty" when the
// tree had uncommitted changes), for `airshed --version` and run.json.
#pragma once

#include <string>

namespace airshed {

const char* airshed_version();  // e.g. "0.1.0"
const char*
airshed_revision();  // e.g. "8f19f63a1b2c" or "8f19f63a1b2c-dirty"; "unknown" outside git
// One line: "airshed 0.1.0 (revision 8f19f63a1b2c)".
std::string version_line();

}  // namespace airshed
