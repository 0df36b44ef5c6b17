// Exceedance contours of a ground map at given levels (e.g. a standard's
// limit): for each level the area where the field is >= it, as
// (multi)polygons, and its contour lines, through GDAL's marching-squares
// contourer (GDALContourGenerateEx; the field is linear between cell
// centres), reprojected to WGS 84 lon/lat and written as GeoJSON (RFC 7946)
// and KML, each feature carrying its level, units and area.
#pragma once

#include <string>
#include <vector>

#include "host/export/field_reader.hpp"

namespace airshed::exporting {

struct ContourFiles {
  std::string geojson;  // empty: not written
  std::string kml;      // empty: not written
};

// What a level came to: the polygons' area in the projected CRS (m^2) and
// the cells whose value is >= the level times the cell area, for the report.
struct LevelArea {
  double level = 0;
  double polygon_area_m2 = 0;
  double cell_area_m2 = 0;
};

// Each file is written to a temporary sibling and renamed: a failure leaves
// no partial file. Throws std::runtime_error naming the file and GDAL's reason.
std::vector<LevelArea> write_contours(const GroundMap& map, const std::vector<double>& levels,
                                      const ContourFiles& files);

}  // namespace airshed::exporting
