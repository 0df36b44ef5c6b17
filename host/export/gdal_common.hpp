// What the GDAL writers share: the drivers registered once, and GDAL's last
// error message as the reason of a one-line failure.
#pragma once

#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>

#include <stdexcept>
#include <string>

namespace airshed::exporting {

inline void register_gdal() {
  GDALAllRegister();
  CPLSetErrorHandler(CPLQuietErrorHandler);  // our messages are one line of our own
}

inline std::runtime_error gdal_error(const std::string& what) {
  const char* reason = CPLGetLastErrorMsg();
  return std::runtime_error(what + (reason && *reason ? ": " + std::string(reason) : ""));
}

}  // namespace airshed::exporting
