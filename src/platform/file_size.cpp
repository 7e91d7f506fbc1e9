#include "src/platform/file_size.hpp"

#include <sys/stat.h>

namespace crm::internal {

std::optional<std::uint64_t> regular_file_size(std::FILE* file) noexcept {
  struct stat st {};
  if (::fstat(fileno(file), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return static_cast<std::uint64_t>(st.st_size);
}

}  // namespace crm::internal
