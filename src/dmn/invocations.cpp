// Business knowledge models expanded at their calls: the call a context of the bound
// parameters and a copy of the model's body, sealed so that it sees only them.
#include "src/dmn/invocations.hpp"

#include <algorithm>

#include "src/dmn/feel.hpp"
#include "src/dmn/structures.hpp"

namespace crm::internal::dmn {
namespace {

constexpr int max_invocation_depth = 16;  // models invoking models (and themselves)
constexpr int max_calls = 1000;           // calls written out in one model

/// The end of the string literal starting at i (the index after its closing quote).
std::size_t after_string(std::string_view t, std::size_t i) {
  for (++i; i < t.size() && t[i] != '"'; ++i)
    if (t[i] == '\\') ++i;
  return std::min(i + 1, t.size());
}

class Expander {
 public:
  Expander(Model& m, std::string_view xml) : m_(m), xml_(xml) {
    for (const auto& b : m_.bkms) by_length_.push_back(&b);
    std::stable_sort(by_length_.begin(), by_length_.end(),
                     [](const Bkm* a, const Bkm* b) { return a->name.size() > b->name.size(); });
  }

  expected<void> run() {
    for (Decision& d : m_.decisions)
      if (auto ok = expand(d, 0); !ok) return ok;
    return {};
  }

 private:
  unexpected fail(const Where& at, ErrorCode code, const std::string& message) const {
    return unexpected(error_at(xml_, at, code, message));
  }

  const Bkm* find(std::string_view name) const {
    for (const Bkm* b : by_length_)
      if (b->name == name) return b;
    return nullptr;
  }

  static std::string parameters(const Bkm& b) {
    std::string all;
    for (const auto& p : b.parameters) all += (all.empty() ? "" : ", ") + p;
    return all;
  }

  /// d's context entries, its invocation and the calls in its literal, expanded.
  expected<void> expand(Decision& d, int depth) {
    for (Decision& e : d.context)
      if (auto ok = expand(e, depth); !ok) return ok;
    if (d.literal) {  // (before an invocation: the literal it writes names a call already)
      auto text = rewrite_calls(d, *d.literal, depth);
      if (!text) return unexpected(text.error());
      d.literal->feel = std::move(*text);
    }
    if (d.invocation) {
      const Invocation call = std::move(*d.invocation);
      d.invocation.reset();
      const Bkm* b = find(call.bkm.feel);
      if (b == nullptr)
        return fail(call.bkm.at, ErrorCode::unknown_name, "the model has no business knowledge model '" + call.bkm.feel + "'");
      std::vector<std::optional<Feel>> args(b->parameters.size());
      for (const Binding& x : call.bindings) {
        const auto p = std::find(b->parameters.begin(), b->parameters.end(), x.parameter);
        if (p == b->parameters.end())
          return fail(x.at, ErrorCode::unknown_name, "business knowledge model '" + b->name + "' has no parameter '" + x.parameter +
                                                         "' (its parameters: " + parameters(*b) + ")");
        auto& arg = args[static_cast<std::size_t>(p - b->parameters.begin())];
        if (arg) return fail(x.at, ErrorCode::invalid_rule, "parameter '" + x.parameter + "' is bound twice");
        arg = x.value;
      }
      auto name = add_call(d, *b, std::move(args), call.at, depth);
      if (!name) return unexpected(name.error());
      d.literal = Feel{*name, call.at};
    }
    return {};
  }

  /// A call of b as a context entry of d: its parameters (null when not bound) and the
  /// body; the entry's name, which d's FEEL then reads.
  expected<std::string> add_call(Decision& d, const Bkm& b, std::vector<std::optional<Feel>> args, const Where& at, int depth) {
    if (depth >= max_invocation_depth)
      return fail(at, ErrorCode::invalid_rule,
                  "business knowledge model '" + b.name + "' is invoked " + std::to_string(max_invocation_depth) +
                      " deep (it invokes itself?): recursion is not supported");
    if (++calls_ > max_calls)
      return fail(at, ErrorCode::out_of_range, "more than " + std::to_string(max_calls) + " invocations of business knowledge models");
    Decision call;
    call.name = b.name + " (call " + std::to_string(calls_) + ")";
    call.at = at;
    for (std::size_t k = 0; k < args.size(); ++k) {
      // A structure's parameter is one per leaf ("Person.Name"), bound to the argument's
      // leaf ("Applicant.Name"): the argument then names a structure.
      std::vector<Leaf> parts{Leaf{"", "", at}};
      if (const ItemDefinition* item = find_item(m_, b.parameter_types[k]); item != nullptr && !item->components.empty()) {
        auto all = leaves(m_, item->components, xml_);
        if (!all) return unexpected(all.error());
        parts = std::move(*all);
      }
      for (const Leaf& leaf : parts) {
        Decision p;
        p.name = b.parameters[k] + (leaf.path.empty() ? "" : "." + leaf.path);
        p.at = args[k] ? args[k]->at : at;
        p.literal = args[k] ? *args[k] : Feel{"null", at};
        if (args[k] && !leaf.path.empty()) p.literal->feel = trimmed(p.literal->feel) + "." + leaf.path;
        if (auto ok = expand(p, depth); !ok) return unexpected(ok.error());  // the caller's calls
        call.context.push_back(std::move(p));
      }
    }
    Decision body = b.body;
    body.sealed = true;
    if (auto ok = expand(body, depth + 1); !ok) return unexpected(ok.error());
    call.context.push_back(std::move(body));
    call.literal = Feel{b.name, at};
    d.context.push_back(std::move(call));
    return d.context.back().name;
  }

  /// The calls of business knowledge models in a literal (NAME(args), outside strings)
  /// each replaced by the name of its context entry in d.
  expected<std::string> rewrite_calls(Decision& d, const Feel& f, int depth) {
    const std::string_view t = f.feel;
    std::string out;
    std::size_t i = 0;
    while (i < t.size()) {
      if (t[i] == '"') {
        const std::size_t end = after_string(t, i);
        out += t.substr(i, end - i);
        i = end;
        continue;
      }
      const Bkm* b = nullptr;
      std::size_t open = 0;
      if (i == 0 || !name_char(t[i - 1]))
        for (const Bkm* x : by_length_) {
          if (!t.substr(i).starts_with(x->name)) continue;
          std::size_t k = i + x->name.size();
          if (k < t.size() && name_char(t[k]) && name_char(x->name.back())) continue;
          while (k < t.size() && (t[k] == ' ' || t[k] == '\t' || t[k] == '\n' || t[k] == '\r')) ++k;
          if (k < t.size() && t[k] == '(') {
            b = x;
            open = k;
            break;
          }
        }
      if (b == nullptr) {
        out += t[i++];
        continue;
      }
      auto args = arguments(f, open);
      if (!args) return unexpected(args.error());
      auto& [list, close] = *args;
      if (list.size() != b->parameters.size())
        return fail(f.at, ErrorCode::invalid_rule, "business knowledge model '" + b->name + "' takes " +
                                                       std::to_string(b->parameters.size()) + " arguments (" + parameters(*b) +
                                                       "), not " + std::to_string(list.size()));
      std::vector<std::optional<Feel>> values;
      for (auto& a : list) values.emplace_back(Feel{std::move(a), f.at});
      auto name = add_call(d, *b, std::move(values), f.at, depth);
      if (!name) return unexpected(name.error());
      out += *name;
      i = close + 1;
    }
    return out;
  }

  /// The arguments of the call whose '(' is at `open`, split at the commas outside
  /// brackets and strings, and the index of its ')'.
  expected<std::pair<std::vector<std::string>, std::size_t>> arguments(const Feel& f, std::size_t open) const {
    const std::string_view t = f.feel;
    std::vector<std::string> list;
    std::string arg;
    int depth = 0;
    for (std::size_t i = open + 1; i < t.size(); ++i) {
      const char c = t[i];
      if (c == '"') {
        const std::size_t end = after_string(t, i);
        arg += t.substr(i, end - i);
        i = end - 1;
        continue;
      }
      if (depth == 0 && (c == ',' || c == ')')) {
        const auto first = arg.find_first_not_of(" \t\r\n");
        if (first == std::string::npos) {
          if (c == ')' && list.empty()) return std::pair{list, i};  // no arguments
          return fail(f.at, ErrorCode::parse, "an empty argument in FEEL '" + f.feel + "'");
        }
        list.push_back(arg);
        arg.clear();
        if (c == ')') return std::pair{list, i};
        continue;
      }
      if (depth == 0 && c == ':')
        return fail(f.at, ErrorCode::invalid_rule, "named arguments (name: value) of a business knowledge model are not supported");
      if (c == '(' || c == '[' || c == '{') ++depth;
      if (c == ')' || c == ']' || c == '}') --depth;
      arg += c;
    }
    return fail(f.at, ErrorCode::parse, "unbalanced brackets in FEEL '" + f.feel + "'");
  }

  Model& m_;
  std::string_view xml_;
  std::vector<const Bkm*> by_length_;
  int calls_ = 0;
};

}  // namespace

expected<void> expand_invocations(Model& m, std::string_view xml) { return Expander(m, xml).run(); }

}  // namespace crm::internal::dmn
