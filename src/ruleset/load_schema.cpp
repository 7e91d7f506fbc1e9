// Loading the "inputs" object of a rule set into a Schema.
#include "src/ruleset/loader.hpp"

namespace crm::internal {
namespace {

[[nodiscard]] expected<std::vector<std::string>> load_labels(const JsonReader& r) {
  auto arr = r.array();
  if (!arr) return unexpected(arr.error());
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < (*arr)->size(); ++i) {
    auto s = r.at(i).string();
    if (!s) return unexpected(s.error());
    for (const auto& seen : labels)
      if (seen == *s) return r.at(i).error(ErrorCode::invalid_rule, "label '" + seen + "' is listed twice");
    labels.emplace_back(*s);
  }
  if (labels.empty()) return r.error(ErrorCode::invalid_rule, "at least one label is needed");
  return labels;
}

bool same_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

/// "aliases": {"label": ["other spelling", ...], ...}: each label listed, each alias
/// unique (ignoring ASCII case) and not a label itself.
[[nodiscard]] expected<std::vector<std::pair<std::string, std::string>>> load_aliases(const JsonReader& r, const Field& field) {
  auto obj = r.object();
  if (!obj) return unexpected(obj.error());
  std::vector<std::pair<std::string, std::string>> aliases;
  for (const auto& member : **obj) {
    const std::string label(member.key().data(), member.key().size());
    const JsonReader list = r[label];
    if (!field.label_index(label))
      return list.error(ErrorCode::unknown_name, "'" + label + "' is not one of the field's " +
                                                     (field.type == FieldType::grade ? "labels" : "values"));
    auto arr = list.array();
    if (!arr) return unexpected(arr.error());
    for (std::size_t i = 0; i < (*arr)->size(); ++i) {
      auto alias = list.at(i).string();
      if (!alias) return unexpected(alias.error());
      if (alias->empty()) return list.at(i).error(ErrorCode::invalid_rule, "an alias is not empty");
      for (const auto& other : field.labels)
        if (same_ignoring_ascii_case(other, *alias) && other != label)
          return list.at(i).error(ErrorCode::invalid_rule, "alias '" + std::string(*alias) + "' is the label '" + other + "'");
      for (const auto& [seen, of] : aliases)
        if (same_ignoring_ascii_case(seen, *alias))
          return list.at(i).error(ErrorCode::invalid_rule, "alias '" + std::string(*alias) + "' is already an alias of '" +
                                                               of + "' (aliases ignore ASCII case)");
      aliases.emplace_back(std::string(*alias), label);
    }
  }
  return aliases;
}

[[nodiscard]] expected<Field> load_field(std::string name, const JsonReader& r) {
  if (auto keys = r.only_keys({"type", "required", "default", "min", "max", "values", "labels", "aliases",
                               "description", "chinese_amounts", "of"});
      !keys)
    return unexpected(keys.error());
  Field field;
  field.name = std::move(name);
  auto type_name = r["type"].string();
  if (!type_name) return unexpected(type_name.error());
  auto type = field_type_from_string(*type_name);
  if (!type)
    return r["type"].error(ErrorCode::unknown_name, "unknown type '" + std::string(*type_name) +
                                                        "' (decimal, money, integer, bool, string, enum, grade, date, time, date_time, "
                                                        "days_duration, months_duration, list)");
  field.type = *type;
  if (r["of"].exists()) {
    if (field.type != FieldType::list) return r["of"].error(ErrorCode::invalid_rule, "'of' applies to list fields only");
    auto of_name = r["of"].string();
    if (!of_name) return unexpected(of_name.error());
    auto of = field_type_from_string(*of_name);
    if (!of || *of == FieldType::list || *of == FieldType::enumeration || *of == FieldType::grade)
      return r["of"].error(ErrorCode::unknown_name, "a list's elements are decimal, integer, bool, string or date, not '" +
                                                        std::string(*of_name) + "'");
    field.of = *of;
  }
  if (r["required"].exists()) {
    auto req = r["required"].boolean();
    if (!req) return unexpected(req.error());
    field.required = *req;
  }
  if (r["description"].exists()) {
    auto d = r["description"].string();
    if (!d) return unexpected(d.error());
    field.description = *d;
  }
  const bool numeric = field.type == FieldType::decimal || field.type == FieldType::integer;
  for (const char* bound : {"min", "max"}) {
    if (!r[bound].exists()) continue;
    if (!numeric) return r[bound].error(ErrorCode::invalid_rule, std::string(bound) + " applies to decimal and integer fields only");
    auto d = r[bound].decimal();
    if (!d) return unexpected(d.error());
    (std::string_view(bound) == "min" ? field.min : field.max) = *d;
  }
  if (r["chinese_amounts"].exists()) {
    if (!numeric)
      return r["chinese_amounts"].error(ErrorCode::invalid_rule,
                                        "chinese_amounts applies to decimal and integer fields only");
    auto allowed = r["chinese_amounts"].boolean();
    if (!allowed) return unexpected(allowed.error());
    field.chinese_amounts = *allowed;
  }
  if (field.min && field.max && *field.min > *field.max)
    return r["max"].error(ErrorCode::invalid_rule, "max " + field.max->to_string() + " is below min " + field.min->to_string());
  const char* list_key = field.type == FieldType::enumeration ? "values" : field.type == FieldType::grade ? "labels" : nullptr;
  for (const char* key : {"values", "labels"})
    if (r[key].exists() && (list_key == nullptr || std::string_view(key) != list_key))
      return r[key].error(ErrorCode::invalid_rule, std::string("'") + key + "' does not apply to a " +
                                                       std::string(to_string(field.type)) + " field");
  if (list_key != nullptr) {
    auto labels = load_labels(r[list_key]);
    if (!labels) return unexpected(labels.error());
    field.labels = std::move(*labels);
  }
  if (r["aliases"].exists()) {
    if (list_key == nullptr)
      return r["aliases"].error(ErrorCode::invalid_rule, "aliases apply to enum and grade fields only");
    auto aliases = load_aliases(r["aliases"], field);
    if (!aliases) return unexpected(aliases.error());
    field.aliases = std::move(*aliases);
  }
  if (r["default"].exists()) {
    if (field.required) return r["default"].error(ErrorCode::invalid_rule, "a required field has no default");
    auto value = value_from_json(*r["default"].raw(), r["default"]);
    if (!value) return unexpected(value.error());
    auto accepted = field.accept(*value);
    if (!accepted) return r["default"].error(accepted.error().code, accepted.error().message);
    field.default_value = std::move(*accepted);
  }
  return field;
}

}  // namespace

[[nodiscard]] expected<Schema> load_schema(const JsonReader& r) {
  auto obj = r.object();
  if (!obj) return unexpected(obj.error());
  std::vector<Field> fields;
  for (const auto& member : **obj) {
    std::string name(member.key().data(), member.key().size());
    const JsonReader field_reader = r[name];
    if (auto valid = check_name(name, field_reader); !valid) return unexpected(valid.error());
    auto field = load_field(std::move(name), field_reader);
    if (!field) return unexpected(field.error());
    fields.push_back(std::move(*field));
  }
  return Schema(std::move(fields));
}

}  // namespace crm::internal
