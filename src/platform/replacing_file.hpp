// Private: a file written under a temporary name next to its destination and renamed
// over it only when complete, so that a failed job leaves the file that was there before
// untouched (grade_csv_file's output). POSIX: mkstemp and rename in the same directory;
// the file keeps the mode of the one it replaces (a new one: 0644).
//
//   auto file = ReplacingFile::open("graded.csv");
//   if (!file) return unexpected(file.error());        // io: cannot create it
//   file->stream() << "line,id\n";
//   if (auto done = file->commit(); !done) ...         // io: cannot write or rename
//   (destroyed without commit(): the temporary file is removed, graded.csv unchanged)
#pragma once

#include <fstream>
#include <memory>
#include <string>

#include "crmrules/expected.hpp"

namespace crm::internal {

class ReplacingFile {
 public:
  /// A new temporary file beside `path` (io error naming path when none can be made).
  [[nodiscard]] static expected<ReplacingFile> open(const std::string& path);

  ReplacingFile(ReplacingFile&&) noexcept;
  ReplacingFile& operator=(ReplacingFile&&) noexcept;
  ~ReplacingFile();

  [[nodiscard]] std::ostream& stream() noexcept { return *out_; }
  /// Flushes and closes the temporary file and renames it to the destination.
  [[nodiscard]] expected<void> commit();

 private:
  ReplacingFile(std::string path, std::string temporary, std::unique_ptr<std::ofstream> out);
  void discard() noexcept;

  std::string path_, temporary_;
  std::unique_ptr<std::ofstream> out_;
};

}  // namespace crm::internal
