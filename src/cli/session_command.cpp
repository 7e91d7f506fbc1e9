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
#include <boost/json/serialize.hpp>
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "src/json/parse.hpp"
#include "src/json/reader.hpp"
#include "src/json/writer.hpp"
#include "crmrules/session.hpp"

namespace crm::cli {
namespace {

bool write_file(const std::string& path, const void* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  return static_cast<bool>(out);
}

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

Outcome list(const std::vector<std::string>& files) {
  std::optional<RuleSet> loaded;
  if (!files.empty() && !load_rules(files[0], loaded)) return {1, false, {}};
  const RuleSet& rules = loaded ? *loaded : Machine::builtin_rules();
  for (const auto& name : Machine::names(rules)) {
    auto m = *Machine::find(rules, name);
    std::cout << name << ": " << m.description() << "\n  states:";
    for (std::size_t i = 0; i < m.state_count(); ++i)
      std::cout << ' ' << m.state_name(static_cast<StateId>(i)) << (m.is_final(static_cast<StateId>(i)) ? " (final)" : "");
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
  return {};
}

}  // namespace

Outcome session(Args args) {
  std::vector<std::string> files;
  bool json = false, list_machines = false;
  std::string restore_path, save_path, save_json_path;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto a = args[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= args.size()) return false;
      out = std::string(args[++i]);
      return true;
    };
    if (a == "--json") json = true;
    else if (a == "--list") list_machines = true;
    else if (a == "--builtin-json") {
      std::cout << Machine::builtin_json();
      return {};
    } else if (a == "--restore") {
      if (!value(restore_path)) return usage_error("--restore needs a FILE");
    } else if (a == "--save") {
      if (!value(save_path)) return usage_error("--save needs a FILE");
    } else if (a == "--save-json") {
      if (!value(save_json_path)) return usage_error("--save-json needs a FILE");
    } else if (!a.starts_with("--")) files.emplace_back(a);
    else return usage_error("unexpected argument '" + std::string(a) + "'");
  }
  if (list_machines) {
    if (files.size() > 1) return usage_error("session --list takes at most RULES.json");
    return list(files);
  }
  if (files.size() != 2 && files.size() != 3)
    return usage_error("session needs [RULES.json] MACHINE SCRIPT.json (no RULES.json: a built-in machine)");

  std::optional<RuleSet> loaded;
  if (files.size() == 3 && !load_rules(files[0], loaded)) return {1, false, {}};
  const RuleSet& rules = loaded ? *loaded : Machine::builtin_rules();
  const std::string& machine = files[files.size() - 2];
  const std::string& script_path = files.back();

  std::optional<Session> s;
  if (!restore_path.empty()) {
    std::string saved, error;
    if (!read_file(restore_path, saved, error)) {
      std::cerr << error << '\n';
      return {1, false, {}};
    }
    auto restored = !saved.empty() && saved[0] == '{'
                        ? Session::restore_json(rules, saved)
                        : Session::restore(rules, std::span(reinterpret_cast<const std::uint8_t*>(saved.data()), saved.size()));
    if (!restored) {
      std::cerr << restore_path << ": " << restored.error().to_string() << '\n';
      return {1, false, {}};
    }
    if (restored->machine().name() != machine) {
      std::cerr << restore_path << ": the saved session is of machine '" << restored->machine().name() << "', not '"
                << machine << "'\n";
      return {1, false, {}};
    }
    s = std::move(*restored);
  } else {
    auto started = Session::start(rules, machine);
    if (!started) {
      std::cerr << "crmrules session: " << started.error().to_string() << '\n';
      return {1, false, {}};
    }
    s = std::move(*started);
  }

  std::string script, error;
  if (!read_file(script_path, script, error)) {
    std::cerr << error << '\n';
    return {1, false, {}};
  }
  auto doc = internal::parse_json(script);
  if (!doc) {
    std::cerr << script_path << ": " << doc.error().to_string() << '\n';
    return {1, false, {}};
  }
  const internal::JsonReader root(&*doc, "");
  auto steps = root.array();
  if (!steps) {
    std::cerr << script_path << ": " << steps.error().to_string() << '\n';
    return {1, false, {}};
  }

  if (!json) std::cout << s->machine().name() << ": " << s->state_name() << '\n';
  int failures = 0;
  std::int64_t time = 0;
  for (std::size_t i = 0; i < (*steps)->size(); ++i) {
    const internal::JsonReader step = root.at(i);
    auto fail_step = [&](const Error& e) {
      ++failures;
      if (json) {
        std::string line = "{\"step\": " + std::to_string(i + 1) + ", \"error\": {\"code\": ";
        internal::write_json_string(line, to_string(e.code));
        line += ", \"message\": ";
        internal::write_json_string(line, e.message);
        line += ", \"pointer\": ";
        internal::write_json_string(line, e.where.pointer);
        std::cout << line << "}, \"state\": \"" << s->state_name() << "\"}\n";
      } else {
        std::cout << i + 1 << ". error: " << e.to_string() << "\n    (state stays " << s->state_name() << ")\n";
      }
    };
    if (auto keys = step.only_keys({"event", "data", "time", "note"}); !keys) {
      fail_step(keys.error());
      continue;
    }
    auto event = step["event"].string();
    if (!event) {
      fail_step(event.error());
      continue;
    }
    if (step["time"].exists()) {
      auto t = step["time"].integer();
      if (!t) {
        fail_step(t.error());
        continue;
      }
      time = *t;
    }
    const std::string data = step["data"].exists() ? boost::json::serialize(*step["data"].raw()) : std::string();
    const std::string from = s->state_name();
    auto to = s->fire_json(*event, data, time);
    if (!to) {
      // A data error's place: in the script, not in the data's text.
      Error e = to.error();
      if (e.where.pointer.starts_with("/") && !e.where.pointer.starts_with("/machines/"))
        e.where = internal::locate(script, step["data"].pointer() + e.where.pointer);
      fail_step(e);
      continue;
    }
    if (json) {
      auto recs = s->recommendations_json();
      std::string line = "{\"step\": " + std::to_string(i + 1) + ", \"event\": ";
      internal::write_json_string(line, *event);
      line += ", \"time\": " + std::to_string(time) + ", \"from\": ";
      internal::write_json_string(line, from);
      line += ", \"to\": ";
      internal::write_json_string(line, s->state_name());
      line += ", \"recommendations\": " + (recs ? *recs : std::string("[]")) + "}";
      std::cout << line << '\n';
    } else {
      std::cout << i + 1 << ". [t=" << time << "] " << *event << (data.empty() ? "" : " " + data) << ": " << from
                << " -> " << s->state_name() << (s->is_final() ? " (final)" : "") << '\n';
      print_recommendations(*s);
    }
  }

  if (json) {
    auto status = s->status_json();
    std::cout << (status ? *status : s->save_json()) << '\n';
  } else {
    std::cout << "state: " << s->state_name() << (s->is_final() ? " (final)" : "") << '\n';
    std::cout << "context: " << s->context_json() << '\n';
    if (!s->needs().empty()) std::cout << "needs: " << s->needs_json() << '\n';
    if (auto b = s->benefit_statements(); !b.empty()) std::cout << "benefits: " << s->benefits_json() << '\n';
    std::cout << "allowed: " << s->allowed_events_json() << '\n';
    std::cout << (*steps)->size() - static_cast<std::size_t>(failures) << " steps fired, " << failures << " failed\n";
  }
  if (!save_path.empty()) {
    const auto bytes = s->save();
    if (!write_file(save_path, bytes.data(), bytes.size())) {
      std::cerr << "cannot write '" << save_path << "'\n";
      return {1, false, {}};
    }
  }
  if (!save_json_path.empty()) {
    const std::string text = s->save_json();
    if (!write_file(save_json_path, text.data(), text.size())) {
      std::cerr << "cannot write '" << save_json_path << "'\n";
      return {1, false, {}};
    }
  }
  return {failures == 0 ? 0 : 1, false, {}};
}

}  // namespace crm::cli
