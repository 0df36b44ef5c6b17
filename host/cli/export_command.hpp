// `airshed export OUTDIR --field SPECIES[:STATISTIC]`: a run's ground field
// or statistic as GIS layers (host/export): a GeoTIFF, and exceedance
// contours at given levels as GeoJSON and KML. docs/output-format.md, "GIS export".
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace airshed::cli {

struct ExportOptions {
  std::string output_dir;  // a run's output directory, holding NAME.h5
  std::string field;       // SPECIES or SPECIES:STATISTIC
  std::string time = "max";
  std::string name;      // NAME.h5 when the directory holds several .h5 files
  std::string geotiff;   // "" with the flag: the default name
  std::string contours;  // "V1,V2,..."
  std::string geojson, kml;
  bool want_geotiff = false, want_geojson = false, want_kml = false;
};

CLI::App* add_export_subcommand(CLI::App& app, ExportOptions& options);
int export_command(ExportOptions& options);

}  // namespace airshed::cli
