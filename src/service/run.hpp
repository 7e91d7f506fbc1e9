// Private: checking tickets one by one and counting as it goes (a Run), whatever the
// input's form; the readers (read_csv.cpp, read_jsonl.cpp) turn rows into cells.
//
//   Run run(section, options);
//   std::vector<Cell> cells(section.field_count());      // id, customer, engineer, times, flags
//   ... fill cells from a row ...
//   if (auto bad = run.add(cells, line); bad) reject(bad->field, bad->message);   // the row is skipped
//   crm::service::Report report = std::move(run).finish();
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "crmrules/service.hpp"
#include "src/service/section.hpp"

namespace crm::internal::service {

/// One field's text in a row; absent: the row has no value there (an empty cell, null).
struct Cell {
  std::string_view text;
  bool present = false;
};

/// The field index of a cell: 0 id, 1 customer, 2 engineer, then the times, then the flags.
[[nodiscard]] inline std::size_t field_count(const Section& s) noexcept { return 3 + s.times.size() + s.flags.size(); }
[[nodiscard]] std::string_view field_name(const Section& s, std::size_t field) noexcept;

/// Why a row was rejected: the field at fault and what is wrong.
struct Rejection {
  std::size_t field = 0;
  ErrorCode code = ErrorCode::parse;
  std::string message;
};

class Run {
 public:
  Run(const Section& s, const crm::service::Options& options);

  /// Checks the ticket in `cells` (line: where it is in the input) and counts it; a
  /// Rejection when a value does not read, the timestamps are impossible, or the id was
  /// seen before: nothing of the row is counted then.
  [[nodiscard]] std::optional<Rejection> add(std::span<const Cell> cells, std::uint64_t line);
  void reject(Error error) { report_.rejected.push_back(std::move(error)); }
  void note(std::string note) { report_.notes.push_back(std::move(note)); }

  [[nodiscard]] crm::service::Report finish() &&;

 private:
  struct Hash {  // lookups by string_view, without a string per ticket
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  template <class V>
  using Map = std::unordered_map<std::string, V, Hash, std::equal_to<>>;
  struct Groups {
    std::vector<crm::service::Group> list;
    Map<std::size_t> index;
    crm::service::Group& at(std::string_view key, std::size_t commitments);
  };
  [[nodiscard]] std::optional<Rejection> read(std::span<const Cell> cells);
  void judge();
  void count(crm::service::Group& g) const;

  const Section& s_;
  const crm::service::Options& options_;
  crm::service::Report report_;
  Groups groups_, months_;
  Map<std::uint64_t> seen_;  // ticket id -> its line
  // The ticket being checked.
  std::vector<std::optional<std::int64_t>> times_;
  std::vector<std::optional<bool>> flags_;
  std::vector<crm::service::Status> status_;
  std::vector<std::int64_t> elapsed_;
};

}  // namespace crm::internal::service
