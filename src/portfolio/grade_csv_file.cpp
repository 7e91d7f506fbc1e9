// grade_csv_file: grade_csv into a file that is replaced only when grading succeeded.
#include <iostream>

#include "crmrules/portfolio_grading.hpp"
#include "src/platform/replacing_file.hpp"

namespace crm {

expected<GradeSummary> grade_csv_file(const RuleSet& rules, const std::string& path, const std::string& out_path,
                                      const GradeOptions& options, const GradeProgress& progress) {
  if (out_path == "-") {
    auto summary = grade_csv(rules, path, std::cout, options, progress);
    std::cout.flush();
    return summary;
  }
  auto file = internal::ReplacingFile::open(out_path);
  if (!file) return unexpected(std::move(file).error());
  auto summary = grade_csv(rules, path, file->stream(), options, progress);
  if (!summary) return summary;  // the file at out_path stays as it was
  if (auto done = file->commit(); !done) return unexpected(std::move(done).error());
  return summary;
}

}  // namespace crm
