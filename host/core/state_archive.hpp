// A flat binary archive for checkpoints: what a solver, a statistics
// accumulator or a writer needs to carry on as if it had never stopped.
//
// Values are written in the machine's own byte order: a checkpoint is
// resumed on the machine (or the same kind of machine) that wrote it, and a
// bitwise restart is only promised for the same backend and thread count
// anyway. Every section starts with a tag, so a reader that gets out of
// step (a different build, a different set of outputs) fails with a message
// instead of reading garbage.
#pragma once

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace airshed {

class StateWriter {
 public:
  template <class T>
  void put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>, "put() takes plain values");
    const auto* p = reinterpret_cast<const char*>(&v);
    bytes_.append(p, sizeof(T));
  }
  template <class T>
  void put(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>, "put() takes vectors of plain values");
    put(std::uint64_t(v.size()));
    if (!v.empty()) bytes_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void put(const std::vector<bool>& v) {
    put(std::uint64_t(v.size()));
    for (bool b : v) bytes_.push_back(b ? 1 : 0);
  }
  void put(const std::string& s) {
    put(std::uint64_t(s.size()));
    bytes_.append(s);
  }
  // A section marker the reader checks with expect().
  void tag(const std::string& name) { put(name); }

  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

class StateReader {
 public:
  // `label` names the archive in messages (e.g. the checkpoint's path).
  StateReader(std::string bytes, std::string label)
      : bytes_(std::move(bytes)), label_(std::move(label)) {}

  template <class T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T>, "get() returns plain values");
    T v;
    std::memcpy(&v, take(sizeof(T)), sizeof(T));
    return v;
  }
  template <class T>
  void get(T& v) {
    v = get<T>();
  }
  template <class T>
  void get(std::vector<T>& v) {
    const std::uint64_t n = get<std::uint64_t>();
    if (n > (bytes_.size() - pos_) / sizeof(T)) fail("a vector runs past the end");
    v.resize(n);
    if (n) std::memcpy(v.data(), take(n * sizeof(T)), n * sizeof(T));
  }
  void get(std::vector<bool>& v) {
    const std::uint64_t n = get<std::uint64_t>();
    if (n > bytes_.size() - pos_) fail("a vector runs past the end");
    v.resize(n);
    const char* p = take(n);
    for (std::uint64_t i = 0; i < n; ++i) v[i] = p[i] != 0;
  }
  void get(std::string& s) {
    const std::uint64_t n = get<std::uint64_t>();
    if (n > bytes_.size() - pos_) fail("a string runs past the end");
    s.assign(take(n), n);
  }
  std::string text() {
    std::string s;
    get(s);
    return s;
  }
  // Reads a section marker written by StateWriter::tag(name).
  void expect(const std::string& name) {
    std::string got;
    get(got);
    if (got != name) fail("expected section '" + name + "', found '" + got + "'");
  }
  bool at_end() const { return pos_ == bytes_.size(); }
  const std::string& label() const { return label_; }

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("checkpoint '" + label_ + "' is unusable: " + what);
  }

 private:
  const char* take(std::size_t n) {
    if (n > bytes_.size() - pos_) fail("it ends early (truncated?)");
    const char* p = bytes_.data() + pos_;
    pos_ += n;
    return p;
  }

  std::string bytes_;
  std::string label_;
  std::size_t pos_ = 0;
};

}  // namespace airshed
