// crm::Session: a running state machine, as a value that can be saved and restored.
//
//   crm::Session s = crm::Machine::builtin("lscpa")->start();         // state "listen"
//   auto to = s.fire("objection", 1700000000, {{"kind", "price_value"},
//                                              {"text", "looks good but too expensive"}});
//   if (!to) std::cerr << to.error().to_string();   // illegal_transition: lists the allowed events
//   s.state_name();                                  // "share"
//   auto recs = s.recommendations();                 // what to say next (keep it: loop over *recs)
//   std::vector<std::uint8_t> saved = s.save();      // compact, versioned, checksummed
//   auto back = crm::Session::restore(crm::Machine::builtin_rules(), saved);
//
//   // A session a client carries (a browser, a stateless server): sealed under the
//   // server's key, restored only if it comes back unchanged.
//   const crm::SessionKey key(server_key);           // at least 16 bytes: 32 random ones
//   auto sealed = s.save(key);                        // HMAC-SHA-256 instead of the checksum
//   auto trusted = crm::Session::restore(rules, *sealed, key);   // unauthenticated if changed
//
// fire(event, time, data) checks the event's data against its fields, finds the one
// transition from the current state that the event enables (its guard holds), applies
// its effects and appends an entry to the audit trail. Every failure leaves the session
// exactly as it was (strong guarantee): an event the state does not allow
// (illegal_transition, naming the allowed events), a guard or effect that fails to
// evaluate or gives a value its field refuses (its error, naming the transition), no
// enabled transition (illegal_transition), two enabled at once (conflict), a time before
// the last entry's (out_of_range). The time is the caller's clock (say Unix
// milliseconds): the library never reads one.
//
// A session is a plain value: copy it, keep it, throw it away. It is not shared between
// threads while one of them fires events.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crmrules/expected.hpp"
#include "crmrules/machine.hpp"
#include "crmrules/need.hpp"
#include "crmrules/text.hpp"
#include "crmrules/value.hpp"

namespace crm {

/// Advice for the salesperson: from the current state (while its condition holds) or
/// emitted by the transition that led here. Its texts are in the language asked for; a
/// text the machine does not carry in that language is shown in the other one, and
/// `fallback` says so.
struct Recommendation {
  std::string kind;                 // "question", "warning", "response", "benefit", ...
  std::string text;
  std::vector<std::string> items;   // questions from the bank, evidence, checklist steps
  std::string source;               // "state" or "transition"
  std::string topic;                // for programs: next_question's question type ("" none)
  Lang lang = Lang::zh;             // the language asked for
  bool fallback = false;            // some text was not in `lang`: shown in the other language
  friend bool operator==(const Recommendation&, const Recommendation&) = default;
};

/// FABE: what to say for an explicit need, from the machine's offer catalogue.
struct BenefitStatement {
  std::string need;  // the need's id
  std::string feature, advantage, benefit;
  std::vector<std::string> evidence;
  Lang lang = Lang::zh;   // as for Recommendation
  bool fallback = false;
};

/// One fired event.
struct AuditEntry {
  std::uint64_t sequence = 0;  // from 0
  std::int64_t time = 0;       // as the caller gave it
  std::string event, from, to;
  std::string transition;      // the transition's JSON pointer in the rule set
  std::vector<std::pair<std::string, Value>> data;  // the event's data fields, as accepted
};

/// The server's key for sealed sessions: a view of its bytes, never copied or kept. At
/// least 16 bytes (shorter is invalid_argument); use 32 random bytes, kept on the server.
/// Explicit, so that no byte vector becomes a key by accident.
class SessionKey {
 public:
  explicit SessionKey(std::span<const std::uint8_t> bytes) noexcept : bytes_(bytes) {}
  explicit SessionKey(std::string_view bytes) noexcept
      : bytes_(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()) {}
  [[nodiscard]] std::span<const std::uint8_t> bytes() const noexcept { return bytes_; }

 private:
  std::span<const std::uint8_t> bytes_;
};

class Session {
 public:
  explicit Session(const Machine& machine);
  /// A new session of the rule set's machine `machine`; unknown_name when there is none.
  [[nodiscard]] static expected<Session> start(const RuleSet& rules, std::string_view machine);

  [[nodiscard]] Machine machine() const;

  [[nodiscard]] StateId state() const noexcept { return state_; }
  [[nodiscard]] const std::string& state_name() const noexcept;
  [[nodiscard]] bool is_final() const noexcept;
  /// The events that have a transition from the current state (whatever their guards);
  /// none in a final state.
  [[nodiscard]] std::vector<std::string_view> allowed_events() const;

  /// The hot path: the event by id, its data in the order of its fields (the span may be
  /// shorter: missing fields are null). Returns the new state.
  [[nodiscard]] expected<StateId> fire(EventId event, std::int64_t time, std::span<const Value> data);
  /// By name, the data by field name (unknown_name for a field the event does not have).
  [[nodiscard]] expected<StateId> fire(std::string_view event, std::int64_t time,
                         std::initializer_list<std::pair<std::string_view, Value>> data = {});
  [[nodiscard]] expected<StateId> fire(std::string_view event, std::int64_t time,
                         std::span<const std::pair<std::string_view, Value>> data);
  /// The data as a JSON object ("" or "null" for none).
  [[nodiscard]] expected<StateId> fire_json(std::string_view event, std::string_view data_json, std::int64_t time);

  /// The context fields' values, in the order of Machine::context().
  [[nodiscard]] std::span<const Value> context() const noexcept;
  /// A context field by name, or nullptr.
  [[nodiscard]] const Value* get(std::string_view field) const noexcept;

  [[nodiscard]] std::span<const Need> needs() const noexcept { return needs_; }
  [[nodiscard]] const Need* need(std::string_view id) const noexcept;
  /// From the machine's "deal_size" expression; large when it has none.
  [[nodiscard]] expected<DealSize> deal_size() const;

  /// The language the session's texts are shown in: the machine's ("lang", zh unless it
  /// says) until set. It is how the session is shown, not what happened: save() does not
  /// keep it, and a restored session speaks the machine's language until set again.
  [[nodiscard]] Lang lang() const noexcept { return lang_; }
  void set_lang(Lang lang) noexcept { lang_ = lang; }

  /// The current state's recommendations whose conditions hold, then those of the
  /// transition that led here, in the session's language (or `lang`). Errors: a
  /// condition that fails to evaluate.
  [[nodiscard]] expected<std::vector<Recommendation>> recommendations() const { return recommendations(lang_); }
  [[nodiscard]] expected<std::vector<Recommendation>> recommendations(Lang lang) const;
  /// For each explicit need, the offers of the machine's catalogue tied to its category.
  [[nodiscard]] std::vector<BenefitStatement> benefit_statements() const { return benefit_statements(lang_); }
  [[nodiscard]] std::vector<BenefitStatement> benefit_statements(Lang lang) const;

  [[nodiscard]] std::size_t audit_size() const noexcept { return audit_.size(); }
  [[nodiscard]] std::vector<AuditEntry> audit() const;

  // ---- JSON views (what the C ABI, Python and the CLI read), in the session's language ----
  /// {"machine", "lang", "state", "final", "allowed", "context", "needs", "recommendations",
  ///  "benefits", "audit_size"}
  [[nodiscard]] expected<std::string> status_json() const;
  [[nodiscard]] std::string context_json() const;
  [[nodiscard]] std::string needs_json() const;
  [[nodiscard]] std::string allowed_events_json() const;
  [[nodiscard]] expected<std::string> recommendations_json() const;
  [[nodiscard]] std::string benefits_json() const;
  [[nodiscard]] std::string audit_json() const;

  // ---- Saving and restoring (docs/machines.md, "Saved sessions") ----
  /// Compact bytes: a versioned format naming the rule set, its version, the machine and
  /// the definition's hash, ending in a checksum (which detects damage, not forgery).
  [[nodiscard]] std::vector<std::uint8_t> save() const;
  /// The same into `out` (cleared first), reusing its capacity.
  void save(std::vector<std::uint8_t>& out) const;
  /// Sealed: the same bytes (format 3) ending in an HMAC-SHA-256 under `key` instead of the
  /// checksum. Errors: invalid_argument (a key shorter than 16 bytes).
  [[nodiscard]] expected<std::vector<std::uint8_t>> save(SessionKey key) const;
  [[nodiscard]] expected<void> save(SessionKey key, std::vector<std::uint8_t>& out) const;
  /// The same content as a JSON document.
  [[nodiscard]] std::string save_json() const;
  /// Sealed: the same document with a "seal" member, an HMAC-SHA-256 under `key` of the
  /// document without it (as save_json() writes it).
  [[nodiscard]] expected<std::string> save_json(SessionKey key) const;

  /// A session saved by save(). Errors: corrupt (truncated, damaged: checksum; an audit
  /// trail that does not lead to the saved state), version_mismatch (another format,
  /// another rule set, or a machine whose definition has changed), unknown_name (the rule
  /// set has no such machine), unauthenticated (a sealed session: restore it with its key).
  [[nodiscard]] static expected<Session> restore(const RuleSet& rules, std::span<const std::uint8_t> bytes);
  /// A session saved by save(key), only if its seal matches: unauthenticated for a session
  /// that is not sealed, changed since, or sealed under another key; then the errors above.
  [[nodiscard]] static expected<Session> restore(const RuleSet& rules, std::span<const std::uint8_t> bytes,
                                                 SessionKey key);
  /// A session saved by save_json(), checked strictly: every member present (nothing is
  /// filled in with a default), its audit trail replayed from the initial state must give
  /// its state, context and needs (corrupt, at the JSON pointer of what differs); the
  /// errors above, parse errors with line and column.
  [[nodiscard]] static expected<Session> restore_json(const RuleSet& rules, std::string_view json);
  /// A session saved by save_json(key), only if its seal matches (unauthenticated otherwise).
  [[nodiscard]] static expected<Session> restore_json(const RuleSet& rules, std::string_view json, SessionKey key);

 private:
  friend struct SessionAccess;

  /// A session of `m` in its initial state whose frame is empty (its capacity reserved),
  /// for restore() to fill in place (copying the context's defaults first would be wasted).
  struct Blank {};
  Session(std::shared_ptr<const internal::machine::CompiledMachine> m, Blank);

  struct Entry {
    std::int64_t time;
    std::uint32_t event, from, to, transition;
    std::uint32_t data_begin;  // into audit_data_
  };

  std::shared_ptr<const internal::machine::CompiledMachine> m_;
  StateId state_ = 0;
  std::uint32_t last_transition_ = 0xFFFFFFFFu;
  Lang lang_ = Lang::zh;
  std::vector<Value> frame_;       // context, needs counts, event data (scratch)
  std::vector<Need> needs_;
  std::vector<Entry> audit_;
  std::vector<Value> audit_data_;  // every entry's data, flat
  std::vector<Value> pending_;     // scratch: effects' values before they commit (sized at the first fire)
};

}  // namespace crm
