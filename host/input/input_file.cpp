#include "host/input/input_file.hpp"

#include <filesystem>
#include <system_error>

#include "host/input/input_error.hpp"

namespace airshed {

void throw_input_file_error(const std::string& path, std::size_t max_bytes,
                            const std::string& subject, const std::string& what) {
  throw_scenario_error(
      path, 1, subject, what,
      "a readable regular file of at most " + std::to_string(max_bytes) + " bytes");
}

std::ifstream open_input_file(const std::string& path, std::size_t max_bytes,
                              const std::string& subject) {
  namespace fs = std::filesystem;
  auto fail = [&](const std::string& what) {
    throw_input_file_error(path, max_bytes, subject, what);
  };
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);  // follows symbolic links
  if (st.type() == fs::file_type::not_found) fail("does not exist (cannot be opened)");
  if (ec) fail("cannot be opened (" + ec.message() + ")");
  if (st.type() == fs::file_type::directory) fail("is a directory");
  // Checked before opening: opening a FIFO blocks until a writer comes.
  if (st.type() != fs::file_type::regular) fail("is not a regular file (a device, FIFO or socket)");
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > max_bytes) fail("is " + std::to_string(size) + " bytes");

  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot be opened");
  return in;
}

std::string read_input_file(const std::string& path, std::size_t max_bytes,
                            const std::string& subject) {
  std::ifstream in = open_input_file(path, max_bytes, subject);
  // Read in blocks and stop past the cap: the file may have grown since.
  std::string text;
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  text.reserve(ec ? 0 : std::size_t(size));
  char block[1 << 16];
  while (in.read(block, sizeof block) || in.gcount() > 0) {
    text.append(block, std::size_t(in.gcount()));
    if (text.size() > max_bytes)
      throw_input_file_error(path, max_bytes, subject,
                             "is more than " + std::to_string(max_bytes) + " bytes");
  }
  if (in.bad()) throw_input_file_error(path, max_bytes, subject, "cannot be read");
  return text;
}

}  // namespace airshed
