#include "host/scenario/toml_prescan.hpp"

#include <string>
#include <vector>

#include "host/input/input_error.hpp"
#include "host/input/input_limits.hpp"

namespace airshed {

namespace {

class Scanner {
 public:
  Scanner(std::string_view t, const std::string& label) : t_(t), label_(label) {}

  void run() {
    while (i_ < t_.size()) {
      skip_blank();
      if (i_ >= t_.size()) break;
      const char c = t_[i_];
      if (c == '\n' || c == '\r') {
        newline();
      } else if (c == '#') {
        skip_comment();
      } else if (c == '[') {  // [table] or [[array of tables]]
        ++i_;
        if (i_ < t_.size() && t_[i_] == '[') ++i_;
        header_parts_ = read_key();
        key_parts_ = 0;
        check();
        skip_line();
      } else {  // key = value
        key_parts_ = read_key();
        check();
        if (i_ < t_.size() && t_[i_] == '=') {
          ++i_;
          read_value();
        } else {
          skip_line();  // not TOML: toml++ reports it
        }
      }
    }
  }

 private:
  struct Frame {
    bool inline_table;  // else an array
    int key_parts;      // of the key whose value an inline table is reading
  };

  void newline() {
    if (t_[i_] == '\n') ++line_;
    ++i_;
  }
  void skip_blank() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t')) ++i_;
  }
  void skip_comment() {
    while (i_ < t_.size() && t_[i_] != '\n') ++i_;
  }
  void skip_line() {
    while (i_ < t_.size() && t_[i_] != '\n') {
      if (t_[i_] == '"' || t_[i_] == '\'')
        skip_string();
      else
        ++i_;
    }
  }

  // At a quote: past the (possibly multi-line) string; an unterminated
  // single-line string ends at the line break (toml++ reports it).
  void skip_string() {
    const char q = t_[i_];
    const bool basic = q == '"';
    if (t_.compare(i_, 3, std::string(3, q)) == 0) {
      i_ += 3;
      while (i_ < t_.size()) {
        if (basic && t_[i_] == '\\') {
          i_ += 2;
        } else if (t_.compare(i_, 3, std::string(3, q)) == 0) {
          i_ += 3;
          for (int extra = 0; extra < 2 && i_ < t_.size() && t_[i_] == q; ++extra) ++i_;
          return;
        } else {
          if (t_[i_] == '\n') ++line_;
          ++i_;
        }
      }
      return;
    }
    ++i_;
    while (i_ < t_.size() && t_[i_] != '\n') {
      if (basic && t_[i_] == '\\' && i_ + 1 < t_.size() && t_[i_ + 1] != '\n') {
        i_ += 2;
      } else if (t_[i_++] == q) {
        return;
      }
    }
  }

  // A (dotted) key: returns its number of parts; stops at '=', ']' or
  // anything that cannot be in a key. Bytes >= 0x80 count as key
  // characters, so that no reading of bare keys escapes the count.
  int read_key() {
    int parts = 1;
    while (i_ < t_.size()) {
      skip_blank();
      if (i_ >= t_.size()) break;
      const unsigned char c = static_cast<unsigned char>(t_[i_]);
      if (c == '"' || c == '\'') {
        skip_string();
      } else if (c == '.') {
        ++parts;
        ++i_;
      } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '_' || c == '-' || c >= 0x80) {
        ++i_;
      } else {
        break;
      }
    }
    return parts;
  }

  // After '=': up to the line break that ends the value outside brackets.
  void read_value() {
    while (i_ < t_.size()) {
      const char c = t_[i_];
      if (c == '"' || c == '\'') {
        skip_string();
      } else if (c == '#') {
        skip_comment();
      } else if (c == '\n') {
        newline();
        if (frames_.empty()) return;
      } else if (c == '[' || c == '{') {
        frames_.push_back({c == '{', 0});
        check();
        ++i_;
        if (c == '{') inline_key();
      } else if (c == ']' || c == '}') {
        if (!frames_.empty()) frames_.pop_back();
        ++i_;
      } else if (c == ',') {
        ++i_;
        if (!frames_.empty() && frames_.back().inline_table) inline_key();
      } else {
        ++i_;
      }
    }
  }

  // After '{' or ',' in an inline table: the key and its '='.
  void inline_key() {
    while (i_ < t_.size() &&
           (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\r' || t_[i_] == '\n')) {
      if (t_[i_] == '\n') ++line_;
      ++i_;
    }
    if (i_ >= t_.size() || t_[i_] == '}') return;
    frames_.back().key_parts = read_key();
    check();
    if (i_ < t_.size() && t_[i_] == '=') ++i_;
  }

  int depth() const {
    int d = header_parts_ + key_parts_;
    for (const Frame& f : frames_) d += 1 + f.key_parts;
    return d;
  }

  void check() const {
    if (depth() <= kMaxTomlNesting) return;
    throw_scenario_error(
        label_, line_, "syntax",
        "tables, dotted keys, arrays and inline tables nest more than " +
            std::to_string(kMaxTomlNesting) + " levels deep",
        "at most " + std::to_string(kMaxTomlNesting) + " levels (a scenario needs 4)");
  }

  std::string_view t_;
  const std::string& label_;
  std::size_t i_ = 0;
  long line_ = 1;
  int header_parts_ = 0;
  int key_parts_ = 0;
  std::vector<Frame> frames_;
};

}  // namespace

void check_toml_nesting(std::string_view text, const std::string& label) {
  Scanner(text, label).run();
}

}  // namespace airshed
