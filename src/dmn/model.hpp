// Private: a DMN model as the importer reads it from XML (read_model.cpp), before it is
// written as a rule set (write_rule_set.cpp). Every part remembers where it was.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crmrules/expected.hpp"

namespace crm::internal::dmn {

/// An element's place: its path (/definitions/decision[@name='X']/decisionTable/rule[2])
/// and its byte offset in the XML text (-1: unknown).
struct Where {
  std::string path;
  std::ptrdiff_t offset = -1;
};

/// An error at an element: its path and line and column in `xml`.
[[nodiscard]] Error error_at(std::string_view xml, const Where& at, ErrorCode code, const std::string& message);

struct Component {  // a structure's component: a type, or components of its own
  std::string name, type_ref;
  bool collection = false;
  std::vector<Component> components;
  Where at;
};

struct ItemDefinition {
  std::string name, type_ref, allowed;  // allowed: FEEL unary tests ("" none)
  bool collection = false;
  std::vector<Component> components;
  Where at;
};

struct InputData {
  std::string name, type_ref;
  Where at;
};

struct Feel {  // a FEEL text and where it is
  std::string feel;
  Where at;
};

struct Column {
  Feel expression;
  std::string type_ref;
  Feel values;  // inputValues ("" none)
};

struct Output {
  std::string name, type_ref;
  Feel values, default_entry;  // outputValues, defaultOutputEntry ("" none)
  Where at;
};

struct Rule {
  std::string id, description;
  std::vector<Feel> inputs, outputs;
  Where at;
};

struct Table {
  std::string hit_policy = "UNIQUE", aggregation;
  std::vector<Column> columns;
  std::vector<Output> outputs;
  std::vector<Rule> rules;
  Where at;
};

struct Binding {  // an invocation's parameter and its value
  std::string parameter;
  Feel value;
  Where at;
};

struct Invocation {  // a boxed invocation of a business knowledge model
  Feel bkm;          // the invoked model's name
  std::vector<Binding> bindings;
  Where at;
};

struct Decision {
  std::string name, type_ref, description;
  std::optional<Table> table;
  std::optional<Feel> literal;  // a literal expression
  Where at;
  std::optional<Invocation> invocation;  // until expand_invocations (invocations.hpp)
  // A boxed context: its named entries, in order (each a decision of its own, maybe a
  // context again); the decision's table or literal is the context's result entry.
  std::vector<Decision> context;
  // Set by flatten_contexts (contexts.hpp): the top decision a context entry belongs to
  // (empty for a model's decision), and the entries' names this decision's FEEL sees
  // (the entry's DMN name -> the name of the decision it became).
  std::string entry_of;
  std::vector<std::pair<std::string, std::string>> locals;
  // A business knowledge model's body at a call: it sees only the entries before it in its
  // context (the call's parameters), and no name of the model (sees_model, set by
  // flatten_contexts for it and everything inside it).
  bool sealed = false;
  bool sees_model = true;
  // A context without a result entry: its value is the structure of its entries. Its
  // leaves are written as decisions, each output_of the model's decision it is part of.
  bool structure = false;
  std::string output_of;
};

struct Bkm {  // a business knowledge model: parameters and a body (its logic)
  std::string name;
  std::vector<std::string> parameters, parameter_types;  // a type "" when not given
  Decision body;
  Where at;
};

struct Model {
  std::string name, version, ns;  // version "1.1" .. "1.5", from the namespace
  std::vector<ItemDefinition> items;
  std::vector<InputData> inputs;
  std::vector<Decision> decisions;
  std::vector<Bkm> bkms;
};

/// Reads the model: XML errors at their line and column, an unknown namespace, and any
/// element the importer cannot express (named, at its path).
[[nodiscard]] expected<Model> read_model(std::string_view xml);

/// Text (a name, a FEEL expression) without the white space around it.
[[nodiscard]] inline std::string trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return std::string(s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1));
}

}  // namespace crm::internal::dmn
