#include "host/cli/export_command.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "host/export/contour_writer.hpp"
#include "host/export/geotiff_writer.hpp"
#include "host/input/input_error.hpp"

namespace airshed::cli {

namespace fs = std::filesystem;

namespace {

// "75" or "75,150": finite numbers, each once, returned ascending.
std::vector<double> parse_levels(const std::string& text) {
  std::vector<double> levels;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(item.c_str(), &end);
    if (item.empty() || *end != '\0' || errno != 0 || !std::isfinite(v))
      throw std::invalid_argument("--contours '" + text + "': '" + item +
                                  "' is not a number (expected levels such as 75 or 75,150)");
    levels.push_back(v);
  }
  if (levels.empty() || text.back() == ',')
    throw std::invalid_argument("--contours '" + text + "': expected levels such as 75 or 75,150");
  std::sort(levels.begin(), levels.end());
  if (std::adjacent_find(levels.begin(), levels.end()) != levels.end())
    throw std::invalid_argument("--contours '" + text + "': a level is given twice");
  return levels;
}

// OUTDIR/NAME.h5: --name's, or the directory's one .h5 file.
std::string find_h5(const ExportOptions& o) {
  if (!fs::is_directory(o.output_dir))
    throw std::runtime_error(o.output_dir +
                             ": no such directory (give an airshed run's output "
                             "directory)");
  if (!o.name.empty()) {
    const std::string p = (fs::path(o.output_dir) / (o.name + ".h5")).string();
    if (!fs::is_regular_file(p)) throw std::runtime_error(p + ": no such file");
    return p;
  }
  std::vector<std::string> found;
  for (const auto& e : fs::directory_iterator(o.output_dir))
    if (e.is_regular_file() && e.path().extension() == ".h5") found.push_back(e.path().string());
  std::sort(found.begin(), found.end());
  if (found.empty())
    throw std::runtime_error(o.output_dir + ": no NAME.h5 (was the run's [output] hdf5 off?)");
  if (found.size() > 1) {
    std::string list;
    for (const auto& f : found)
      list += (list.empty() ? "" : ", ") + fs::path(f).filename().string();
    throw std::runtime_error(o.output_dir + ": several .h5 files (" + list +
                             "); choose one with --name NAME");
  }
  return found.front();
}

}  // namespace

CLI::App* add_export_subcommand(CLI::App& app, ExportOptions& o) {
  auto* sub = app.add_subcommand(
      "export", "a ground field or statistic as GeoTIFF, and contours at levels as GeoJSON/KML");
  sub->add_option("outdir", o.output_dir, "a run's output directory (holding NAME.h5)")->required();
  sub->add_option("--field", o.field,
                  "SPECIES (ground field) or SPECIES:STATISTIC, e.g. PM2.5:max_daily_mean")
      ->required();
  sub->add_option("--time", o.time,
                  "ground field time: max (of the domain maximum, default), last, an index, or "
                  "ISO 8601 (local clock when no offset)");
  sub->add_option("--name", o.name, "NAME of NAME.h5 when the directory holds several");
  sub->add_option("--geotiff", o.geotiff, "write a GeoTIFF (default OUTDIR/export/FIELD.tif)")
      ->expected(0, 1);
  sub->add_option("--contours", o.contours,
                  "levels V1,V2,... of exceedance polygons and contour lines (output units)");
  sub->add_option("--geojson", o.geojson,
                  "contours as GeoJSON (default OUTDIR/export/FIELD_contours.geojson)")
      ->expected(0, 1);
  sub->add_option("--kml", o.kml, "contours as KML (default OUTDIR/export/FIELD_contours.kml)")
      ->expected(0, 1);
  sub->final_callback([sub, &o] {
    o.want_geotiff = sub->count("--geotiff") > 0;
    o.want_geojson = sub->count("--geojson") > 0;
    o.want_kml = sub->count("--kml") > 0;
  });
  return sub;
}

int export_command(ExportOptions& o) {
  try {
    exporting::MapRequest request;
    const auto colon = o.field.find(':');
    request.species = o.field.substr(0, colon);
    if (colon != std::string::npos) request.statistic = o.field.substr(colon + 1);
    if (request.species.empty() || (colon != std::string::npos && request.statistic.empty()))
      throw std::invalid_argument("--field '" + o.field +
                                  "': expected SPECIES or SPECIES:STATISTIC");
    request.time = o.time;
    if (!request.statistic.empty() && o.time != "max")
      throw std::invalid_argument("--time applies to ground fields, not to statistic " +
                                  request.statistic);
    std::vector<double> levels;
    if (!o.contours.empty()) levels = parse_levels(o.contours);
    if ((o.want_geojson || o.want_kml) && levels.empty())
      throw std::invalid_argument("--geojson/--kml need --contours LEVELS");
    // Nothing chosen: the GeoTIFF; contours alone: GeoJSON and KML.
    const bool any_vector = o.want_geojson || o.want_kml;
    const bool geotiff = o.want_geotiff || (levels.empty() && !any_vector);
    const bool geojson = o.want_geojson || (!levels.empty() && !any_vector);
    const bool kml = o.want_kml || (!levels.empty() && !any_vector);

    const std::string h5 = find_h5(o);
    const exporting::GroundMap map = exporting::read_ground_map(h5, request);
    const fs::path dir = fs::path(o.output_dir) / "export";
    auto target = [&](const std::string& given, const std::string& suffix) {
      if (!given.empty()) return given;
      fs::create_directories(dir);
      return (dir / (map.stem() + suffix)).string();
    };
    const std::string what = map.species + (map.statistic.empty() ? " ground field at " + map.time
                                                                  : " " + map.statistic);
    if (geotiff) {
      const std::string path = target(o.geotiff, ".tif");
      exporting::write_geotiff(map, path);
      std::cout << "GeoTIFF: " << path << "  (" << what << ", " << map.units << ")\n";
    }
    if (!levels.empty()) {
      exporting::ContourFiles files;
      if (geojson) files.geojson = target(o.geojson, "_contours.geojson");
      if (kml) files.kml = target(o.kml, "_contours.kml");
      const auto areas = exporting::write_contours(map, levels, files);
      if (!files.geojson.empty()) std::cout << "GeoJSON: " << files.geojson << "\n";
      if (!files.kml.empty()) std::cout << "KML:     " << files.kml << "\n";
      for (const auto& a : areas)
        std::cout << "  >= " << a.level << " " << map.units << ": " << a.polygon_area_m2 * 1e-6
                  << " km2 inside the contour (" << a.cell_area_m2 * 1e-6
                  << " km2 of cells at or above)\n";
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "airshed: error: " << printable_line(e.what()) << "\n";
    return 1;
  }
}

}  // namespace airshed::cli
