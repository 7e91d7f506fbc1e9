// crmrules session: drive a state machine from a JSON script of events, printing each step.
//
//   crmrules session RULES.json MACHINE SCRIPT.json [--json] [--lang zh|en] [--restore FILE] [--save FILE] [--save-json FILE]
//   crmrules session MACHINE SCRIPT.json ...      (a built-in machine: spin, fabe, lscpa, complaint)
//   crmrules session --list [RULES.json]          (the machines, their states and events)
//   crmrules session --builtin-json               (the built-in machines' rule set, to copy and change)
//
// SCRIPT.json is an array of steps, {"event": NAME, "data": {...}, "time": N}; data and
// time are optional (time defaults to the step before's). The library replays it
// (crm::replay_json, crmrules/replay.hpp); a failing step prints its error and leaves the
// session as it was; the run goes on and exits 1.
#include <fstream>
#include <iostream>
#include <optional>
#include <vector>

#include "commands.hpp"
#include "crmrules/replay.hpp"
#include "crmrules/session.hpp"

namespace crm::cli {
namespace {

// ---- the command line ----

struct SessionOptions {
  std::vector<std::string> files;  // [RULES.json] MACHINE SCRIPT.json (with --list: [RULES.json])
  bool json = false, list = false, builtin_json = false;
  std::string restore_path, save_path, save_json_path;
  std::optional<Lang> lang;  // the session's language; its machine's when not given
};

/// Reads the arguments into `o`; an Outcome when they end the command (a usage error).
/// The reading stops at --builtin-json: the command prints the built-in rule set,
/// whatever follows.
std::optional<Outcome> read_options(Args args, SessionOptions& o) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto a = args[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= args.size()) return false;
      out = std::string(args[++i]);
      return true;
    };
    if (a == "--json")
      o.json = true;
    else if (a == "--list")
      o.list = true;
    else if (a == "--builtin-json") {
      o.builtin_json = true;
      return std::nullopt;
    } else if (a == "--restore") {
      if (!value(o.restore_path)) return usage_error("--restore needs a FILE");
    } else if (a == "--save") {
      if (!value(o.save_path)) return usage_error("--save needs a FILE");
    } else if (a == "--save-json") {
      if (!value(o.save_json_path)) return usage_error("--save-json needs a FILE");
    } else if (a == "--lang") {
      std::string code;
      if (!value(code)) return usage_error("--lang needs a language: zh or en");
      auto lang = parse_lang(code);
      if (!lang) return usage_error(lang.error().message);
      o.lang = *lang;
    } else if (!a.starts_with("--"))
      o.files.emplace_back(a);
    else
      return usage_error("unexpected argument '" + std::string(a) + "'");
  }
  return std::nullopt;
}

// ---- rules, machines and sessions ----

/// "name: description", its states and its events with their data ("!": required).
void describe(const std::string& name, const Machine& m) {
  std::cout << name << ": " << m.description() << "\n  states:";
  for (std::size_t i = 0; i < m.state_count(); ++i)
    std::cout << ' ' << m.state_name(static_cast<StateId>(i))
              << (m.is_final(static_cast<StateId>(i)) ? " (final)" : "");
  std::cout << "\n  events:";
  for (std::size_t i = 0; i < m.event_count(); ++i) {
    std::cout << ' ' << m.event_name(static_cast<EventId>(i));
    const auto& data = m.event_data(static_cast<EventId>(i));
    if (data.size() == 0) continue;
    std::cout << '{';
    for (std::size_t f = 0; f < data.size(); ++f)
      std::cout << (f ? "," : "") << data.fields()[f].name << (data.fields()[f].required ? "!" : "");
    std::cout << '}';
  }
  std::cout << '\n';
}

Outcome list(const std::vector<std::string>& files) {
  std::optional<RuleSet> loaded;
  if (!files.empty() && !(loaded = load_rules(files[0]))) return failed();
  const RuleSet& rules = loaded ? *loaded : Machine::builtin_rules();
  for (const auto& name : Machine::names(rules)) describe(name, *Machine::find(rules, name));
  return {};
}

/// A new session of `machine`; nullopt (the error printed) when it cannot start.
std::optional<Session> start(const RuleSet& rules, const std::string& machine) {
  auto started = Session::start(rules, machine);
  if (!started) {
    std::cerr << diagnostic("crmrules session", started.error()) << '\n';
    return std::nullopt;
  }
  return std::move(*started);
}

/// The session saved at `path` (bytes, or JSON when it starts with '{'), which must be
/// of `machine`; nullopt (the error printed) otherwise.
std::optional<Session> restore(const RuleSet& rules, const std::string& machine, const std::string& path) {
  std::string saved, error;
  if (!read_file(path, saved, error, true)) {
    std::cerr << error << '\n';
    return std::nullopt;
  }
  auto restored =
      !saved.empty() && saved[0] == '{'
          ? Session::restore_json(rules, saved)
          : Session::restore(rules, std::span(reinterpret_cast<const std::uint8_t*>(saved.data()), saved.size()));
  if (!restored) {
    std::cerr << diagnostic(path, restored.error()) << '\n';
    return std::nullopt;
  }
  if (restored->machine().name() != machine) {
    std::cerr << path << ": the saved session is of machine '" << restored->machine().name() << "', not '" << machine
              << "'\n";
    return std::nullopt;
  }
  return std::move(*restored);
}

// ---- the script ----

/// Replays the script at `path` on the session; nullopt (the error printed, the session
/// untouched) when it cannot be read or is not a script.
std::optional<Replay> replay_script(Session& s, const std::string& path) {
  std::string text, error;
  if (!read_file(path, text, error)) {
    std::cerr << error << '\n';
    return std::nullopt;
  }
  auto replayed = replay_json(s, text);
  if (!replayed) {
    std::cerr << diagnostic(path, replayed.error()) << '\n';
    return std::nullopt;
  }
  return std::move(*replayed);
}

// ---- printing the steps ----

void print_recommendations(const expected<std::vector<Recommendation>>& recs) {
  if (!recs) {
    std::cout << "    (recommendations: " << recs.error().to_string() << ")\n";
    return;
  }
  for (const auto& r : *recs) {
    std::cout << "    " << r.kind << ": " << r.text << '\n';
    for (const auto& item : r.items) std::cout << "      - " << item << '\n';
  }
}

/// A step: the event that fired and the states before and after, or its error (the
/// session staying where it was). With --json, the step's JSON line.
void print_step(const ReplayStep& step, bool json) {
  if (json) {
    std::cout << step.to_json() << '\n';
    return;
  }
  const std::size_t number = step.index + 1;
  if (step.error) {
    std::cout << number << ". error: " << step.error->to_string() << "\n    (state stays " << step.to << ")\n";
    return;
  }
  std::cout << number << ". [t=" << step.time << "] " << step.event << (step.data.empty() ? "" : " " + step.data)
            << ": " << step.from << " -> " << step.to << (step.final ? " (final)" : "") << '\n';
  print_recommendations(step.recommendations);
}

/// The machine and the state it started in, then every step.
void print_steps(const Session& s, const std::string& started_in, const Replay& replay, bool json) {
  if (!json) std::cout << s.machine().name() << ": " << started_in << '\n';
  for (const auto& step : replay.steps) print_step(step, json);
}

/// Where the session ended: its status as JSON, or its state, context, needs, benefits,
/// allowed events and the count of steps.
void print_summary(const Session& s, const Replay& replay, bool json) {
  if (json) {
    auto status = s.status_json();
    std::cout << (status ? *status : s.save_json()) << '\n';
    return;
  }
  std::cout << "state: " << s.state_name() << (s.is_final() ? " (final)" : "") << '\n';
  std::cout << "context: " << s.context_json() << '\n';
  if (!s.needs().empty()) std::cout << "needs: " << s.needs_json() << '\n';
  if (auto b = s.benefit_statements(); !b.empty()) std::cout << "benefits: " << s.benefits_json() << '\n';
  std::cout << "allowed: " << s.allowed_events_json() << '\n';
  std::cout << replay.fired() << " steps fired, " << replay.failed() << " failed\n";
}

bool write_file(const std::string& path, const void* data, std::size_t size) {
  return write_output(path, std::string_view(static_cast<const char*>(data), size));
}

/// Saves the session where --save (bytes) and --save-json ask; false (the error printed)
/// when a file cannot be written.
bool save(const Session& s, const SessionOptions& o) {
  if (!o.save_path.empty()) {
    const auto bytes = s.save();
    if (!write_file(o.save_path, bytes.data(), bytes.size())) return false;
  }
  if (!o.save_json_path.empty()) {
    const std::string text = s.save_json();
    if (!write_file(o.save_json_path, text.data(), text.size())) return false;
  }
  return true;
}

/// [RULES.json] MACHINE SCRIPT.json: start or restore the session, replay the script,
/// print each step and where it ended, save it.
Outcome run(const SessionOptions& o) {
  std::optional<RuleSet> loaded;
  if (o.files.size() == 3 && !(loaded = load_rules(o.files[0]))) return failed();
  const RuleSet& rules = loaded ? *loaded : Machine::builtin_rules();
  const std::string& machine = o.files[o.files.size() - 2];
  auto s = o.restore_path.empty() ? start(rules, machine) : restore(rules, machine, o.restore_path);
  if (!s) return failed();
  if (o.lang) s->set_lang(*o.lang);
  const std::string started_in = s->state_name();
  const auto replayed = replay_script(*s, o.files.back());
  if (!replayed) return failed();
  print_steps(*s, started_in, *replayed, o.json);
  print_summary(*s, *replayed, o.json);
  if (!save(*s, o)) return failed();
  return {replayed->failed() == 0 ? 0 : 1, false, {}};
}

}  // namespace

Outcome session(Args args) {
  SessionOptions o;
  if (auto ended = read_options(args, o)) return *ended;
  if (o.builtin_json) {
    std::cout << Machine::builtin_json();
    return {};
  }
  if (o.list) {
    if (o.files.size() > 1) return usage_error("session --list takes at most RULES.json");
    return list(o.files);
  }
  if (o.files.size() != 2 && o.files.size() != 3)
    return usage_error("session needs [RULES.json] MACHINE SCRIPT.json (no RULES.json: a built-in machine)");
  return run(o);
}

const Command session_command{
    "session", "runs a sales or service conversation machine on a script",
    "  crmrules session [RULES.json] MACHINE SCRIPT.json [--json] [--lang zh|en] [--restore FILE] [--save FILE]\n"
    "                   [--save-json FILE]\n"
    "    (no RULES.json: a built-in machine: spin, fabe, lscpa, complaint; --lang: the language of the\n"
    "    recommendations, the machine's own by default: the built-in machines speak the deck's Chinese)\n"
    "  crmrules session --list [RULES.json] | --builtin-json\n",
    "  crmrules session --list\n"
    "  crmrules session spin script.json --json\n"
    "  crmrules session lscpa script.json --lang en\n",
    session};

}  // namespace crm::cli
