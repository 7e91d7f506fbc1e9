// crmrules session: drive a state machine from a JSON script of events, printing each step.
//
//   crmrules session RULES.json MACHINE SCRIPT.json [--json] [--restore FILE] [--save FILE] [--save-json FILE]
//   crmrules session MACHINE SCRIPT.json ...      (a built-in machine: spin, fabe, lscpa)
//   crmrules session --list [RULES.json]          (the machines, their states and events)
//   crmrules session --builtin-json               (the built-in machines' rule set, to copy and change)
//
// SCRIPT.json is an array of steps, {"event": NAME, "data": {...}, "time": N}; data and
// time are optional (time defaults to the step before's). A failing step prints its error
// and leaves the session as it was; the run goes on and exits 1.
#include <fstream>
#include <iostream>
#include <optional>
#include <vector>

#include "commands.hpp"
#include "crmrules/json.hpp"
#include "crmrules/session.hpp"
#include "session_script.hpp"

namespace crm::cli {
namespace {

Outcome failed() { return {1, false, {}}; }

/// `text` as a JSON string.
std::string json_string(std::string_view text) { return to_json(Value(text)); }

// ---- the command line ----

struct Options {
  std::vector<std::string> files;  // [RULES.json] MACHINE SCRIPT.json (with --list: [RULES.json])
  bool json = false, list = false, builtin_json = false;
  std::string restore_path, save_path, save_json_path;
};

/// Reads the arguments into `o`; an Outcome when they end the command (a usage error).
/// The reading stops at --builtin-json: the command prints the built-in rule set,
/// whatever follows.
std::optional<Outcome> read_options(Args args, Options& o) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto a = args[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= args.size()) return false;
      out = std::string(args[++i]);
      return true;
    };
    if (a == "--json") o.json = true;
    else if (a == "--list") o.list = true;
    else if (a == "--builtin-json") {
      o.builtin_json = true;
      return std::nullopt;
    } else if (a == "--restore") {
      if (!value(o.restore_path)) return usage_error("--restore needs a FILE");
    } else if (a == "--save") {
      if (!value(o.save_path)) return usage_error("--save needs a FILE");
    } else if (a == "--save-json") {
      if (!value(o.save_json_path)) return usage_error("--save-json needs a FILE");
    } else if (!a.starts_with("--")) o.files.emplace_back(a);
    else return usage_error("unexpected argument '" + std::string(a) + "'");
  }
  return std::nullopt;
}

// ---- rules, machines and sessions ----

/// Loads the rule set at `path` into `loaded`; false (the error printed) when it fails.
bool load_rules(const std::string& path, std::optional<RuleSet>& loaded) {
  auto rules = RuleSet::load_file(path);
  if (!rules) {
    std::cerr << path << ": " << rules.error().to_string() << '\n';
    return false;
  }
  loaded = std::move(*rules);
  return true;
}

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
  if (!files.empty() && !load_rules(files[0], loaded)) return failed();
  const RuleSet& rules = loaded ? *loaded : Machine::builtin_rules();
  for (const auto& name : Machine::names(rules)) describe(name, *Machine::find(rules, name));
  return {};
}

/// A new session of `machine`; nullopt (the error printed) when it cannot start.
std::optional<Session> start(const RuleSet& rules, const std::string& machine) {
  auto started = Session::start(rules, machine);
  if (!started) {
    std::cerr << "crmrules session: " << started.error().to_string() << '\n';
    return std::nullopt;
  }
  return std::move(*started);
}

/// The session saved at `path` (bytes, or JSON when it starts with '{'), which must be
/// of `machine`; nullopt (the error printed) otherwise.
std::optional<Session> restore(const RuleSet& rules, const std::string& machine, const std::string& path) {
  std::string saved, error;
  if (!read_file(path, saved, error)) {
    std::cerr << error << '\n';
    return std::nullopt;
  }
  auto restored =
      !saved.empty() && saved[0] == '{'
          ? Session::restore_json(rules, saved)
          : Session::restore(rules, std::span(reinterpret_cast<const std::uint8_t*>(saved.data()), saved.size()));
  if (!restored) {
    std::cerr << path << ": " << restored.error().to_string() << '\n';
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

/// The script at `path`; nullopt (the error printed) when it cannot be read.
std::optional<Script> read_script(const std::string& path) {
  std::string text, error;
  if (!read_file(path, text, error)) {
    std::cerr << error << '\n';
    return std::nullopt;
  }
  auto script = parse_script(std::move(text));
  if (!script) {
    std::cerr << path << ": " << script.error().to_string() << '\n';
    return std::nullopt;
  }
  return std::move(*script);
}

// ---- running the script ----

void print_recommendations(const Session& s) {
  auto recs = s.recommendations();
  if (!recs) {
    std::cout << "    (recommendations: " << recs.error().to_string() << ")\n";
    return;
  }
  for (const auto& r : *recs) {
    std::cout << "    " << r.kind << ": " << r.text << '\n';
    for (const auto& item : r.items) std::cout << "      - " << item << '\n';
  }
}

/// Step `number` (from 1) failed with `e`; the session stays where it was.
void print_failed(std::size_t number, const Error& e, const Session& s, bool json) {
  if (json)
    std::cout << "{\"step\": " << number << ", \"error\": " << to_json(e)
              << ", \"state\": " << json_string(s.state_name()) << "}\n";
  else
    std::cout << number << ". error: " << e.to_string() << "\n    (state stays " << s.state_name() << ")\n";
}

/// Step `number` (from 1) took the session from state `from` to where it is.
void print_fired(std::size_t number, const Step& step, std::int64_t time, const std::string& from, const Session& s,
                 bool json) {
  if (json) {
    auto recs = s.recommendations_json();
    std::cout << "{\"step\": " << number << ", \"event\": " << json_string(step.event) << ", \"time\": " << time
              << ", \"from\": " << json_string(from) << ", \"to\": " << json_string(s.state_name())
              << ", \"recommendations\": " << (recs ? *recs : std::string("[]")) << "}\n";
  } else {
    std::cout << number << ". [t=" << time << "] " << step.event << (step.data.empty() ? "" : " " + step.data) << ": "
              << from << " -> " << s.state_name() << (s.is_final() ? " (final)" : "") << '\n';
    print_recommendations(s);
  }
}

/// Fires every step of the script, printing each; the number of steps that failed.
int run_script(Session& s, const Script& script, bool json) {
  if (!json) std::cout << s.machine().name() << ": " << s.state_name() << '\n';
  int failures = 0;
  std::int64_t time = 0;
  for (std::size_t i = 0; i < script.steps.size(); ++i) {
    auto step = read_step(script, i);
    if (!step) {
      ++failures;
      print_failed(i + 1, step.error(), s, json);
      continue;
    }
    if (step->time) time = *step->time;
    const std::string from = s.state_name();
    if (auto to = s.fire_json(step->event, step->data, time); !to) {
      ++failures;
      print_failed(i + 1, placed_in_script(to.error(), script, *step), s, json);
      continue;
    }
    print_fired(i + 1, *step, time, from, s, json);
  }
  return failures;
}

/// Where the session ended: its status as JSON, or its state, context, needs, benefits,
/// allowed events and the count of steps.
void print_summary(const Session& s, std::size_t steps, int failures, bool json) {
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
  std::cout << steps - static_cast<std::size_t>(failures) << " steps fired, " << failures << " failed\n";
}

bool write_file(const std::string& path, const void* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out) std::cerr << "cannot write '" << path << "'\n";
  return static_cast<bool>(out);
}

/// Saves the session where --save (bytes) and --save-json ask; false (the error printed)
/// when a file cannot be written.
bool save(const Session& s, const Options& o) {
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

/// [RULES.json] MACHINE SCRIPT.json: start or restore the session, run the script,
/// print where it ended, save it.
Outcome run(const Options& o) {
  std::optional<RuleSet> loaded;
  if (o.files.size() == 3 && !load_rules(o.files[0], loaded)) return failed();
  const RuleSet& rules = loaded ? *loaded : Machine::builtin_rules();
  const std::string& machine = o.files[o.files.size() - 2];
  auto s = o.restore_path.empty() ? start(rules, machine) : restore(rules, machine, o.restore_path);
  if (!s) return failed();
  const auto script = read_script(o.files.back());
  if (!script) return failed();
  const int failures = run_script(*s, *script, o.json);
  print_summary(*s, script->steps.size(), failures, o.json);
  if (!save(*s, o)) return failed();
  return {failures == 0 ? 0 : 1, false, {}};
}

}  // namespace

Outcome session(Args args) {
  Options o;
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

}  // namespace crm::cli
