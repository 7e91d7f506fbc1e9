// Field::takes_as_is, the hot paths' check (Record::set, a session's event data and
// effects, restore), over every field type and value kind: a Value and its view get the
// same answer, and "yes" only where Field::accept gives the value itself.
#include <catch2/catch.hpp>

#include "crmrules/schema.hpp"

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

TEST_CASE("Field::takes_as_is answers alike for a value and its view, and as accept does", "[rules]") {
  int yes = 0;
  for (const Field& f : fields()) {
    for (const Value& v : values()) {
      INFO("field type " << crm::to_string(f.type) << (f.min ? " with min" : "") << (f.max ? " with max" : "")
                         << ", value " << v.to_string() << " (" << crm::to_string(v.kind()) << ")");
      const bool takes = f.takes_as_is(v);
      CHECK(f.takes_as_is(crm::ValueView(v)) == takes);
      if (takes) {
        const auto accepted = f.accept(v);
        REQUIRE(accepted.has_value());
        CHECK(*accepted == v);
        CHECK(accepted->kind() == v.kind());
      }
      yes += takes ? 1 : 0;
    }
  }
  CHECK(yes > 10);  // the comparison covers both answers
}
