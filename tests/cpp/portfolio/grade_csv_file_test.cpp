// grade_csv_file: the graded rows replace the output file only when grading succeeded.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

#include "crmrules/portfolio_grading.hpp"

namespace fs = std::filesystem;

namespace {

/// A fresh directory for one test, removed with everything in it at the end.
struct TempDir {
  fs::path path = fs::temp_directory_path() / ("crmrules_grade_file_" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  [[nodiscard]] std::string file(const std::string& name, std::string_view text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return (path / name).string();
  }
  [[nodiscard]] std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), fs::directory_iterator()));
  }
};

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const char* customers =
    "id,annual_purchases,annual_net_profit,cooperation,background,potential\n"
    "HW,130000000,20000000,5,technology,A1\n"
    "HQ,5000000,500000,7,none,C1\n";

}  // namespace

TEST_CASE("grade_csv_file writes the graded rows, the same as grade_csv", "[grade]") {
  TempDir dir;
  const std::string in = dir.file("in.csv", customers), out = (dir.path / "graded.csv").string();
  auto summary = crm::grade_csv_file(crm::RuleSet::builtin(), in, out);
  REQUIRE(summary);
  CHECK(summary->graded == 2);
  std::ostringstream expected;
  REQUIRE(crm::grade_csv(crm::RuleSet::builtin(), in, expected));
  CHECK(read_text(out) == expected.str());
  CHECK(dir.entries() == 2);  // no temporary file left behind
  struct stat st {};
  REQUIRE(::stat(out.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0644);
}

TEST_CASE("grade_csv_file leaves the old output as it was when grading fails", "[grade]") {
  TempDir dir;
  const std::string out = dir.file("graded.csv", "yesterday's grades\n");
  ::chmod(out.c_str(), 0640);
  // No annual_net_profit column: the measure is missing, nothing can be graded.
  const std::string bad = dir.file("bad.csv", "id,annual_purchases\nHW,130000000\n");
  auto failed = crm::grade_csv_file(crm::RuleSet::builtin(), bad, out);
  REQUIRE_FALSE(failed);
  CHECK(failed.error().code == crm::ErrorCode::missing);
  CHECK(read_text(out) == "yesterday's grades\n");
  CHECK(dir.entries() == 2);

  // A success replaces it and keeps its mode.
  const std::string in = dir.file("in.csv", customers);
  REQUIRE(crm::grade_csv_file(crm::RuleSet::builtin(), in, out));
  CHECK(read_text(out).starts_with("line,id,"));
  struct stat st {};
  REQUIRE(::stat(out.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0640);
}

TEST_CASE("grade_csv_file into a folder that does not exist is an io error naming it", "[grade]") {
  TempDir dir;
  const std::string in = dir.file("in.csv", customers);
  const std::string out = (dir.path / "no_such_folder" / "graded.csv").string();
  auto failed = crm::grade_csv_file(crm::RuleSet::builtin(), in, out);
  REQUIRE_FALSE(failed);
  CHECK(failed.error().code == crm::ErrorCode::io);
  CHECK(failed.error().message == "cannot write '" + out + "': No such file or directory");
}
