#include "host/core/version.hpp"

#include "airshed_revision.hpp"  // generated at build time (cmake/write_revision.cmake)

namespace airshed {

const char* airshed_version() { return AIRSHED_VERSION; }
const char* airshed_revision() { return AIRSHED_REVISION; }
std::string version_line() {
  return std::string("airshed ") + airshed_version() + " (revision " + airshed_revision() + ")";
}

}  // namespace airshed
