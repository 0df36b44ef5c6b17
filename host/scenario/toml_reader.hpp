// A checked view of one TOML table: typed getters that reject wrong types,
// missing required keys and out-of-range values with the one-line
// ScenarioError "FILE:LINE: key 'a.b': ...; allowed: ...". Every parse_*
// function reads its table only through this class, so all scenario errors
// share one format.
#pragma once

#include <toml++/toml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "host/input/input_error.hpp"
#include "host/input/input_limits.hpp"

namespace airshed {

// A closed/open interval for numeric keys, printed in messages.
struct Range {
  double lo, hi;
  bool lo_open = false, hi_open = false;
  bool contains(double v) const;
  std::string text() const;
};
Range positive(double hi = 1e300);      // (0, hi]
Range non_negative(double hi = 1e300);  // [0, hi]
Range closed(double lo, double hi);     // [lo, hi]

// Parses TOML text; a syntax error becomes the one-line ScenarioError
// "LABEL:LINE: syntax: ...". Text over kMaxScenarioBytes or nested deeper
// than kMaxTomlNesting is refused before toml++ sees it; a leading UTF-8
// byte-order mark is skipped.
toml::table parse_toml(const std::string& text, const std::string& label);

class TomlTable {
 public:
  TomlTable(const toml::table& table, std::string path, const std::string& file);

  const std::string& path() const { return path_; }
  const std::string& file() const { return file_; }
  long line() const;                           // where the table starts
  long line_of(const std::string& key) const;  // the key's value, else the table
  std::string key_path(const std::string& key) const;
  // Where `key` is (its line, else the table's): for a check made later.
  InputSite site(const std::string& key) const;
  bool has(const std::string& key) const;
  const toml::node* node(const std::string& key) const;

  // Rejects any key not in `allowed`, listing the allowed ones.
  void allow(std::initializer_list<const char*> allowed) const;

  double number(const std::string& key, const Range& r) const;
  double number_or(const std::string& key, double fallback, const Range& r) const;
  long long integer(const std::string& key, long long lo, long long hi) const;
  // Every string read from the scenario passes text_problem() for `kind`
  // (control characters, length) here: the default is the strictest.
  std::string text(const std::string& key, TextKind kind = TextKind::name) const;
  std::string text_or(const std::string& key, const std::string& fallback,
                      TextKind kind = TextKind::name) const;
  // A string that must be one of `choices`.
  std::string choice(const std::string& key, const std::vector<std::string>& choices) const;
  std::string choice_or(const std::string& key, const std::string& fallback,
                        const std::vector<std::string>& choices) const;
  bool flag_or(const std::string& key, bool fallback) const;
  // `count` < 0: any length >= 1.
  std::vector<double> numbers(const std::string& key, int count, const Range& r) const;
  std::vector<std::string> texts_or(const std::string& key, TextKind kind = TextKind::name) const;

  TomlTable table(const std::string& key) const;  // required sub-table (inline or not)
  std::optional<TomlTable> table_opt(const std::string& key) const;
  // Required array of tables ([[key]]); empty vector when absent and !required.
  std::vector<TomlTable> tables(const std::string& key, bool required) const;
  const toml::array* array(const std::string& key, bool required) const;

  [[noreturn]] void fail(const std::string& key, const std::string& what,
                         const std::string& allowed) const;
  [[noreturn]] void fail_at(long line, const std::string& key_path, const std::string& what,
                            const std::string& allowed) const;

 private:
  const toml::node& required(const std::string& key, const std::string& expected) const;
  double as_number(const toml::node& n, const std::string& kp, const Range& r) const;
  // The one place a string value leaves the TOML tree (see text()).
  std::string as_text(const toml::node& n, const std::string& kp, TextKind kind) const;

  const toml::table& table_;
  std::string path_;
  std::string file_;
};

long line_of(const toml::node& n);
std::string type_name(const toml::node& n);

}  // namespace airshed
