// A case as specifications: plain data, filled by load_scenario() (the only
// reader of scenario files) and trusted downstream: nothing here is
// re-validated. Inputs the scenario names (the station CSV) are not read
// here: the providers built from these specs read them (host/met,
// host/emissions; host/run/run_setup.hpp opens them before a run writes).
// Positions are local metres east (x) and north (y) of the domain's
// south-west corner; heights are metres above ground. docs/scenario-format.md
// documents every key these members come from.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "host/core/field_selection.hpp"
#include "host/core/forcing.hpp"
#include "host/core/grid.hpp"
#include "host/geometry/vec2.hpp"
#include "host/input/input_error.hpp"
#include "host/scenario/clock.hpp"
#include "host/scenario/met_record.hpp"

namespace airshed {

// A species and how its user units map to the solver's "M per m^3".
struct ScenarioSpecies {
  SpeciesSpec spec;   // background already in solver units (M/m^3)
  std::string units;  // ug/m3 | mg/m3 | ppb | OU/m3
  std::string long_name;
  std::string standard_name;      // CF standard name, may be empty
  double molar_mass = 0;          // g/mol, ppb species only
  double to_output_units = 1;     // solver concentration * this = value in `units`
  double emission_to_solver = 1;  // user emission unit (g or OU) per s -> M/s
  // "gas" or "particle" (the species key `phase`): the chemistry's roles
  // check it; deposition per phase is the species' own deposition keys.
  std::string phase = "gas";
};

// Factors that multiply a source's stated rates at a given local time.
struct TemporalProfile {
  std::string name;
  std::array<double, 24> hour_of_day;  // index = local hour 0..23
  std::array<double, 7> day_of_week;   // index 0 = Monday
  std::array<double, 12> month;        // index 0 = January
  std::vector<std::string> groups;     // groups whose sources use it by default
  TemporalProfile() {
    hour_of_day.fill(1);
    day_of_week.fill(1);
    month.fill(1);
  }
};

enum class SourceKind { point, area, line, volume };

struct StackParameters {
  double diameter = 0;          // m, inner diameter at the top
  double exit_velocity = 0;     // m/s
  double exit_temperature = 0;  // K
  bool plume_rise = true;       // false: release at the stack top
};

struct Source {
  std::string name, group;
  SourceKind kind = SourceKind::point;
  std::vector<Vec2> vertices;  // point/volume: one centre; area: polygon; line: polyline
  double height = 0;           // point: stack height; area/line: release height; volume: base
  double width = 0;            // line: road width (0 = exact length-in-cell weighting)
  std::array<double, 3> size{0, 0, 0};  // volume: extent along x, y, z (m)
  StackParameters stack;
  // Per scenario species (same order): point/volume g/s, area g/s/m^2,
  // line g/s/m; OU instead of g for odour species.
  std::vector<double> rates;
  int profile = -1;  // index into Scenario::profiles, -1 = constant
  // With [chemistry]: the NO2 share of the NOx the source states (already
  // split into the NO and NO2 rates above); < 0 when it states none.
  double no2_fraction = -1;
};

struct Receptor {
  std::string name;
  double x = 0, y = 0, z = 1.5;
};

struct OutputThreshold {
  std::string species, label, averaging;
  double value = 0;  // species output units
};

// [output.background]: the existing concentration a receptor's project
// contribution is superposed on in the regulatory tables (HJ 2.2-2018
// §8.8), a constant or an hourly CSV (host/statistics/receptor_background.hpp).
struct BackgroundSpec {
  std::string species;
  double value = 0;  // the constant (species output units), when file is empty
  std::string file;  // resolved path of the CSV
  InputSite site;    // where it is named in the scenario
};

struct OutputSpec {
  std::string directory;  // as written; relative to the working directory
  bool hdf5 = true, vtk = true, receptors = true, statistics = true;
  std::vector<std::string> standard_tables;
  std::vector<OutputThreshold> thresholds;
  // Regulatory tables (host/statistics/receptor_tables.hpp): ranks kept per
  // receptor and averaging, values in the overall top list, backgrounds.
  int table_ranks = 10, table_top = 50;
  std::vector<BackgroundSpec> backgrounds;
  // Simulated time between checkpoints (a whole number of output
  // intervals); 0: none. `airshed run --resume` carries on from the last.
  double checkpoint_interval_s = 6 * 3600.0;
  // The field files' species, layers and schedules; a scenario file's
  // defaults are parse_output.cpp's (ground fields only), this struct's
  // everything at every snapshot.
  FieldSelection fields;
};

// [tagging] and [[tag]] (docs/tagging.md): which species carry tags and
// the declared tags. An emission (source, species, cell) belongs to the
// first tag whose selectors all match it (an empty selector matches
// anything), else to the implicit tag "other"; the initial field and the
// boundary inflow at the background belong to "background".
struct TagSpec {
  std::string name;
  std::vector<std::string> groups, sources, species;  // empty: any
  std::vector<Vec2> region;                           // local metres; empty: anywhere
  std::string selectors;                              // human-readable, e.g. "groups=steel"
};

struct TaggingSpec {
  bool enabled = false;       // [tagging] or any [[tag]] given
  std::vector<int> species;   // indices into Scenario::species carrying tags, in order
  std::vector<TagSpec> tags;  // as declared
  // The tags in output order: the declared ones, "other", "background".
  std::vector<std::string> names() const;
};

enum class MetKind { uniform, station, stations, wrf };

// One station of a network (`[met] kind = "stations"`, `[[met.station]]`):
// an hourly CSV in the station format, its position and anemometer.
struct StationSpec {
  std::string name;
  std::string file;               // resolved path
  InputSite file_site;            // its `file` key: where a gap in its hours is reported
  double x = 0, y = 0;            // m, local position (from x/y or lon/lat)
  double anemometer_height = 10;  // m
  double z0 = 0.1;                // m, roughness length around the station
  InputSite anemometer_site;
};

// [met] as written: what make_met_provider() (host/met/met_provider.hpp)
// builds the run's met from. Nothing here has been read from the station
// file or run through similarity theory: the provider does both, for the
// run's hours only, and reports problems at the sites kept here.
// [met] urban = { population, z0 }: AERMOD's urban night-time boundary
// layer (host/met/urban_boundary_layer.hpp), over the whole domain for
// uniform and station met, over the urban columns of WRF's land use.
struct UrbanSpec {
  bool enabled = false;
  double population = 0;  // inhabitants, P
  double z0 = 1;          // m, the urban roughness length
};

struct MetSpec {
  MetKind kind = MetKind::uniform;
  // The providers fill MetFields' temperature, pressure, humidity and
  // radiation factor only when this is set (a scenario with [chemistry]),
  // so a run without chemistry gets the fields it always got.
  bool chemistry_met = false;
  double z0 = 0.1;                    // m, roughness length
  double anemometer_height = 10;      // m, height of the given wind speed
  MetRecord uniform;                  // uniform only: the stated conditions (line: the [met] table)
  std::string station_file;           // station only: resolved path
  InputSite file_site;                // met.file: where a gap in the station's hours is reported
  InputSite anemometer_site;          // met.anemometer_height (the [met] table when omitted)
  std::vector<StationSpec> stations;  // stations only, in the scenario's order
  std::vector<std::string> wrf_files;     // wrf only: resolved paths, in time order
  std::vector<InputSite> wrf_file_sites;  // wrf only: where each file is named
  double wrf_update_interval_s = 3600;    // wrf only: time between met refreshes (s)
  // Sherman (1978) adjustment: the ratio (alpha_h / alpha_v)^2 of the
  // horizontal to vertical weights; 1 gives potential-flow corrections.
  double adjustment_vertical_weight = 1;
  // [met] vertical_mixing = "acm2": ACM2's convective (non-local) mixing in
  // the column solve (Pleim 2007; docs/numerics.md, "Convective mixing");
  // false: local K-theory only.
  bool convective_mixing = false;
  UrbanSpec urban;
};

// [chemistry] (docs/scenario-format.md, docs/chemistry.md): the mechanism,
// which species play which role, how a source's NOx is split, and the
// ozone background.
enum class OzoneBackgroundKind { constant, diurnal, file };
struct ChemistrySpec {
  bool enabled = false;
  std::string mechanism;  // "nox" (NO-NO2-O3) or "nox_sia" (with SO4, NO3, NH4)
  // Scenario species index per ChemistryRole (host/core/solver_config.hpp);
  // -1 where the mechanism does not use the role.
  std::array<int, chem_roles> species{-1, -1, -1, -1, -1, -1, -1, -1, -1};
  // The NO2 share of the NOx mass (as NO2) a source states, per SourceKind
  // (point, area, line, volume); a source's own `no2_fraction` overrides it.
  std::array<double, 4> no2_fraction{0.10, 0.10, 0.20, 0.10};
  OzoneBackgroundKind ozone_kind = OzoneBackgroundKind::constant;
  std::array<double, 24> ozone_diurnal{};  // O3 species' units, local hour 0..23
  std::string ozone_file;                  // file: resolved path of the hourly CSV
  InputSite ozone_site;                    // the key the profile or file came from
  // The primary PM2.5 species (`primary_pm25`, default a species named
  // "PM2.5" where there is one), -1: none; the derived output PM2.5_total
  // adds the secondary inorganic aerosol to it (docs/output-format.md).
  int primary_pm25 = -1;
  // `time_step`: the chemistry's own step (s), dividing the output interval;
  // 0: at every Strang pair of transport steps (ChemistryConfig::time_step_s).
  double time_step_s = 0;
};

struct Scenario {
  std::string file;  // path as given
  std::string name;
  Instant start;
  std::string start_text;
  double duration_s = 0, output_interval_s = 0;
  double origin_lon = 0, origin_lat = 0;  // south-west corner
  Grid grid;
  Boundaries boundaries;
  double courant = 0.5;
  bool ffsl = false;       // [domain] advection = "ffsl" (TransportConfig::advection)
  int steps_per_hour = 0;  // ffsl only: dt <= 3600 / N s; 0: the default max_step_s
  // [domain] advection = "upwind" (first-order upwind,
  // linear: exact cuts from tags; docs/tagging.md).
  bool upwind_advection = false;
  std::vector<ScenarioSpecies> species;
  MetSpec met;
  ChemistrySpec chemistry;
  std::vector<TemporalProfile> profiles;
  std::vector<Source> sources;
  std::vector<Receptor> receptors;
  OutputSpec output;
  TaggingSpec tagging;
};

const char* to_string(SourceKind k);

}  // namespace airshed
