// Private: the plug-in point through which models read their own sections of a rule set.
//
// A rule-set document may carry top-level sections besides the engine's keys ("kano",
// "machines", ...). The engine names none of them: it hands each section's JSON (with
// its pointer, so that errors keep their line and column) to the loader a model
// registered for that key, keeps what the loader returns without looking into it, and
// gives it back by key. src/sections.cpp is the one place that lists the models.
//
//   // A model's loader (src/kano/settings.cpp):
//   expected<SectionValue> load_kano_section(const SectionSource& source) {
//     auto settings = load_kano_settings(source.json);          // errors name source.json's pointer
//     if (!settings) return unexpected(settings.error());
//     return std::make_shared<const kano::Settings>(std::move(*settings));
//   }
//   // Reading it back from a loaded rule set:
//   std::shared_ptr<const kano::Settings> s = section<kano::Settings>(rules, "kano");  // null when absent
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/expected.hpp"
#include "crmrules/rule_set.hpp"
#include "src/json/reader.hpp"

namespace crm::internal {

/// What a section's loader is given.
struct SectionSource {
  JsonReader json;        // the section's value and its JSON pointer
  std::string_view text;  // the whole document, to place findings
  const std::string& rule_set_name;
  const std::string& rule_set_version;
  std::vector<Diagnostic>& diagnostics;  // findings; an error among them fails the load after every check
  const Limits& limits;                  // the rule set's: a section holds itself to them too
  std::vector<std::pair<std::string, RuleSet>>& nested;  // load_nested_rule_set's, kept by the rule set
  const Schema& inputs;                      // the document's inputs and outputs, compiled
  const std::vector<OutputInfo>& outputs;    // before its sections load
};

/// A rule set nested in a section: the object at `at` holds "inputs", "decisions" and
/// optionally "tests", "description", "name" and "version", as a document does. It is
/// checked and compiled as the document is (one compile_body for both: its findings go
/// to source.diagnostics, so lint reports them; errors name their pointer in the whole
/// document, which gives them their line and column), takes the document's limits, its
/// version and the name "<document's name>/<key>" unless it names its own, and is kept by
/// the document under `key`: the document's run_tests() runs its tests too, their names
/// prefixed with "key: " (e.g. "account/stakeholder: ...").
[[nodiscard]] expected<RuleSet> load_nested_rule_set(const SectionSource& source, const JsonReader& at,
                                                     std::string_view key);

/// A loaded section: the model's own value, which the engine keeps opaquely.
using SectionValue = std::shared_ptr<const void>;

struct SectionLoader {
  std::string_view key;  // the top-level key of the rule-set document
  expected<SectionValue> (*load)(const SectionSource& source);
};

/// Every section the library reads, in the order they load. Defined in src/sections.cpp.
[[nodiscard]] std::span<const SectionLoader> section_loaders() noexcept;

/// What the loader of section `key` returned for `rules`; null when the document has none.
[[nodiscard]] SectionValue find_section(const RuleSet& rules, std::string_view key) noexcept;

/// find_section as the type the section's loader made.
template <class T>
[[nodiscard]] std::shared_ptr<const T> section(const RuleSet& rules, std::string_view key) noexcept {
  return std::static_pointer_cast<const T>(find_section(rules, key));
}

}  // namespace crm::internal
