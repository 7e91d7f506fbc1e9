#include <array>

#include "src/ruleset/loader.hpp"

namespace crm::internal {

[[nodiscard]] expected<void> check_name(std::string_view name, const JsonReader& at) {
  static constexpr std::array<std::string_view, 7> keywords = {"and", "or", "not", "in", "true", "false", "null"};
  auto bad = [&](const std::string& why) {
    return at.error(ErrorCode::invalid_rule, "name '" + std::string(name) + "' " + why);
  };
  if (name.empty()) return bad("is empty");
  const auto ident_start = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!ident_start(name[0])) return bad("must start with a letter or '_'");
  for (char c : name)
    if (!ident_start(c) && !(c >= '0' && c <= '9'))
      return bad("may hold only letters, digits and '_' (it is used in expressions)");
  for (std::string_view k : keywords)
    if (name == k) return bad("is a keyword of the expression language");
  return {};
}

[[nodiscard]] expected<Value> value_from_json(const boost::json::value& v, const JsonReader& at) {
  switch (v.kind()) {
    case boost::json::kind::null: return Value();
    case boost::json::kind::bool_: return Value(v.get_bool());
    case boost::json::kind::string: return Value(std::string_view(v.get_string().data(), v.get_string().size()));
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_: {
      auto d = decimal_from_json_number(v);
      if (!d) return at.error(d.error().code, d.error().message);
      return Value(*d);
    }
    case boost::json::kind::array: {
      // A list (the value of a multi-hit table's output); a field refuses it.
      Value::List list;
      const auto& items = v.get_array();
      list.reserve(items.size());
      for (std::size_t i = 0; i < items.size(); ++i) {
        auto e = value_from_json(items[i], at.at(i));
        if (!e) return unexpected(e.error());
        list.push_back(std::move(*e));
      }
      return Value(std::move(list));
    }
    default: return at.error(ErrorCode::type_mismatch, "expected a value or a list, not an object");
  }
}

}  // namespace crm::internal
