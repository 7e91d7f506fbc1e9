// crm::Limits: how much input the library accepts before refusing it, so that no document
// or file can take its host's memory or time. The defaults keep every path within about
// a second and a few hundred MB; a vendor raises or lowers them per call.
//
//   crm::Limits limits;                      // the defaults
//   limits.decisions = 200'000;              // a generated rule set of more decisions
//   auto rules = crm::RuleSet::load(json, limits);   // too_large-style errors name the limit
//
// Each breach is an error naming the limit and where it was reached (a JSON pointer, a
// CSV line), never a crash, a hang or a silent truncation.
#pragma once

#include <cstddef>

namespace crm {

struct Limits {
  // ---- rule-set documents ----
  std::size_t document_bytes = std::size_t{64} << 20;  // a rule set's JSON text
  std::size_t decisions = 100'000;                      // decisions in a rule set
  std::size_t inputs = 100'000;                         // inputs (schema fields) of a rule set
  std::size_t table_rows = 1'000'000;                   // rows of one decision table
  std::size_t string_bytes = std::size_t{1} << 20;      // one string: a name, a label, a cell, an input value

  // ---- CSV files (grading, Kano) ----
  std::size_t csv_columns = 10'000;                      // columns of a header
  std::size_t csv_record_bytes = std::size_t{64} << 20;  // one record (a row and its quoted line breaks)
};

}  // namespace crm
