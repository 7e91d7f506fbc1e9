// A list field's values: a list whose elements each have the field's element type
// ("of"), checked and normalised as a field of that type would be.
#include "crmrules/schema.hpp"

namespace crm::internal {

expected<Value> accept_list(const Field& field, const Value& value) {
  if (!field.of) return value;
  Field element;
  element.name = field.name;
  element.type = *field.of;
  Value::List out;
  out.reserve(value.as_list().size());
  for (std::size_t i = 0; i < value.as_list().size(); ++i) {
    const Value& e = value.as_list()[i];
    if (e.kind() == ValueKind::list)
      return fail(ErrorCode::type_mismatch, "field '" + field.name + "' element " + std::to_string(i) + " is a list, not " +
                                                std::string(to_string(*field.of)),
                  Location::at_pointer("/" + std::to_string(i)));
    auto accepted = element.accept(e);
    if (!accepted) {
      Error error = std::move(accepted).error();
      // "field 'tags' is string, not decimal (5)" -> "field 'tags' element 2 is string, ..."
      const std::string prefix = "field '" + field.name + "'";
      if (error.message.starts_with(prefix))
        error.message.insert(prefix.size(), " element " + std::to_string(i));
      error.where = Location::at_pointer("/" + std::to_string(i));
      return unexpected(std::move(error));
    }
    out.push_back(std::move(*accepted));
  }
  return Value(std::move(out));
}

}  // namespace crm::internal
