// crm::profile: how complete a customer's profile (档案) is against the deck's schema, and
// whether someone owns it (专人负责).
//
//   const crm::profile::Schema& schema = crm::profile::Schema::builtin();   // rules/profile.json
//   crm::profile::Values values = {{"id", "HW"}, {"名称", "华为"}, {"address", "深圳"}, {"owner", "张三"}};
//   crm::profile::Assessment a = schema.assess(values);      // fields by id or by Chinese name
//   a.completeness.to_string();                               // "4.76": of 100, groups weighted
//   a.groups[0].completeness.to_string();                     // "16.67": 基础资料, 2 of 12 fields
//   a.groups[0].missing[0]->name.zh;                          // "规模"
//   a.has_owner();                                            // true; else a.warnings has no_owner
//
//   auto report = crm::profile::assess_csv_file("profiles.csv", schema);   // or .jsonl
//   std::cout << crm::profile::to_csv(*report, crm::Lang::zh);
//
// The deck: 档案管理 = 基础资料 + 客户特征 + 业绩分析 + 交易现状 + 满意程度 + 频期分析 + 专人负责,
// each with the fields it lists. The schema is rules data: the "profile" section of a rule
// set (the built-in one is rules/profile.json; its weights are the project's defaults).
// The rules, exactly:
// - A field is filled when its value has something besides spaces (JSON Lines: a
//   non-empty string, a number, true or false, a non-empty array or object; null is
//   missing). A value may be named by the field's id or by its Chinese name.
// - A group's completeness is 100 × (the weights of its filled fields) / (the weights of
//   all its fields), to Schema::scale digits (half-even) from the exact ratio; the
//   profile's is the group weights' average of the groups' shares (each to 18 digits),
//   then to Schema::scale digits.
// - The owner field (Schema::owner_field, the deck's 定岗定员) empty or missing: the
//   warning Schema::no_owner, in the assessment's warnings.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/decimal.hpp"
#include "crmrules/expected.hpp"
#include "crmrules/rule_set.hpp"
#include "crmrules/text.hpp"

namespace crm::profile {

struct Field {
  std::string id;
  Text name;
  Decimal weight = Decimal::from_int(1);
};

struct Group {
  std::string id;
  Text name;
  Decimal weight = Decimal::from_int(1);
  std::vector<Field> fields;
};

/// A customer's values: field id (or Chinese name) -> its text. Absent or blank: missing.
using Values = std::map<std::string, std::string, std::less<>>;

struct GroupScore {
  const Group* group = nullptr;
  Decimal completeness;               // 0..100
  std::vector<const Field*> missing;  // in the schema's order
};

struct Assessment {
  std::string id;                    // the id field's value ("" when none)
  std::string owner;                 // the owner field's value ("" when none)
  Decimal completeness;              // 0..100
  std::vector<GroupScore> groups;    // in the schema's order
  std::vector<std::string> ignored;  // value names that are no field of the schema
  std::vector<Text> warnings;        // no owner
  [[nodiscard]] bool has_owner() const noexcept { return !owner.empty(); }
  [[nodiscard]] std::size_t missing() const noexcept;
};

class Schema {
 public:
  /// The built-in schema (rules/profile.json, embedded).
  [[nodiscard]] static const Schema& builtin();
  /// The built-in rule set's JSON text, to copy and change.
  [[nodiscard]] static std::string_view builtin_json() noexcept;
  /// A rule set's "profile" section; invalid_rule when it has none.
  [[nodiscard]] static expected<Schema> from_rule_set(const RuleSet& rules);

  std::vector<Group> groups;
  std::string id_field = "id";
  std::string owner_field = "owner";
  Text no_owner;
  int scale = 2;

  /// The field called `name` (its id or its Chinese name), or null.
  [[nodiscard]] const Field* find(std::string_view name) const noexcept;
  /// One customer's assessment. The returned pointers point into this schema.
  [[nodiscard]] Assessment assess(const Values& values) const;
  /// The same without Assessment::ignored (the readers name ignored columns once).
  [[nodiscard]] Assessment assess_fields(const Values& values) const;
};

/// Many customers: their assessments in input order, and columns or members that are no
/// field of the schema (named once each).
struct Report {
  std::vector<Assessment> customers;
  std::vector<std::string> ignored;
  [[nodiscard]] std::size_t without_owner() const noexcept;
};

/// Profiles from a CSV (a header of field ids or Chinese names, one customer per row) or
/// from JSON Lines (one object per line, members named so). An error names its line and
/// column (JSON Lines: the column within the line); nothing is assessed then. "-" is
/// standard input.
[[nodiscard]] expected<Report> assess_csv(std::string_view text, const Schema& schema = Schema::builtin());
[[nodiscard]] expected<Report> assess_jsonl(std::string_view text, const Schema& schema = Schema::builtin());
[[nodiscard]] expected<Report> assess_csv_file(const std::string& path, const Schema& schema = Schema::builtin());

/// A report as CSV: id, owner, completeness, one column per group (its id), missing (the
/// missing fields' names in `lang`, joined by ';'), warnings (in `lang`, joined by ';').
[[nodiscard]] std::string to_csv(const Report& report, Lang lang = Lang::zh);
/// As a JSON array: per customer id, owner, has_owner, completeness, groups (id, name,
/// completeness, missing: field ids), warnings (both languages).
[[nodiscard]] std::string to_json(const Report& report);

}  // namespace crm::profile
