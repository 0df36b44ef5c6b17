#include "host/attribution/run_record.hpp"

#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>

#include "host/attribution/contributions.hpp"
#include "host/input/input_error.hpp"
#include "host/input/input_file.hpp"

namespace airshed::attribution {
namespace {

// The JSON values run.json holds (RFC 8259), enough to walk to one array.
struct Json {
  enum Kind { null, boolean, number, string, array, object } kind = null;
  double num = 0;
  std::string str;
  std::vector<Json> items;
  std::map<std::string, Json> members;
};

class Parser {
 public:
  Parser(const std::string& text, const std::string& file) : s_(text), file_(file) {}

  Json document() {
    Json v = value(0);
    skip();
    if (i_ != s_.size()) fail("text after the JSON value");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    long line = 1;
    for (std::size_t k = 0; k < i_ && k < s_.size(); ++k) line += s_[k] == '\n';
    throw ContributionsError(
        printable_line(file_ + ":" + std::to_string(line) + ": not valid JSON: " + what));
  }
  void skip() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool eat(char c) {
    skip();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!eat(c)) fail(std::string("expected '") + c + "'");
  }
  bool word(const char* w) {
    const std::string t(w);
    if (s_.compare(i_, t.size(), t) != 0) return false;
    i_ += t.size();
    return true;
  }
  std::string text() {
    expect('"');
    std::string out;
    while (true) {
      if (i_ >= s_.size()) fail("unterminated string");
      const char c = s_[i_++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) fail("unterminated escape");
      const char e = s_[i_++];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u': {
          if (i_ + 4 > s_.size()) fail("short \\u escape");
          unsigned long cp = std::strtoul(s_.substr(i_, 4).c_str(), nullptr, 16);
          i_ += 4;
          if (cp >= 0xD800 && cp < 0xDC00 && s_.compare(i_, 2, "\\u") == 0) {  // surrogate pair
            const unsigned long lo = std::strtoul(s_.substr(i_ + 2, 4).c_str(), nullptr, 16);
            i_ += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          // UTF-8 of the code point.
          if (cp < 0x80) {
            out += char(cp);
          } else if (cp < 0x800) {
            out += char(0xC0 | (cp >> 6));
            out += char(0x80 | (cp & 0x3F));
          } else if (cp < 0x10000) {
            out += char(0xE0 | (cp >> 12));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
          } else {
            out += char(0xF0 | (cp >> 18));
            out += char(0x80 | ((cp >> 12) & 0x3F));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
          }
          break;
        }
        default:
          out += e;  // \" \\ \/
      }
    }
  }
  Json value(int depth) {
    if (depth > 64) fail("nested too deeply");
    skip();
    Json v;
    if (i_ >= s_.size()) fail("unexpected end");
    const char c = s_[i_];
    if (c == '{') {
      ++i_;
      v.kind = Json::object;
      if (eat('}')) return v;
      do {
        skip();
        const std::string key = text();
        expect(':');
        v.members[key] = value(depth + 1);
      } while (eat(','));
      expect('}');
    } else if (c == '[') {
      ++i_;
      v.kind = Json::array;
      if (eat(']')) return v;
      do v.items.push_back(value(depth + 1));
      while (eat(','));
      expect(']');
    } else if (c == '"') {
      v.kind = Json::string;
      v.str = text();
    } else if (word("null")) {
    } else if (word("true") || word("false")) {
      v.kind = Json::boolean;
    } else {
      char* end = nullptr;
      v.num = std::strtod(s_.c_str() + i_, &end);
      if (end == s_.c_str() + i_) fail("unexpected character");
      v.kind = Json::number;
      i_ = std::size_t(end - s_.c_str());
    }
    return v;
  }

  const std::string& s_;
  std::string file_;
  std::size_t i_ = 0;
};

}  // namespace

RunRecord read_run_record(const std::string& path) {
  std::string text;
  try {
    text = read_input_file(path, std::size_t(64) << 20, "run.json");
  } catch (const std::exception& e) {
    throw ContributionsError(e.what());
  }
  const Json doc = Parser(text, path).document();
  auto bad = [&](const std::string& what) {
    throw ContributionsError(printable_line(path + ": " + what));
  };
  auto member = [&](const Json& obj, const char* key, Json::Kind kind,
                    const char* where) -> const Json& {
    const auto it = obj.members.find(key);
    if (obj.kind != Json::object || it == obj.members.end() || it->second.kind != kind)
      bad(std::string(where) + " has no " + key);
    return it->second;
  };
  if (doc.kind != Json::object) bad("not a JSON object");
  RunRecord r;
  r.status = member(doc, "status", Json::string, "the record").str;
  const Json& grid = member(doc, "grid", Json::object, "the record");
  r.dx = member(grid, "dx", Json::number, "\"grid\"").num;
  r.dy = member(grid, "dy", Json::number, "\"grid\"").num;
  const Json& areas = member(doc, "threshold_areas", Json::array, "the record");
  for (const Json& a : areas.items) {
    const char* where = "a \"threshold_areas\" entry";
    r.thresholds.push_back({member(a, "species", Json::string, where).str,
                            member(a, "label", Json::string, where).str,
                            member(a, "averaging", Json::string, where).str,
                            member(a, "threshold", Json::number, where).num});
  }
  return r;
}

}  // namespace airshed::attribution
