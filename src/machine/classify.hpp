// Private: a machine's classifiers (the customer's words to a label, by a rule set the
// machine carries) and the event data they fill in.
#pragma once

#include <string_view>

#include "crmrules/expected.hpp"
#include "crmrules/machine.hpp"
#include "src/json/reader.hpp"
#include "src/machine/compiled.hpp"
#include "src/ruleset/section.hpp"

namespace crm::internal::machine {

/// The machine's "classifiers": {name: rule set}, each with one string input and an
/// output named after it. Their tests run with the document's.
[[nodiscard]] expected<std::vector<Classifier>> load_classifiers(const SectionSource& source, const JsonReader& at,
                                                                 std::string_view machine);

/// An event's "classify": {target field: {"by": classifier, "from": words field}}.
[[nodiscard]] expected<std::vector<ClassifyDef>> load_classify(const JsonReader& at, const Event& event,
                                                               const std::vector<Classifier>& classifiers);

[[nodiscard]] expected<Classification> classify(const Classifier& c, std::string_view words);

/// Fills each classified field the caller left null from its words, checked against the
/// field. Errors name the event, the field and the classifier.
[[nodiscard]] expected<void> classify_event_data(const CompiledMachine& m, const Event& event, Value* slots);

}  // namespace crm::internal::machine
