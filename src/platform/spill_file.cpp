// The temporary spill file (src/platform/spill_file.hpp), on POSIX: std::tmpfile for a
// file that vanishes when closed, a large stdio buffer for the appends, and pread for
// reads by offset that share no file position, so threads can read at once.
#include "src/platform/spill_file.hpp"

#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace crm::internal {

void SpillFile::Closer::operator()(std::FILE* f) const noexcept {
  if (f) std::fclose(f);
}

expected<SpillFile> SpillFile::create() {
  SpillFile spill;
  spill.file_.reset(std::tmpfile());
  if (!spill.file_) return fail(ErrorCode::io, std::string("cannot create a temporary file: ") + std::strerror(errno));
  spill.buffer_.resize(std::size_t{1} << 20);
  std::setvbuf(spill.file_.get(), spill.buffer_.data(), _IOFBF, spill.buffer_.size());
  return spill;
}

bool SpillFile::append(std::string_view bytes) {
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), file_.get()) == bytes.size();
  if (ok) size_ += bytes.size();
  return ok;
}

bool SpillFile::flush() { return std::fflush(file_.get()) == 0; }

bool SpillFile::read_at(std::string& out, std::size_t count, std::uint64_t offset) const {
  out.resize(count);
  const int fd = ::fileno(file_.get());
  for (std::size_t done = 0; done < count;) {
    const ssize_t got = ::pread(fd, out.data() + done, count - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    done += static_cast<std::size_t>(got);
  }
  return true;
}

}  // namespace crm::internal
