// Private: a temporary file that one thread appends to and any thread reads back by
// offset: where a job too big for memory parks bytes between two passes (grade_csv's
// graded rows). The one place the library calls the operating system for it (POSIX:
// tmpfile, pread); the file is removed when closed, and by the system if the process dies.
//
//   auto spill = SpillFile::create();
//   if (!spill) return unexpected(spill.error());         // io: cannot create it
//   std::uint64_t at = spill->size();
//   if (!spill->append("row 1\n")) ...                    // buffered
//   if (!spill->flush()) ...                              // before reading back
//   std::string back;
//   if (!spill->read_at(back, 6, at)) ...                 // "row 1\n", from any thread
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/expected.hpp"

namespace crm::internal {

class SpillFile {
 public:
  /// A new empty temporary file (io error, with the system's reason, when none can be made).
  [[nodiscard]] static expected<SpillFile> create();

  /// Appends bytes (buffered: flush() before reading them back). One thread at a time.
  [[nodiscard]] bool append(std::string_view bytes);
  /// Writes out what append() buffered.
  [[nodiscard]] bool flush();
  /// The bytes appended so far.
  [[nodiscard]] std::uint64_t size() const noexcept { return size_; }
  /// Reads `count` bytes at `offset` into out (its old content replaced). Any number of
  /// threads at once, once flushed: the reads share no file position.
  [[nodiscard]] bool read_at(std::string& out, std::size_t count, std::uint64_t offset) const;

 private:
  struct Closer {
    void operator()(std::FILE* f) const noexcept;
  };
  // The stream's buffer, declared first so that it outlives the stream, whose closing
  // writes out what is still buffered. On the heap: a moved SpillFile keeps it in place.
  std::vector<char> buffer_;
  std::unique_ptr<std::FILE, Closer> file_;
  std::uint64_t size_ = 0;
};

}  // namespace crm::internal
