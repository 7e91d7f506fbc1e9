#include <crmrules/rule_set.hpp>
#include <iostream>

int main() {
  auto rules = crm::RuleSet::load_file("grading.json");  // errors: pointer, line, column
  if (!rules) return std::cerr << rules.error().to_string() << '\n', 1;
  crm::Record record = rules->new_record();  // reuse it: no allocation per evaluation
  auto set = record.set("purchases", *crm::Decimal::parse("8000000"));
  auto ok = set ? rules->evaluate(record) : set;
  if (!ok) return std::cerr << ok.error().to_string() << '\n', 1;
  std::cout << record.get("value_grade")->to_string() << '\n';  // B1
  return record.get("value_grade")->to_string() == "B1" ? 0 : 1;
}
