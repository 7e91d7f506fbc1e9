// The session's inline Field::takes_as_is (internal/machine/fields.hpp) against the
// general one, over every field type and value kind: the fast path must answer the same.
#include <catch2/catch.hpp>

#include "crmrules/internal/machine/fields.hpp"

using crm::Decimal;
using crm::Field;
using crm::FieldType;
using crm::Value;

namespace {

Field field(FieldType type) {
  Field f;
  f.name = "f";
  f.type = type;
  if (type == FieldType::enumeration || type == FieldType::grade) f.labels = {"A1", "B2", "low"};
  return f;
}

std::vector<Field> fields() {
  std::vector<Field> out;
  for (auto type : {FieldType::decimal, FieldType::integer, FieldType::boolean, FieldType::string,
                    FieldType::enumeration, FieldType::grade, FieldType::date})
    out.push_back(field(type));
  for (auto type : {FieldType::decimal, FieldType::integer}) {
    Field low = field(type);
    low.min = Decimal::from_int(0);
    out.push_back(low);
    Field high = field(type);
    high.max = Decimal::from_int(10);
    out.push_back(high);
  }
  return out;
}

std::vector<Value> values() {
  return {Value(),
          Value(true),
          Value(false),
          Value(Decimal::from_int(7)),
          Value(Decimal::from_int(-3)),
          Value(Decimal::from_int(11)),
          Value(*Decimal::parse("7.5")),
          Value(*Decimal::parse("7.00")),
          Value(*Decimal::parse("-0.25")),
          Value("text"),
          Value("A1"),
          Value("low"),
          Value(""),
          Value(*crm::Date::parse("2024-03-31")),
          Value(Value::List{Value("A1")})};
}

}  // namespace

TEST_CASE("the session's inline takes_as_is answers as Field::takes_as_is", "[machine]") {
  int yes = 0;
  for (const Field& f : fields()) {
    for (const Value& v : values()) {
      INFO("field type " << crm::to_string(f.type) << (f.min ? " with min" : "") << (f.max ? " with max" : "")
                         << ", value " << v.to_string() << " (" << crm::to_string(v.kind()) << ")");
      const bool general = f.takes_as_is(v);
      CHECK(crm::internal::machine::takes_as_is(f, crm::ValueView(v)) == general);
      CHECK(crm::internal::machine::takes_as_is(f, v) == general);
      yes += general ? 1 : 0;
    }
  }
  CHECK(yes > 10);  // the comparison covers both answers
}
