#include "host/export/geotiff_writer.hpp"

#include <gdal.h>
#include <ogr_srs_api.h>

#include <cstdio>
#include <vector>

#include "host/export/gdal_common.hpp"
#include "host/output/atomic_file.hpp"

namespace airshed::exporting {

void write_geotiff(const GroundMap& map, const std::string& path) {
  register_gdal();
  GDALDriverH driver = GDALGetDriverByName("GTiff");
  if (!driver) throw gdal_error(path + ": GDAL has no GTiff driver");
  const std::string tmp = output::temporary_sibling(path);
  const char* options[] = {"COMPRESS=DEFLATE", "PREDICTOR=3", "TILED=YES", nullptr};
  GDALDatasetH ds =
      GDALCreate(driver, tmp.c_str(), map.nx, map.ny, 1, GDT_Float32, const_cast<char**>(options));
  if (!ds) throw gdal_error(path + ": cannot create GeoTIFF");
  bool ok = true;
  // North-up: the file's row 0 is the south edge, the image's the north.
  const double north = map.south + map.ny * map.dy;
  double transform[6] = {map.west, map.dx, 0.0, north, 0.0, -map.dy};
  ok &= GDALSetGeoTransform(ds, transform) == CE_None;
  OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
  ok &= OSRSetFromUserInput(srs, map.crs_wkt.c_str()) == OGRERR_NONE;
  ok &= GDALSetSpatialRef(ds, srs) == CE_None;
  OSRDestroySpatialReference(srs);
  GDALSetMetadataItem(ds, "AIRSHED_SPECIES", map.species.c_str(), nullptr);
  GDALSetMetadataItem(ds, "AIRSHED_STATISTIC",
                      map.statistic.empty() ? "ground field" : map.statistic.c_str(), nullptr);
  GDALSetMetadataItem(ds, "AIRSHED_UNITS", map.units.c_str(), nullptr);
  if (!map.time.empty()) GDALSetMetadataItem(ds, "AIRSHED_TIME", map.time.c_str(), nullptr);
  const std::string desc = map.stem() + " [" + map.units + "]";
  GDALSetDescription(ds, desc.c_str());
  GDALRasterBandH band = GDALGetRasterBand(ds, 1);
  GDALSetDescription(band, desc.c_str());
  ok &= GDALSetRasterNoDataValue(band, NAN) == CE_None;
  GDALSetRasterUnitType(band, map.units.c_str());
  std::vector<float> row(std::size_t(map.nx));
  for (int r = 0; r < map.ny && ok; ++r) {
    const int j = map.ny - 1 - r;
    for (int i = 0; i < map.nx; ++i) row[std::size_t(i)] = map.at(i, j);
    ok &= GDALRasterIO(band, GF_Write, 0, r, map.nx, 1, row.data(), map.nx, 1, GDT_Float32, 0, 0) ==
          CE_None;
  }
  if (!ok) {
    const std::runtime_error e = gdal_error(path + ": cannot write GeoTIFF");
    GDALClose(ds);
    std::remove(tmp.c_str());
    throw e;
  }
  CPLErrorReset();
  GDALClose(ds);  // flushes: a full disk shows here
  if (CPLGetLastErrorType() >= CE_Failure) {
    std::remove(tmp.c_str());
    throw gdal_error(path + ": cannot write GeoTIFF");
  }
  output::replace_file(tmp, path);
}

}  // namespace airshed::exporting
