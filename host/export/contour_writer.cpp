#include "host/export/contour_writer.hpp"

#include <gdal.h>
#include <gdal_alg.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <cmath>
#include <cstdio>
#include <memory>

#include "host/export/gdal_common.hpp"
#include "host/output/atomic_file.hpp"

namespace airshed::exporting {

namespace {

std::string number(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.17g", v);
  return b;
}

struct DatasetCloser {
  void operator()(void* ds) const { GDALClose(ds); }
};
using Dataset = std::unique_ptr<void, DatasetCloser>;
struct SrsCloser {
  void operator()(void* s) const { OSRDestroySpatialReference(s); }
};
using Srs = std::unique_ptr<void, SrsCloser>;
struct FeatureCloser {
  void operator()(void* f) const { OGR_F_Destroy(f); }
};
using Feature = std::unique_ptr<void, FeatureCloser>;
struct GeometryCloser {
  void operator()(void* g) const { OGR_G_DestroyGeometry(g); }
};
using Geometry = std::unique_ptr<void, GeometryCloser>;

// The map as an in-memory north-up raster in its projected CRS.
Dataset memory_raster(const GroundMap& map, OGRSpatialReferenceH srs, bool& has_nan) {
  GDALDriverH mem = GDALGetDriverByName("MEM");
  if (!mem) throw gdal_error("GDAL has no MEM driver");
  Dataset ds(GDALCreate(mem, "", map.nx, map.ny, 1, GDT_Float32, nullptr));
  if (!ds) throw gdal_error("cannot create an in-memory raster");
  const double north = map.south + map.ny * map.dy;
  double transform[6] = {map.west, map.dx, 0.0, north, 0.0, -map.dy};
  GDALSetGeoTransform(ds.get(), transform);
  GDALSetSpatialRef(ds.get(), srs);
  GDALRasterBandH band = GDALGetRasterBand(ds.get(), 1);
  std::vector<float> north_up(map.values.size());
  has_nan = false;
  for (int r = 0; r < map.ny; ++r)
    for (int i = 0; i < map.nx; ++i) {
      const float v = map.at(i, map.ny - 1 - r);
      has_nan |= std::isnan(v);
      north_up[std::size_t(r) * map.nx + i] = v;
    }
  if (GDALRasterIO(band, GF_Write, 0, 0, map.nx, map.ny, north_up.data(), map.nx, map.ny,
                   GDT_Float32, 0, 0) != CE_None)
    throw gdal_error("cannot fill the in-memory raster");
  return ds;
}

// Contours of `band` at `level` into a fresh layer of `memds`: polygons of
// the bands between levels (POLYGONIZE) or lines.
OGRLayerH contour_layer(GDALDatasetH memds, GDALRasterBandH band, OGRSpatialReferenceH srs,
                        double level, bool polygons, bool has_nan, const std::string& name) {
  OGRLayerH layer = GDALDatasetCreateLayer(memds, name.c_str(), srs,
                                           polygons ? wkbMultiPolygon : wkbLineString, nullptr);
  if (!layer) throw gdal_error("cannot create a contour layer");
  const char* fields[] = {"id", "elev_min", "elev_max"};
  for (int f = 0; f < 3; ++f) {
    OGRFieldDefnH defn = OGR_Fld_Create(fields[f], f == 0 ? OFTInteger : OFTReal);
    OGR_L_CreateField(layer, defn, TRUE);
    OGR_Fld_Destroy(defn);
  }
  char** options = nullptr;
  options = CSLSetNameValue(options, "ID_FIELD", "0");
  options = CSLSetNameValue(options, polygons ? "ELEV_FIELD_MIN" : "ELEV_FIELD", "1");
  if (polygons) options = CSLSetNameValue(options, "ELEV_FIELD_MAX", "2");
  options = CSLSetNameValue(options, "FIXED_LEVELS", number(level).c_str());
  if (polygons) options = CSLSetNameValue(options, "POLYGONIZE", "YES");
  if (has_nan) options = CSLSetNameValue(options, "NODATA", "nan");
  const CPLErr err = GDALContourGenerateEx(band, layer, options, nullptr, nullptr);
  CSLDestroy(options);
  if (err != CE_None) throw gdal_error("contouring at " + number(level) + " failed");
  return layer;
}

// One output file: a driver, a temporary name, one layer in WGS 84.
struct VectorFile {
  std::string path, tmp;
  Dataset ds;
  OGRLayerH layer = nullptr;
};

VectorFile open_vector(const std::string& driver_name, const std::string& path,
                       OGRSpatialReferenceH wgs84, const std::string& layer_name,
                       char** layer_options) {
  VectorFile f;
  f.path = path;
  f.tmp = output::temporary_sibling(path);
  GDALDriverH driver = GDALGetDriverByName(driver_name.c_str());
  if (!driver) throw gdal_error(path + ": GDAL has no " + driver_name + " driver");
  f.ds.reset(GDALCreate(driver, f.tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!f.ds) throw gdal_error(path + ": cannot create");
  f.layer =
      GDALDatasetCreateLayer(f.ds.get(), layer_name.c_str(), wgs84, wkbUnknown, layer_options);
  if (!f.layer) throw gdal_error(path + ": cannot create layer");
  const struct {
    const char* name;
    OGRFieldType type;
  } fields[] = {{"kind", OFTString},    {"level", OFTReal},       {"units", OFTString},
                {"species", OFTString}, {"statistic", OFTString}, {"time", OFTString},
                {"area_m2", OFTReal}};
  for (const auto& fd : fields) {
    OGRFieldDefnH defn = OGR_Fld_Create(fd.name, fd.type);
    if (OGR_L_CreateField(f.layer, defn, TRUE) != OGRERR_NONE) {
      OGR_Fld_Destroy(defn);
      throw gdal_error(path + ": cannot create field " + fd.name);
    }
    OGR_Fld_Destroy(defn);
  }
  return f;
}

void add_feature(VectorFile& f, const GroundMap& map, const char* kind, double level,
                 double area_m2, OGRGeometryH lonlat) {
  Feature feat(OGR_F_Create(OGR_L_GetLayerDefn(f.layer)));
  // By name: a driver may put fields of its own first (KML's Name, Description).
  auto index = [&](const char* name) { return OGR_F_GetFieldIndex(feat.get(), name); };
  OGR_F_SetFieldString(feat.get(), index("kind"), kind);
  OGR_F_SetFieldDouble(feat.get(), index("level"), level);
  OGR_F_SetFieldString(feat.get(), index("units"), map.units.c_str());
  OGR_F_SetFieldString(feat.get(), index("species"), map.species.c_str());
  OGR_F_SetFieldString(feat.get(), index("statistic"),
                       map.statistic.empty() ? "ground field" : map.statistic.c_str());
  OGR_F_SetFieldString(feat.get(), index("time"), map.time.c_str());
  if (area_m2 >= 0) OGR_F_SetFieldDouble(feat.get(), index("area_m2"), area_m2);
  char label[96];
  std::snprintf(label, sizeof label, "%s %s%.6g %s", map.species.c_str(),
                std::string(kind) == "contour" ? "contour " : ">= ", level, map.units.c_str());
  if (index("Name") >= 0) OGR_F_SetFieldString(feat.get(), index("Name"), label);
  OGR_F_SetGeometry(feat.get(), lonlat);
  if (OGR_L_CreateFeature(f.layer, feat.get()) != OGRERR_NONE)
    throw gdal_error(f.path + ": cannot write a feature");
}

// Closes every file (which flushes them), and only when all closed cleanly
// renames them into place.
void finish(std::vector<VectorFile>& files) {
  for (auto& f : files) {
    CPLErrorReset();
    f.ds.reset();
    if (CPLGetLastErrorType() >= CE_Failure) throw gdal_error(f.path + ": cannot write");
  }
  for (auto& f : files) output::replace_file(f.tmp, f.path);
}

}  // namespace

std::vector<LevelArea> write_contours(const GroundMap& map, const std::vector<double>& levels,
                                      const ContourFiles& files) {
  register_gdal();
  Srs projected(OSRNewSpatialReference(nullptr));
  if (OSRSetFromUserInput(projected.get(), map.crs_wkt.c_str()) != OGRERR_NONE)
    throw gdal_error("crs_wkt is not a CRS GDAL reads");
  // Lon/lat in that order (GeoJSON's and KML's), whatever EPSG:4326 says.
  Srs wgs84(OSRNewSpatialReference(nullptr));
  OSRSetWellKnownGeogCS(wgs84.get(), "WGS84");
  OSRSetAxisMappingStrategy(wgs84.get(), OAMS_TRADITIONAL_GIS_ORDER);
  OSRSetAxisMappingStrategy(projected.get(), OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<void, void (*)(void*)> to_lonlat(
      OCTNewCoordinateTransformation(projected.get(), wgs84.get()),
      [](void* ct) { OCTDestroyCoordinateTransformation(ct); });
  if (!to_lonlat) throw gdal_error("no transformation from the run's CRS to WGS 84");

  bool has_nan = false;
  Dataset raster = memory_raster(map, projected.get(), has_nan);
  GDALRasterBandH band = GDALGetRasterBand(raster.get(), 1);
  GDALDriverH memv = GDALGetDriverByName("Memory");
  if (!memv) throw gdal_error("GDAL has no Memory driver");
  Dataset work(GDALCreate(memv, "", 0, 0, 0, GDT_Unknown, nullptr));

  // Every file is opened before any is finished, so that an error in one
  // leaves none renamed into place (the unique_ptrs close the rest, whose
  // temporaries are then removed below).
  std::vector<VectorFile> out;
  const std::string layer_name = map.stem() + "_contours";
  try {
    if (!files.geojson.empty()) {
      char** opts = CSLSetNameValue(nullptr, "RFC7946", "YES");
      out.push_back(open_vector("GeoJSON", files.geojson, wgs84.get(), layer_name, opts));
      CSLDestroy(opts);
    }
    if (!files.kml.empty())
      out.push_back(open_vector("KML", files.kml, wgs84.get(), layer_name, nullptr));

    const double cell_area = map.dx * map.dy;
    std::vector<LevelArea> areas;
    for (std::size_t k = 0; k < levels.size(); ++k) {
      const double level = levels[k];
      LevelArea a;
      a.level = level;
      for (float v : map.values)
        if (v >= level) a.cell_area_m2 += cell_area;
      // Exceedance: the band from the level up. GDAL's polygonizer gives a
      // band below the level too (elev_min < level), which is dropped.
      OGRLayerH poly = contour_layer(work.get(), band, projected.get(), level, true, has_nan,
                                     "p" + std::to_string(k));
      Geometry area(OGR_G_CreateGeometry(wkbMultiPolygon));
      OGR_L_ResetReading(poly);
      for (Feature f(OGR_L_GetNextFeature(poly)); f; f.reset(OGR_L_GetNextFeature(poly))) {
        if (!(OGR_F_GetFieldAsDouble(f.get(), 1) >= level)) continue;
        OGRGeometryH g = OGR_F_GetGeometryRef(f.get());
        if (!g || OGR_G_IsEmpty(g)) continue;
        const int n = OGR_G_GetGeometryCount(g);
        for (int p = 0; p < n; ++p) OGR_G_AddGeometry(area.get(), OGR_G_GetGeometryRef(g, p));
      }
      a.polygon_area_m2 = OGR_G_GetGeometryCount(area.get()) ? OGR_G_Area(area.get()) : 0.0;
      areas.push_back(a);
      OGRLayerH lines = contour_layer(work.get(), band, projected.get(), level, false, has_nan,
                                      "l" + std::to_string(k));
      Geometry line(OGR_G_CreateGeometry(wkbMultiLineString));
      OGR_L_ResetReading(lines);
      for (Feature f(OGR_L_GetNextFeature(lines)); f; f.reset(OGR_L_GetNextFeature(lines))) {
        OGRGeometryH g = OGR_F_GetGeometryRef(f.get());
        if (g && !OGR_G_IsEmpty(g)) OGR_G_AddGeometry(line.get(), g);
      }
      if (OGR_G_Transform(area.get(), to_lonlat.get()) != OGRERR_NONE ||
          OGR_G_Transform(line.get(), to_lonlat.get()) != OGRERR_NONE)
        throw gdal_error("cannot transform contours to WGS 84");
      for (auto& f : out) {
        // An empty geometry for a level nowhere reached says so in the file.
        add_feature(f, map, "exceedance", level, a.polygon_area_m2, area.get());
        add_feature(f, map, "contour", level, -1, line.get());
      }
    }
    finish(out);
    return areas;
  } catch (...) {
    for (auto& f : out) {
      f.ds.reset();
      std::remove(f.tmp.c_str());
    }
    throw;
  }
}

}  // namespace airshed::exporting
