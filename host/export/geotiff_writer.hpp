// A ground map as a north-up float32 GeoTIFF: geotransform from the cell
// faces, the run's projected CRS, NaN as nodata, and the species,
// statistic, units and time as metadata (GDAL's GTiff driver).
#pragma once

#include <string>

#include "host/export/field_reader.hpp"

namespace airshed::exporting {

// Writes a temporary sibling and renames it over `path`: a failure leaves
// no partial file. Throws std::runtime_error naming `path` and GDAL's reason.
void write_geotiff(const GroundMap& map, const std::string& path);

}  // namespace airshed::exporting
