#include "host/scenario/toml_reader.hpp"

#include <cmath>
#include <sstream>
#include <string_view>

#include "host/input/input_error.hpp"
#include "host/scenario/toml_prescan.hpp"

namespace airshed {

namespace {
std::string number_text(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}
}  // namespace

toml::table parse_toml(const std::string& text, const std::string& label) {
  if (text.size() > kMaxScenarioBytes)
    throw_scenario_error(label, 1, "scenario file", "is " + std::to_string(text.size()) + " bytes",
                         "at most " + std::to_string(kMaxScenarioBytes) + " bytes (4 MiB)");
  std::string_view doc = text;
  // Editors on Windows may start UTF-8 files with a byte-order mark.
  if (doc.substr(0, 3) == "\xEF\xBB\xBF") doc.remove_prefix(3);
  check_toml_nesting(doc, label);
  try {
    return toml::parse(doc, label);
  } catch (const toml::parse_error& e) {
    throw ScenarioError(scenario_message(label, long(e.source().begin.line), "syntax",
                                         std::string(e.description()), "TOML 1.0"));
  }
}

bool Range::contains(double v) const {
  if (!std::isfinite(v)) return false;
  const bool above = lo_open ? v > lo : v >= lo;
  const bool below = hi_open ? v < hi : v <= hi;
  return above && below;
}

std::string Range::text() const {
  if (hi >= 1e300) return std::string(lo_open ? "> " : ">= ") + number_text(lo);
  return number_text(lo) + (lo_open ? " < value " : " <= value ") + (hi_open ? "< " : "<= ") +
         number_text(hi);
}

Range positive(double hi) { return Range{0, hi, true, false}; }
Range non_negative(double hi) { return Range{0, hi, false, false}; }
Range closed(double lo, double hi) { return Range{lo, hi, false, false}; }

long line_of(const toml::node& n) { return long(n.source().begin.line); }

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    default:
      return "a date/time";
  }
}

TomlTable::TomlTable(const toml::table& table, std::string path, const std::string& file)
    : table_(table), path_(std::move(path)), file_(file) {}

long TomlTable::line() const { return long(table_.source().begin.line); }

long TomlTable::line_of(const std::string& key) const {
  const toml::node* n = node(key);
  return n ? airshed::line_of(*n) : line();
}

std::string TomlTable::key_path(const std::string& key) const {
  return path_.empty() ? key : path_ + "." + key;
}

InputSite TomlTable::site(const std::string& key) const {
  return {file_, line_of(key), key_path(key)};
}

bool TomlTable::has(const std::string& key) const { return table_.contains(key); }
const toml::node* TomlTable::node(const std::string& key) const { return table_.get(key); }

void TomlTable::fail(const std::string& key, const std::string& what,
                     const std::string& allowed) const {
  fail_at(line_of(key), key_path(key), what, allowed);
}

void TomlTable::fail_at(long line, const std::string& kp, const std::string& what,
                        const std::string& allowed) const {
  throw_scenario_error(file_, line, "key '" + kp + "'", what, allowed);
}

void TomlTable::allow(std::initializer_list<const char*> allowed) const {
  for (auto&& [k, v] : table_) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || k.str() == a;
    if (ok) continue;
    std::string list;
    for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    fail_at(airshed::line_of(v), key_path(std::string(k.str())), "unknown key", list);
  }
}

const toml::node& TomlTable::required(const std::string& key, const std::string& expected) const {
  const toml::node* n = node(key);
  if (!n) fail_at(line(), key_path(key), "missing required key", expected);
  return *n;
}

double TomlTable::as_number(const toml::node& n, const std::string& kp, const Range& r) const {
  if (!n.is_number())
    fail_at(airshed::line_of(n), kp, "expected a number, got " + type_name(n), r.text());
  const double v = n.is_integer() ? double(*n.value<long long>()) : *n.value<double>();
  if (!r.contains(v))
    fail_at(airshed::line_of(n), kp, "value " + number_text(v) + " out of range", r.text());
  return v;
}

double TomlTable::number(const std::string& key, const Range& r) const {
  return as_number(required(key, "a number " + r.text()), key_path(key), r);
}

double TomlTable::number_or(const std::string& key, double fallback, const Range& r) const {
  const toml::node* n = node(key);
  return n ? as_number(*n, key_path(key), r) : fallback;
}

long long TomlTable::integer(const std::string& key, long long lo, long long hi) const {
  const std::string allowed =
      "an integer " + std::to_string(lo) + " <= value <= " + std::to_string(hi);
  const toml::node& n = required(key, allowed);
  if (!n.is_integer()) fail(key, "expected an integer, got " + type_name(n), allowed);
  const long long v = *n.value<long long>();
  if (v < lo || v > hi) fail(key, "value " + std::to_string(v) + " out of range", allowed);
  return v;
}

std::string TomlTable::as_text(const toml::node& n, const std::string& kp, TextKind kind) const {
  std::string v = *n.value<std::string>();
  if (const auto problem = text_problem(v, kind))
    fail_at(airshed::line_of(n), kp, *problem, text_rule(kind));
  return v;
}

std::string TomlTable::text(const std::string& key, TextKind kind) const {
  const toml::node& n = required(key, "a string");
  if (!n.is_string()) fail(key, "expected a string, got " + type_name(n), "a string");
  return as_text(n, key_path(key), kind);
}

std::string TomlTable::text_or(const std::string& key, const std::string& fallback,
                               TextKind kind) const {
  return has(key) ? text(key, kind) : fallback;
}

std::string TomlTable::choice(const std::string& key,
                              const std::vector<std::string>& choices) const {
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  const toml::node& n = required(key, list);
  if (!n.is_string()) fail(key, "expected a string, got " + type_name(n), list);
  const std::string v = as_text(n, key_path(key), TextKind::name);
  for (const auto& c : choices)
    if (v == c) return v;
  fail(key, "unknown value '" + v + "'", list);
}

std::string TomlTable::choice_or(const std::string& key, const std::string& fallback,
                                 const std::vector<std::string>& choices) const {
  return has(key) ? choice(key, choices) : fallback;
}

bool TomlTable::flag_or(const std::string& key, bool fallback) const {
  const toml::node* n = node(key);
  if (!n) return fallback;
  if (!n->is_boolean()) fail(key, "expected true or false, got " + type_name(*n), "true, false");
  return *n->value<bool>();
}

const toml::array* TomlTable::array(const std::string& key, bool must) const {
  const toml::node* n = must ? &required(key, "an array") : node(key);
  if (!n) return nullptr;
  if (!n->is_array()) fail(key, "expected an array, got " + type_name(*n), "an array");
  return n->as_array();
}

std::vector<double> TomlTable::numbers(const std::string& key, int count, const Range& r) const {
  const std::string shape =
      count < 0 ? "an array of numbers" : "an array of " + std::to_string(count) + " numbers";
  const toml::node& n = required(key, shape);
  if (!n.is_array()) fail(key, "expected " + shape + ", got " + type_name(n), shape);
  const toml::array& a = *n.as_array();
  if ((count >= 0 && int(a.size()) != count) || a.empty())
    fail(key, "has " + std::to_string(a.size()) + " values", shape + ", each " + r.text());
  std::vector<double> out;
  for (std::size_t i = 0; i < a.size(); ++i)
    out.push_back(as_number(a[i], key_path(key) + "[" + std::to_string(i) + "]", r));
  return out;
}

std::vector<std::string> TomlTable::texts_or(const std::string& key, TextKind kind) const {
  std::vector<std::string> out;
  const toml::array* a = array(key, false);
  if (!a) return out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    if (!(*a)[i].is_string())
      fail_at(airshed::line_of((*a)[i]), key_path(key) + "[" + std::to_string(i) + "]",
              "expected a string, got " + type_name((*a)[i]), "strings");
    out.push_back(as_text((*a)[i], key_path(key) + "[" + std::to_string(i) + "]", kind));
  }
  return out;
}

TomlTable TomlTable::table(const std::string& key) const {
  const toml::node& n = required(key, "a table");
  if (!n.is_table()) fail(key, "expected a table, got " + type_name(n), "a table");
  return TomlTable(*n.as_table(), key_path(key), file_);
}

std::optional<TomlTable> TomlTable::table_opt(const std::string& key) const {
  if (!has(key)) return std::nullopt;
  return table(key);
}

std::vector<TomlTable> TomlTable::tables(const std::string& key, bool must) const {
  std::vector<TomlTable> out;
  const toml::array* a = array(key, must);
  if (!a) return out;
  if (must && a->empty()) fail(key, "needs at least one entry", "one or more [[" + key + "]]");
  for (std::size_t i = 0; i < a->size(); ++i) {
    const std::string kp = key_path(key) + "[" + std::to_string(i) + "]";
    if (!(*a)[i].is_table())
      fail_at(airshed::line_of((*a)[i]), kp, "expected a table, got " + type_name((*a)[i]),
              "[[" + key + "]] tables");
    out.emplace_back(*(*a)[i].as_table(), kp, file_);
  }
  return out;
}

}  // namespace airshed
