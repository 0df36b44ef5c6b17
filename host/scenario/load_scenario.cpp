#include "host/scenario/load_scenario.hpp"

#include "host/input/input_file.hpp"
#include "host/input/input_limits.hpp"
#include "host/scenario/parse_parts.hpp"

namespace airshed {

Scenario parse_scenario(const std::string& text, const std::string& label,
                        const std::string& base_dir) {
  const toml::table doc = parse_toml(text, label);
  const TomlTable root(doc, "", label);
  root.allow({"scenario", "domain", "species", "met", "profile", "source", "receptor", "output",
              "chemistry", "tagging", "tag"});

  Scenario s;
  s.file = label;
  // Order matters: each part may use what the ones before it filled.
  detail::parse_header(root, s);
  detail::parse_domain(root, s);
  detail::parse_species(root, s);
  detail::parse_met(root, base_dir, s);
  detail::parse_chemistry(root, base_dir, s);
  detail::parse_profiles(root, s);
  detail::parse_sources(root, s);
  detail::parse_receptors(root, s);
  detail::parse_output(root, base_dir, s);
  detail::parse_tags(root, s);
  return s;
}

Scenario load_scenario(const std::string& path) {
  const std::string text = read_input_file(path, kMaxScenarioBytes, "scenario file");
  const auto slash = path.find_last_of('/');
  return parse_scenario(text, path, slash == std::string::npos ? "." : path.substr(0, slash));
}

}  // namespace airshed
