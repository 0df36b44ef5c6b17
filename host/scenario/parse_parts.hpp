// The pieces load_scenario() is made of, one per top-level table, in the
// order they must run (later parts look up species, profiles and the grid
// filled by earlier ones). Internal to host/scenario.
#pragma once

#include <string>

#include "host/scenario/projection.hpp"
#include "host/scenario/scenario.hpp"
#include "host/scenario/toml_reader.hpp"

namespace airshed::detail {

void parse_header(const TomlTable& root, Scenario& s);                            // [scenario]
void parse_domain(const TomlTable& root, Scenario& s);                            // [domain]
void parse_species(const TomlTable& root, Scenario& s);                           // [[species]]
void parse_met(const TomlTable& root, const std::string& base_dir, Scenario& s);  // [met]
// [met] kind = "wrf" (its own file, parse_met_wrf.cpp): `t` is the [met] table.
void parse_met_wrf(const TomlTable& t, const std::string& base_dir, Scenario& s);
// [chemistry] (parse_chemistry.cpp): after [met], before the sources,
// which split their NOx by its fractions.
void parse_chemistry(const TomlTable& root, const std::string& base_dir, Scenario& s);
void parse_profiles(const TomlTable& root, Scenario& s);                             // [[profile]]
void parse_sources(const TomlTable& root, Scenario& s);                              // [[source]]
void parse_receptors(const TomlTable& root, Scenario& s);                            // [[receptor]]
void parse_output(const TomlTable& root, const std::string& base_dir, Scenario& s);  // [output]
void parse_tags(const TomlTable& root, Scenario& s);  // [tagging], [[tag]]

// A position written as { x = .., y = .. } (local metres) or
// { lon = .., lat = .. } (degrees, through the scenario's projection).
Vec2 read_position(const TomlTable& t, const std::string& key, const LocalProjection& proj);
// `key` = [[x, y], ...] in metres or `key`_lonlat = [[lon, lat], ...]; exactly one.
std::vector<Vec2> read_vertices(const TomlTable& t, const std::string& key, std::size_t min_count,
                                const LocalProjection& proj);
// Rejects a point outside the horizontal extent of the domain.
void require_inside(const TomlTable& t, const std::string& key, const Vec2& p, const Scenario& s);

LocalProjection projection_of(const Scenario& s);
// A path from the scenario: as written when absolute, else relative to the
// scenario file's directory.
std::string resolved(const std::string& path, const std::string& base_dir);
int species_index(const Scenario& s, const std::string& name);  // -1 when unknown
std::string species_list(const Scenario& s);

}  // namespace airshed::detail
