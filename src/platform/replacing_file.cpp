#include "src/platform/replacing_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>
#include <vector>

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

namespace crm::internal {
namespace {

Error io_error(const std::string& path, const char* what) {
  return Error{ErrorCode::io, std::string(what) + " '" + path + "': " + std::strerror(errno), {}};
}

}  // namespace

expected<ReplacingFile> ReplacingFile::open(const std::string& path) {
  std::string pattern = path + ".XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) return unexpected(io_error(path, "cannot write"));
  // mkstemp makes the file private (0600): give it the mode of the file it replaces, or
  // the usual 0644 for a new one.
  struct stat existing {};
  ::fchmod(fd, ::stat(path.c_str(), &existing) == 0 ? existing.st_mode & 07777 : 0644);
  ::close(fd);
  std::string temporary(name.data());
  auto out = std::make_unique<std::ofstream>(temporary, std::ios::binary | std::ios::trunc);
  if (!*out) {
    const Error e = io_error(path, "cannot write");
    std::remove(temporary.c_str());
    return unexpected(e);
  }
  return ReplacingFile(path, std::move(temporary), std::move(out));
}

ReplacingFile::ReplacingFile(std::string path, std::string temporary, std::unique_ptr<std::ofstream> out)
    : path_(std::move(path)), temporary_(std::move(temporary)), out_(std::move(out)) {}

ReplacingFile::ReplacingFile(ReplacingFile&& other) noexcept
    : path_(std::move(other.path_)),
      temporary_(std::exchange(other.temporary_, {})),
      out_(std::move(other.out_)) {}

ReplacingFile& ReplacingFile::operator=(ReplacingFile&& other) noexcept {
  if (this != &other) {
    discard();
    path_ = std::move(other.path_);
    temporary_ = std::exchange(other.temporary_, {});
    out_ = std::move(other.out_);
  }
  return *this;
}

ReplacingFile::~ReplacingFile() { discard(); }

void ReplacingFile::discard() noexcept {
  if (temporary_.empty()) return;
  out_.reset();
  std::remove(temporary_.c_str());
  temporary_.clear();
}

expected<void> ReplacingFile::commit() {
  out_->flush();
  out_->close();
  if (!*out_) {
    const Error e = io_error(path_, "cannot write");
    discard();
    return unexpected(e);
  }
  if (std::rename(temporary_.c_str(), path_.c_str()) != 0) {
    const Error e = io_error(path_, "cannot replace");
    discard();
    return unexpected(e);
  }
  temporary_.clear();
  return {};
}

}  // namespace crm::internal
