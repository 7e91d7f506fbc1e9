// Private: the size of an open file, when it is a regular file (a pipe or a terminal has
// none), for progress reports. POSIX's fstat, the library's one other system call beside
// the spill file's.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>

namespace crm::internal {

[[nodiscard]] std::optional<std::uint64_t> regular_file_size(std::FILE* file) noexcept;

}  // namespace crm::internal
