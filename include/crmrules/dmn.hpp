// crm::dmn: decision tables from DMN 1.1-1.5 models (Camunda, Drools/Kogito, Trisotech ...)
// as crmrules rule sets, and back (docs/dmn.md).
//
//   auto rules = crm::RuleSet::load_dmn(xml_text);         // errors: the XML element's path and line
//   auto json = crm::dmn::to_rule_set_json(xml_text);     // the rule set to read, edit and keep
//   auto names = crm::dmn::names(*rules);                 // "Approval Status" is Approval_Status
//   auto out = crm::dmn::evaluate_json(*rules, R"({"Age": 18, "RiskCategory": "Low"})");  // by DMN names
//
// What is imported: input data (their types, item definitions and allowed values),
// decisions whose logic is a decision table or a literal expression, the requirements
// between them (one decision reading another's result), every hit policy and aggregation,
// output values (priority order), default output entries, annotations (as row
// descriptions) and the FEEL that decision tables use in practice: unary tests
// (comparisons, ranges, lists, not(...), -), arithmetic, comparisons, if-then-else,
// date("...") and the string functions with a crmrules equivalent; boxed contexts
// (structures too), business knowledge models invoked or called (expanded at each call)
// and nested structures. Anything else (lists, time, date and time, durations, imports)
// is refused with the element's path and line and the construct's name: never read as
// something else.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crmrules/expected.hpp"
#include "crmrules/rule_set.hpp"

namespace crm::dmn {

/// The rule-set document (crmrules JSON) of a DMN model. Errors: parse (malformed XML, at
/// its line and column), version_mismatch (a namespace of no DMN 1.x version),
/// invalid_rule / type_mismatch / unknown_name (a model crmrules cannot express, or a
/// FEEL text that does not parse), each naming the element's path
/// (/definitions/decision[@name='Approval']/decisionTable/rule[2]/inputEntry[1]), line and column.
[[nodiscard]] expected<std::string> to_rule_set_json(std::string_view xml);

/// The rule set as a DMN 1.4 model (XML) that load_dmn reads back to the same results:
/// inputs as input data (enums as item definitions with allowed values), tables and
/// expressions as decisions, DMN names where the rule set was imported. Errors:
/// invalid_rule naming the decision for what DMN cannot say (a scorecard, '??', round ...).
[[nodiscard]] expected<std::string> to_dmn(const RuleSet& rules);

/// A DMN name and the crmrules name it was given (names that are not identifiers, such
/// as "Approval Status", become Approval_Status; each name is kept).
struct Name {
  std::string dmn;      // as the model names it
  std::string crm;      // the input, decision or output of the rule set
  std::string kind;     // "input", "input_component", "decision", "output", "context_entry"
  std::string parent;   // an input component's input, an output's or a context entry's decision (DMN names); "" otherwise
  friend bool operator==(const Name&, const Name&) = default;
};

/// The names of an imported rule set (empty for one that was not imported from DMN).
[[nodiscard]] std::vector<Name> names(const RuleSet& rules);
/// The same as a JSON array of {"dmn", "crm", "kind", "parent"}.
[[nodiscard]] std::string names_json(const RuleSet& rules);

/// Evaluates with inputs and results by their DMN names: a structured input is an object of
/// its components, a decision with several outputs gives an object. Unknown names are
/// unknown_name errors (with "did you mean").
[[nodiscard]] expected<std::string> evaluate_json(const RuleSet& rules, std::string_view dmn_inputs_json);

}  // namespace crm::dmn
