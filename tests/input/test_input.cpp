// The one-line input error and the checked file reads, on their own: the
// format every layer reports bad input in (scenario keys, station rows).
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "host/input/input_error.hpp"
#include "host/input/input_file.hpp"

using namespace airshed;

namespace {

template <class F>
std::string error_of(F f) {
  try {
    f();
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("an InputSite reports at the line it was read from, as the parser does") {
  // What the met provider throws for a gap, at the site the parser kept.
  const InputSite at{"t.toml", 31, "met.file"};
  CHECK(error_of([&] { throw_input_error(at, "no met data", "hourly rows"); }) ==
        "t.toml:31: key 'met.file': no met data; allowed: hourly rows");
  // Line 0 (a site never filled in) still names a line, and the message
  // stays one line whatever the value held.
  CHECK(error_of([] {
          throw_input_error({"a\nb.toml", 0, "k"}, "bad\tvalue", "");
        }) == "a\\nb.toml:1: key 'k': bad\\tvalue");
}

TEST_CASE("open_input_file refuses what read_input_file refuses, then opens") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("airshed-input-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string limit = "; allowed: a readable regular file of at most 10 bytes";
  CHECK(error_of([&] { open_input_file(dir.string(), 10, "station file"); }) ==
        dir.string() + ":1: station file: is a directory" + limit);
  CHECK(error_of([&] { open_input_file((dir / "none").string(), 10, "x"); }) ==
        (dir / "none").string() + ":1: x: does not exist (cannot be opened)" + limit);
  std::ofstream(dir / "big") << "12345678901";
  CHECK(error_of([&] { open_input_file((dir / "big").string(), 10, "x"); }) ==
        (dir / "big").string() + ":1: x: is 11 bytes" + limit);
  std::ofstream(dir / "ok") << "line 1\nline 2\n";
  std::ifstream in = open_input_file((dir / "ok").string(), 100, "x");
  std::string first;
  std::getline(in, first);
  CHECK(first == "line 1");
  CHECK(read_input_file((dir / "ok").string(), 100, "x") == "line 1\nline 2\n");
  fs::remove_all(dir);
}
