// libFuzzer target: a portfolio CSV through crm::grade_csv with the built-in rules, as
// `crmrules grade` reads it (a file: an in-memory one, /proc/self/fd/N), the graded rows
// into a string stream. The first byte picks the options (CSV or JSON out, explain, RFM
// columns, tight limits); the rest is the file. Grading must succeed or fail cleanly; on
// success every record read is graded or rejected, and the output has a row per graded
// customer.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "crmrules/portfolio_grading.hpp"
#include "crmrules/rule_set.hpp"

namespace {

/// An in-memory file holding the bytes, named by its /proc path; closed at the end.
struct MemoryFile {
  int fd = -1;
  MemoryFile(const std::uint8_t* data, std::size_t size) : fd(::memfd_create("grade_csv_fuzz", 0)) {
    if (fd < 0) std::abort();
    for (std::size_t done = 0; done < size;) {
      const ssize_t n = ::write(fd, data + done, size - done);
      if (n <= 0) std::abort();
      done += static_cast<std::size_t>(n);
    }
  }
  ~MemoryFile() { ::close(fd); }
  [[nodiscard]] std::string path() const { return "/proc/self/fd/" + std::to_string(fd); }
};

crm::GradeOptions options_of(unsigned selector) {
  crm::GradeOptions options;
  options.threads = 1 + (selector & 1);
  if ((selector & 2) != 0) options.format = crm::GradeOptions::Format::json;
  if ((selector & 4) != 0) options.explain = true;
  if ((selector & 8) != 0) {
    options.recency = "cooperation";
    options.frequency = "annual_purchases";
    options.monetary = "annual_discount";
  }
  if ((selector & 16) != 0) {
    options.limits.csv_record_bytes = 256;
    options.limits.csv_columns = 40;
  }
  if ((selector & 32) != 0) options.measure = "annual_purchases";
  options.max_rejects_kept = 16;
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const crm::RuleSet& rules = crm::RuleSet::builtin();
  const MemoryFile file(data + 1, size - 1);
  std::ostringstream out;
  const auto summary = crm::grade_csv(rules, file.path(), out, options_of(data[0]));
  if (!summary) return 0;
  if (summary->graded + summary->rejected != summary->rows) std::abort();
  if (summary->rejects.size() > 16) std::abort();
  (void)summary->to_json();
  (void)summary->to_svg();
  return 0;
}
