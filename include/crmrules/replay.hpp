// crm::replay_json: replay a scripted conversation on a session, step by step: the work
// of `crmrules session`.
//
//   auto s = crm::Machine::builtin("lscpa")->start();
//   auto replay = crm::replay_json(s, R"([
//     {"event": "objection", "data": {"kind": "price_value", "text": "too expensive"}, "time": 1700000000000},
//     {"event": "shared", "note": "acknowledge the feeling"},
//     {"event": "acepted"}])");
//   if (!replay) std::cerr << replay.error().to_string();   // not JSON, or not an array
//   for (const auto& step : replay->steps) {
//     if (step.error) std::cerr << step.error->to_string();  // no event 'acepted' (did you mean 'accepted'?)
//     else std::cout << step.from << " -> " << step.to;      // listen -> share, share -> clarify
//   }
//   replay->failed();   // 1: the session went on without that step
//   replay->to_json();  // {"fired": 2, "failed": 1, "steps": [...]}
//
// A script is a JSON array of steps `{"event": NAME, "data": {...}, "time": N, "note": TEXT}`:
// `event` is required; `data` is the event's data as for Session::fire_json; `time` is a
// whole number or its text ("1700000000000"): a step without one fires at the time of
// the step before (the first at 0); `note` is for the reader and ignored. Numbers are
// read exactly as in a rule set: one with more digits than JSON keeps exactly is an error
// of the whole script, with its line and column.
//
// Each step is fired in turn. A step that fails (a malformed step, an unknown event or
// data field, an event the state does not allow, data its fields refuse, time going
// backwards...) is reported with its error placed in the script: its JSON pointer
// ("/2/data/amount") and, for an error in its data, the line and column in the script's
// text. The session stays as that step found it (Session::fire's strong guarantee) and
// the replay goes on with the next step. A script that is not JSON, or not an array, is
// the call's error, and the session is left untouched.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/error.hpp"
#include "crmrules/expected.hpp"
#include "crmrules/session.hpp"

namespace crm {

/// One step of a replayed script.
struct ReplayStep {
  std::size_t index = 0;       // its place in the script, from 0 (its JSON pointer is "/index")
  std::string event;           // the event it names ("" when the step could not be read)
  std::string data;            // its data as compact JSON text ("" when it has none)
  std::int64_t time = 0;       // the time it fired at, or would have
  std::string from, to;        // the session's state before and after (the same when it failed)
  bool final = false;          // `to` is a final state
  std::optional<Error> error;  // why it failed, placed in the script; none: it fired
  /// After a step that fired, the session's recommendations then (what to say next), or
  /// the error of a condition that failed to evaluate; empty after a failed step.
  expected<std::vector<Recommendation>> recommendations;

  [[nodiscard]] bool fired() const noexcept { return !error.has_value(); }
  /// One JSON object, numbering the step from 1 as a person counts:
  /// fired: {"step", "event", "time", "from", "to", "recommendations"} (recommendations
  /// [] when they failed); failed: {"step", "error": {"code", "message", and its place},
  /// "state"}. The lines `crmrules session --json` prints.
  [[nodiscard]] std::string to_json() const;
};

/// Every step of a replayed script, in script order.
struct Replay {
  std::vector<ReplayStep> steps;

  [[nodiscard]] std::size_t fired() const noexcept;
  [[nodiscard]] std::size_t failed() const noexcept { return steps.size() - fired(); }
  /// {"fired": N, "failed": M, "steps": [each step's to_json()]}
  [[nodiscard]] std::string to_json() const;
};

/// Fires the steps of the script `steps_json` (a JSON array, above) at `session`, going
/// on past a step that fails. Errors, leaving the session untouched: the text is not JSON
/// (parse, at its line and column), a number too long to keep exact (out_of_range, at its
/// line and column), the document is not an array (type_mismatch at "/").
[[nodiscard]] expected<Replay> replay_json(Session& session, std::string_view steps_json);

}  // namespace crm
