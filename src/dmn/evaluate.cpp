// crm::dmn::evaluate_json: inputs and results by their DMN names, through the rule set's
// own evaluate_json.
#include <algorithm>
#include <boost/json.hpp>

#include "crmrules/dmn.hpp"
#include "src/core/suggest.hpp"
#include "src/dmn/exact_numbers.hpp"
#include "src/json/parse.hpp"
#include "src/json/reader.hpp"

namespace crm::dmn {
namespace {

const Name* find(const std::vector<Name>& names, std::string_view dmn, std::string_view kind) {
  for (const auto& n : names)
    if (n.dmn == dmn && n.kind == kind) return &n;
  return nullptr;
}

unexpected unknown_input(const std::vector<Name>& names, std::string_view key) {
  std::vector<std::string_view> inputs;
  for (const auto& n : names)
    if (n.kind == "input" || (n.kind == "input_component" && (inputs.empty() || inputs.back() != n.parent)))
      inputs.emplace_back(n.kind == "input" ? n.dmn : n.parent);
  return unexpected(Error{ErrorCode::unknown_name,
                          "the model has no input '" + std::string(key) + "'" + internal::did_you_mean(key, inputs),
                          Location::at_pointer("/" + internal::pointer_token(key))});
}

/// A structured input's components (prefix "Applicant" or, nested, "Applicant.Monthly")
/// as the rule set's inputs.
expected<void> components(const std::vector<Name>& names, std::string_view input, const std::string& prefix,
                          const std::string& pointer, const boost::json::object& v, boost::json::object& out) {
  for (const auto& [ck, cv] : v) {
    const std::string component(ck.data(), ck.size());
    const std::string dmn = prefix + "." + component, at = pointer + "/" + internal::pointer_token(component);
    if (const Name* c = find(names, dmn, "input_component")) {
      out[c->crm] = cv;
      continue;
    }
    const bool nested = std::any_of(names.begin(), names.end(), [&](const Name& n) {
      return n.kind == "input_component" && n.parent == input && n.dmn.starts_with(dmn + ".");
    });
    if (!nested)
      return unexpected(Error{ErrorCode::unknown_name, "input '" + prefix + "' has no component '" + component + "'",
                              Location::at_pointer(at)});
    if (cv.is_null()) continue;
    if (!cv.is_object())
      return unexpected(Error{ErrorCode::type_mismatch, "'" + dmn + "' is a structure: give an object", Location::at_pointer(at)});
    if (auto ok = components(names, input, dmn, at, cv.get_object(), out); !ok) return ok;
  }
  return {};
}

/// The inputs by DMN names as the rule set's: a structured input's components flattened.
expected<boost::json::object> crm_inputs(const std::vector<Name>& names, const boost::json::object& in) {
  boost::json::object out;
  for (const auto& [k, v] : in) {
    const std::string_view key(k.data(), k.size());
    if (const Name* n = find(names, key, "input")) {
      out[n->crm] = v;
      continue;
    }
    bool structured = false;
    for (const auto& n : names)
      if (n.kind == "input_component" && n.parent == key) structured = true;
    if (!structured) return unknown_input(names, key);
    if (v.is_null()) continue;
    if (!v.is_object())
      return unexpected(Error{ErrorCode::type_mismatch, "input '" + std::string(key) + "' is a structure: give an object",
                              Location::at_pointer("/" + internal::pointer_token(key))});
    if (auto ok = components(names, key, std::string(key), "/" + internal::pointer_token(key), v.get_object(), out); !ok)
      return unexpected(ok.error());
  }
  return out;
}

/// A multi-hit decision's outputs, a list each, as DMN gives them: a list of structures
/// (element i of each list in the i-th).
boost::json::value rows_of(const boost::json::object& outputs) {
  std::size_t n = 0;
  for (const auto& [k, v] : outputs) {
    if (!v.is_array()) return outputs;
    n = v.get_array().size();
  }
  boost::json::array rows(n, boost::json::object());
  for (const auto& [k, v] : outputs)
    for (std::size_t i = 0; i < n && i < v.get_array().size(); ++i) rows[i].get_object()[k] = v.get_array()[i];
  return rows;
}

/// The results by DMN names: a decision with several outputs as a structure of them (a
/// list of structures under a multi-hit policy).
boost::json::object dmn_results(const std::vector<Name>& names, const boost::json::object& results) {
  boost::json::object out;
  for (const auto& n : names) {
    if (n.kind == "decision") {
      if (const auto* v = results.if_contains(n.crm)) out[n.dmn] = *v;
    } else if (n.kind == "output") {
      if (const auto* v = results.if_contains(n.crm)) {
        boost::json::value* at = &out[n.parent];
        std::string_view path = std::string_view(n.dmn).substr(n.parent.size() + 1);
        // A structure's leaf ("RGB.R": the decision is no table of its own) is nested.
        const bool structure = find(names, n.parent, "decision") == nullptr;
        for (auto dot = path.find('.'); structure && dot != std::string_view::npos; dot = path.find('.')) {
          if (!at->is_object()) *at = boost::json::object();
          at = &at->get_object()[path.substr(0, dot)];
          path = path.substr(dot + 1);
        }
        if (!at->is_object()) *at = boost::json::object();
        at->get_object()[path] = *v;
      }
    }
  }
  for (auto& [k, v] : out)
    if (v.is_object() && find(names, std::string_view(k.data(), k.size()), "decision") != nullptr)
      for (const auto& n : names)
        if (n.kind == "output" && n.parent == std::string_view(k.data(), k.size())) {
          v = rows_of(v.get_object());
          break;
        }
  return out;
}

}  // namespace

expected<std::string> evaluate_json(const RuleSet& rules, std::string_view dmn_inputs_json) {
  const std::vector<Name> all = names(rules);
  auto doc = internal::parse_json(dmn_inputs_json);
  if (!doc) return unexpected(doc.error());
  if (!doc->is_object()) return unexpected(Error{ErrorCode::type_mismatch, "the inputs are a JSON object", {}});
  auto in = crm_inputs(all, doc->get_object());
  if (!in) {
    Error e = in.error();
    e.where = internal::locate(dmn_inputs_json, e.where.pointer);
    return unexpected(std::move(e));
  }
  auto out = rules.evaluate_json(boost::json::serialize(*in));
  if (!out) return out;
  // Boost.JSON reads numbers as doubles: they pass through as strings, exact.
  boost::system::error_code ec;
  const boost::json::value results = boost::json::parse(internal::dmn::numbers_as_strings(*out), ec);
  if (ec || !results.is_object()) return unexpected(Error{ErrorCode::internal, "the rule set's results are no JSON object", {}});
  return internal::dmn::numbers_back(boost::json::serialize(dmn_results(all, results.get_object())));
}

}  // namespace crm::dmn
