// CSV per RFC 4180 for the batch summary: names (receptors, species, units)
// come from the user's scenario and may hold ',', '"' or line breaks.
#pragma once

#include <string>
#include <vector>

namespace airshed::batch {

// `s` as one CSV field: quoted when it holds ',', '"', CR or LF (or starts or
// ends with a space, which some readers trim), with every '"' doubled.
std::string csv_quote(const std::string& s);

// The records of a CSV text: quoted fields may hold ',', doubled quotes and
// line breaks; a record ends at an unquoted LF (a CR before it is dropped).
// A final line without LF is a record too; empty lines are skipped.
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

}  // namespace airshed::batch
