// crm::replay_json (replay.hpp): a script of steps read with the library's JSON reader,
// each step fired through Session::fire_json, its errors placed in the script.
#include "crmrules/replay.hpp"

#include <algorithm>
#include <array>
#include <boost/json/serialize.hpp>

#include "src/json/parse.hpp"
#include "src/json/reader.hpp"
#include "src/json/writer.hpp"
#include "src/machine/session_json.hpp"

namespace crm {

using internal::JsonArray;
using internal::JsonObject;
using internal::JsonReader;

namespace {

constexpr std::array<std::string_view, 4> step_keys = {"event", "data", "time", "note"};

/// A step as the script gives it.
struct ScriptStep {
  std::string event;
  std::string data;                  // as compact JSON text, "" when the step has none
  std::optional<std::int64_t> time;  // none: the time of the step before
};

/// The step at `step`: an object of "event" (a string) and optional "data", "time" (a
/// whole number or its text) and "note". Errors name their place by JSON pointer.
[[nodiscard]] expected<ScriptStep> read_step(const JsonReader& step) {
  if (auto keys = step.only_keys(step_keys); !keys) return unexpected(keys.error());
  auto event = step["event"].string();
  if (!event) return unexpected(event.error());
  ScriptStep out{std::string(*event), {}, {}};
  if (const JsonReader time = step["time"]; time.exists()) {
    auto whole = time.integer();
    if (!whole) return unexpected(whole.error());
    out.time = *whole;
  }
  if (const JsonReader data = step["data"]; data.exists()) out.data = boost::json::serialize(*data.raw());
  return out;
}

/// An error in the data of the step at `step_pointer` (its pointer within the data),
/// placed in the script: its pointer, line and column there. Other errors (without a
/// pointer, or at a transition of the rule set) stay as they are.
Error placed_in_script(Error e, std::string_view script, const std::string& step_pointer) {
  if (e.where.pointer.starts_with("/") && !e.where.pointer.starts_with("/machines/"))
    e.where = internal::locate(script, step_pointer + "/data" + e.where.pointer);
  return e;
}

/// `step` failed with `e`: the session stays where the step found it.
ReplayStep failed(ReplayStep step, Error e, const Session& session) {
  step.to = step.from;
  step.final = session.is_final();
  step.error = std::move(e);
  return step;
}

/// Fires step `index` of `script` (at `reader`). `time` is the time of the step before,
/// and becomes this step's when it gives one.
ReplayStep replay_step(Session& session, const JsonReader& reader, std::size_t index, std::string_view script,
                       std::int64_t& time) {
  ReplayStep step;
  step.index = index;
  step.time = time;
  step.from = session.state_name();
  auto read = read_step(reader);
  if (!read) return failed(std::move(step), read.error(), session);
  if (read->time) time = *read->time;
  step.time = time;
  step.event = std::move(read->event);
  step.data = std::move(read->data);
  if (auto to = session.fire_json(step.event, step.data, time); !to)
    return failed(std::move(step), placed_in_script(to.error(), script, reader.pointer()), session);
  step.to = session.state_name();
  step.final = session.is_final();
  step.recommendations = session.recommendations();
  return step;
}

void write_step(std::string& out, const ReplayStep& step) {
  JsonObject o(out);
  o.number("step", static_cast<std::uint64_t>(step.index) + 1);
  if (step.error) {
    o.error("error", *step.error).string("state", step.to);
    return;
  }
  o.string("event", step.event).number("time", step.time).string("from", step.from).string("to", step.to);
  o.key("recommendations");
  if (step.recommendations)
    internal::machine::write_recommendations(out, *step.recommendations);
  else
    out += "[]";
}

}  // namespace

std::string ReplayStep::to_json() const {
  std::string out;
  write_step(out, *this);
  return out;
}

std::size_t Replay::fired() const noexcept {
  return static_cast<std::size_t>(std::count_if(steps.begin(), steps.end(), [](const auto& s) { return s.fired(); }));
}

std::string Replay::to_json() const {
  std::string out;
  JsonObject o(out);
  o.number("fired", static_cast<std::uint64_t>(fired())).number("failed", static_cast<std::uint64_t>(failed()));
  o.key("steps");
  JsonArray list(out);
  for (const auto& step : steps) write_step(list.item(), step);
  list.close();
  o.close();
  return out;
}

[[nodiscard]] expected<Replay> replay_json(Session& session, std::string_view steps_json) {
  auto doc = internal::parse_json(steps_json);
  if (!doc) return unexpected(doc.error());
  const JsonReader root(&*doc, "");
  auto steps = root.array();
  if (!steps) return unexpected(steps.error());
  Replay replay;
  replay.steps.reserve((*steps)->size());
  std::int64_t time = 0;
  for (std::size_t i = 0; i < (*steps)->size(); ++i)
    replay.steps.push_back(replay_step(session, root.at(i), i, steps_json, time));
  return replay;
}

}  // namespace crm
