// Limits on what a scenario (and the station CSV it names) may hold, checked
// where the input enters: the file reader (size, kind of file), the TOML
// pre-scan (nesting) and TomlTable's string getters (control characters,
// length). docs/scenario-format.md, "Limits", lists them for users.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace airshed {

// A scenario is a few KB (the shipped ones are 2-5 KB); 4 MiB still holds an
// inventory of ~15 000 point sources at ~250 bytes each, and bounds the
// memory toml++ builds from it (a few hundred MB at worst).
constexpr std::size_t kMaxScenarioBytes = std::size_t(4) << 20;

// A year of hourly rows is ~0.5 MB (8 784 rows of ~60 bytes); 64 MiB still
// holds a year of one-minute rows, while a runaway file (a log, a device)
// is refused before it fills memory.
constexpr std::size_t kMaxStationCsvBytes = std::size_t(64) << 20;

// Tables, dotted-key parts, arrays and inline tables nested in one another.
// A scenario uses 4 (output.threshold[0].value); toml++ recurses once per
// level and its own guard (256) covers arrays and inline tables only, so a
// header of 40 000 dotted parts overflowed the stack.
constexpr int kMaxTomlNesting = 64;

// What a string from the scenario becomes, which sets its limits.
enum class TextKind {
  // A name or label: the scenario name, species/source/receptor/profile/group
  // names, standard_name, threshold labels, units and other short keywords.
  // At most 128 bytes: they become HDF5 dataset names, CSV cells and menu
  // entries; the longest CF standard name is ~100 characters.
  name,
  // A file or directory path: at most 4095 bytes, Linux's PATH_MAX (4096)
  // less the terminating NUL the system calls need.
  path,
  // Free text (description, long_name): at most 1024 bytes; a tab is allowed.
  prose,
};

std::size_t max_bytes(TextKind kind);
// "a name of at most 128 bytes without control characters", for messages.
std::string text_rule(TextKind kind);

// Empty when `value` is fine for `kind`; else what is wrong, e.g.
// "holds the control character \x00 at byte 20". Control characters are
// C0 (< 0x20), DEL (0x7f) and C1 (U+0080..U+009F); tab only in prose.
// A NUL would cut the path the system sees, a line break splits file
// listings, CSV cells and error lines.
std::optional<std::string> text_problem(const std::string& value, TextKind kind);

}  // namespace airshed
