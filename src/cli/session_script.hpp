// Private to the CLI: the script `crmrules session` runs, a JSON array of steps.
//
//   [{"event": "objection", "data": {"kind": "price_value"}, "time": 1700000000000, "note": "..."}, ...]
//
//   auto script = parse_script(std::move(text));    // syntax errors at their line and column
//   for (std::size_t i = 0; i < script->steps.size(); ++i) {
//     auto step = read_step(*script, i);              // errors at "/i/event", "/i/time", ...
//     if (step->time) time = *step->time;
//     auto to = session.fire_json(step->event, step->data, time);
//     if (!to) report(placed_in_script(to.error(), *script, *step));  // "/i/data/amount", line, column
//   }
//
// Numbers are refused, as in a rule set, when they have more digits than Boost.JSON keeps
// exactly (more than 15 significant digits with a fraction or exponent, more than 19 in
// an integer), so that no time or data value is rounded silently.
#pragma once

#include <boost/json/array.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "crmrules/expected.hpp"

namespace crm::cli {

struct Script {
  std::string text;
  boost::json::array steps;
};

/// One step of a script, read.
struct Step {
  std::string pointer;  // the step's JSON pointer in the script ("/2")
  std::string event;
  std::string data;                  // the data as JSON text, "" when the step has none
  std::optional<std::int64_t> time;  // none: the step before's time
};

/// The script in `text`. Errors: malformed JSON or a number too long to keep exact (at
/// their line and column), a document that is not an array (at "/").
expected<Script> parse_script(std::string text);

/// Step `index` of the script: an object of "event" (a string) and optional "data",
/// "time" (a whole number or its text) and "note". Errors name the place by JSON pointer.
expected<Step> read_step(const Script& script, std::size_t index);

/// An error in the step's data (its pointer within the data), placed in the script: its
/// pointer, line and column there. Other errors are returned as they are.
Error placed_in_script(Error e, const Script& script, const Step& step);

}  // namespace crm::cli
