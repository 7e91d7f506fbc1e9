// Private: the compiled, immutable form of a rule set's state machines.
//
// Names are resolved at load: states, events, transitions and context fields are
// integers. A session's frame (the slots guards and effects read) holds the context
// fields (slots 0..n-1), then three counts of the needs (total, explicit, latent), then
// each event's data fields in turn. Transitions are indexed by (state, event) in a flat
// table, so firing finds its candidates without a search.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/expected.hpp"
#include "crmrules/expression.hpp"
#include "crmrules/rule_set.hpp"
#include "crmrules/schema.hpp"
#include "crmrules/text.hpp"
#include "src/ruleset/section.hpp"

namespace crm::internal::machine {

inline constexpr std::uint32_t none = 0xFFFFFFFFu;

struct RecommendationDef {
  std::string kind;
  std::string topic;  // what it is about, for programs (next_question: the question type)
  Text text;
  std::vector<Text> items;
  std::optional<Expression> when;  // states' recommendations only
  bool offers = false;             // expands to the benefit statements of the explicit needs
};

/// The attributes a need effect may give, each an expression.
enum class NeedAttr : std::uint8_t {
  description, category, owner, level, stakeholder, stated, problem, implication, payoff, benefit, count
};

struct NeedEffect {
  Expression id;
  std::array<std::optional<Expression>, static_cast<std::size_t>(NeedAttr::count)> attrs;
};

struct SetEffect {
  std::uint32_t field = 0;  // context slot
  Expression value;
};

struct Transition {
  std::string pointer;  // where it is in the document
  std::uint32_t from = 0, to = 0, event = 0;
  std::optional<Expression> guard;
  std::vector<SetEffect> sets;
  std::vector<NeedEffect> needs;
  std::vector<RecommendationDef> recommend;
};

struct State {
  std::string name, description;
  bool final = false;
  std::vector<RecommendationDef> recommend;
};

/// A classifier: a rule set over the customer's words (its one string input) whose output
/// named after the classifier is the label; null when no rule matched.
struct Classifier {
  std::string name;
  RuleSet rules;
  std::size_t output = 0;  // in rules.outputs()
};

/// An event's data field filled by a classifier from another of its fields (the words),
/// when the caller leaves it out.
struct ClassifyDef {
  std::uint32_t target = 0, source = 0;  // data fields
  std::uint32_t classifier = 0;          // in CompiledMachine::classifiers
};

struct Event {
  std::string name, description;
  Schema data;
  std::uint32_t first_slot = 0;  // frame slot of the first data field (the same for every event)
  std::vector<ClassifyDef> classify;
};

struct Offer {
  Text feature, advantage, benefit;
  std::string need;  // the need category it answers
  std::vector<Text> evidence;
};

struct CompiledMachine {
  std::string name, description, version;
  std::string rule_set, rule_set_version;
  Lang lang = Lang::zh;  // of its plain-string texts, and its sessions' language until they choose
  std::uint64_t hash = 0;       // of its behaviour, as saved sessions name it (definition_hash.hpp)
  std::uint64_t text_hash = 0;  // of the definition's JSON text, as sessions saved by 0.5 and earlier name it
  std::vector<State> states;
  std::uint32_t initial = 0;
  Schema context;
  std::vector<Event> events;
  std::vector<Transition> transitions;
  std::vector<std::uint32_t> table_begin;  // states * events + 1 offsets into `table`
  std::vector<std::uint32_t> table;        // transition indices, document order
  std::vector<std::uint8_t> exclusive;     // per cell: guards proved exclusive, so the first enabled wins
  std::uint32_t needs_slot = 0;            // needs.total; needs.explicit and needs.latent follow
  std::uint32_t frame_size = 0;            // context, needs counts, the widest event's data
  std::uint32_t max_sets = 0;
  std::optional<Expression> deal_size;
  std::vector<Offer> offers;
  std::vector<Classifier> classifiers;

  /// The (state, event) cell of `table_begin` and `exclusive`.
  [[nodiscard]] std::size_t cell(std::uint32_t state, std::uint32_t event) const noexcept {
    return static_cast<std::size_t>(state) * events.size() + event;
  }
  [[nodiscard]] std::span<const std::uint32_t> candidates(std::size_t cell) const noexcept {
    return {table.data() + table_begin[cell], table.data() + table_begin[cell + 1]};
  }
  [[nodiscard]] std::span<const std::uint32_t> candidates(std::uint32_t state, std::uint32_t event) const noexcept {
    return candidates(cell(state, event));
  }
  [[nodiscard]] std::optional<std::uint32_t> state_id(std::string_view name) const noexcept;
  [[nodiscard]] std::optional<std::uint32_t> event_id(std::string_view name) const noexcept;
};

/// Whether a saved session naming `hash` was saved under `m`'s definition.
[[nodiscard]] inline bool saved_under(const CompiledMachine& m, std::uint64_t hash) noexcept {
  return hash == m.hash || hash == m.text_hash;
}

struct MachineSet {
  std::vector<std::shared_ptr<const CompiledMachine>> machines;  // document order
};

/// The rule set's "machines" section: a MachineSet (src/sections.cpp registers it).
inline constexpr std::string_view machines_section = "machines";
/// Loads the "machines" object of a rule set; findings of the checks go to the source's
/// diagnostics (errors among them make the rule set fail to load).
[[nodiscard]] expected<SectionValue> load_machines_section(const SectionSource& source);

/// 64-bit FNV-1a.
[[nodiscard]] std::uint64_t fnv1a(std::string_view bytes, std::uint64_t seed = 0xcbf29ce484222325ull) noexcept;

}  // namespace crm::internal::machine
