// The one place scenario files are read. Every key is validated here,
// before any computation: on the first problem a ScenarioError carries the
// line "FILE:LINE: key 'a.b': what is wrong; allowed: ...". Files the
// scenario names (the station CSV) are not read here: the providers built
// from the specs read them (host/run/run_setup.hpp, open_run_inputs).
#pragma once

#include <string>

#include "host/input/input_error.hpp"
#include "host/scenario/scenario.hpp"

namespace airshed {

// Reads `path`; relative paths inside it resolve against its directory.
Scenario load_scenario(const std::string& path);

// Parses scenario text; `label` stands for the file name in messages and
// `base_dir` resolves relative paths inside it (tests, embedded defaults).
Scenario parse_scenario(const std::string& text, const std::string& label,
                        const std::string& base_dir);

}  // namespace airshed
