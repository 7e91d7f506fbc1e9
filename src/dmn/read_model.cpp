// Reading a DMN 1.1-1.5 model (XML, with pugixml) into the importer's model. Elements are
// matched by their local names in the namespace of the model's DMN version; what the
// importer cannot express is refused here with the element's path.
#include <pugixml.hpp>

#include <array>
#include <cstring>
#include <optional>
#include <set>

#include "src/dmn/contexts.hpp"
#include "src/dmn/invocations.hpp"
#include "src/dmn/model.hpp"
#include "src/json/parse.hpp"

namespace crm::internal::dmn {

Error error_at(std::string_view xml, const Where& at, ErrorCode code, const std::string& message) {
  Error e{code, message, {}};
  if (at.offset >= 0) e.where = position_of(xml, static_cast<std::size_t>(at.offset));
  e.where.pointer = at.path;  // the element's path: where a rule set's errors have a JSON pointer
  return e;
}

namespace {

/// The model namespaces of the DMN versions, and the version each names.
struct Version {
  std::string_view ns, version;
};
constexpr std::array<Version, 5> versions = {{{"http://www.omg.org/spec/DMN/20151101/dmn.xsd", "1.1"},
                                              {"http://www.omg.org/spec/DMN/20180521/MODEL/", "1.2"},
                                              {"https://www.omg.org/spec/DMN/20191111/MODEL/", "1.3"},
                                              {"https://www.omg.org/spec/DMN/20211108/MODEL/", "1.4"},
                                              {"https://www.omg.org/spec/DMN/20230324/MODEL/", "1.5"}}};

std::string_view local(const pugi::xml_node& n) {
  std::string_view name = n.name();
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

/// Nesting deeper than this (contexts in contexts, components in components) is refused,
/// rather than a risk to the stack.
constexpr int max_nesting = 64;

class Reader {
 public:
  explicit Reader(std::string_view xml) : xml_(xml) {}

  expected<Model> run() {
    const pugi::xml_parse_result parsed =
        doc_.load_buffer(xml_.data(), xml_.size(), pugi::parse_default | pugi::parse_ws_pcdata_single, pugi::encoding_utf8);
    if (!parsed) {
      Error e{ErrorCode::parse, std::string("malformed XML: ") + parsed.description(), {}};
      e.where = position_of(xml_, static_cast<std::size_t>(parsed.offset));
      return unexpected(std::move(e));
    }
    const pugi::xml_node root = doc_.document_element();
    if (local(root) != "definitions")
      return fail(root, "/" + std::string(root.name()), ErrorCode::invalid_rule,
                  "a DMN model's root element is 'definitions', not '" + std::string(root.name()) + "'");
    Model m;
    if (auto ok = read_version(root, m); !ok) return unexpected(ok.error());
    m.name = root.attribute("name").value();
    for (const pugi::xml_node& n : root.children()) {
      if (n.type() != pugi::node_element) continue;
      if (auto ok = read_top(n, m); !ok) return unexpected(ok.error());
    }
    if (m.decisions.empty())
      return fail(root, "/definitions", ErrorCode::invalid_rule, "the model has no decision");
    if (auto ok = expand_invocations(m, xml_); !ok) return unexpected(ok.error());
    if (auto ok = flatten_contexts(m, xml_); !ok) return unexpected(ok.error());
    return m;
  }

 private:
  Where where(const pugi::xml_node& n, std::string path) const { return Where{std::move(path), n.offset_debug()}; }

  unexpected fail(const pugi::xml_node& n, std::string path, ErrorCode code, const std::string& message) const {
    return unexpected(error_at(xml_, where(n, std::move(path)), code, message));
  }

  /// The namespace of the root's prefix (or the default one) names the DMN version.
  expected<void> read_version(const pugi::xml_node& root, Model& m) {
    std::string_view qname = root.name();
    const auto colon = qname.find(':');
    const std::string attr = colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(qname.substr(0, colon));
    m.ns = root.attribute(attr.c_str()).value();
    for (const auto& v : versions)
      if (m.ns == v.ns) {
        m.version = v.version;
        return {};
      }
    return unexpected(error_at(xml_, where(root, "/definitions"), ErrorCode::version_mismatch,
                               "namespace '" + m.ns + "' is no DMN version this library reads (DMN 1.1 to 1.5)"));
  }

  static pugi::xml_node child(const pugi::xml_node& n, std::string_view name) {
    for (const pugi::xml_node& c : n.children())
      if (c.type() == pugi::node_element && local(c) == name) return c;
    return {};
  }

  static std::string text_of(const pugi::xml_node& n) { return trimmed(child(n, "text").text().get()); }

  static std::string type_ref(const pugi::xml_node& n) {
    std::string t = n.attribute("typeRef").value();
    if (t.empty()) t = trimmed(child(n, "typeRef").text().get());  // DMN 1.1 writes it as an element
    return t;
  }

  expected<void> read_top(const pugi::xml_node& n, Model& m) {
    const std::string_view kind = local(n);
    const std::string path = "/definitions/" + std::string(kind) + "[@name='" + n.attribute("name").value() + "']";
    if ((kind == "inputData" || kind == "decision") && std::string_view(n.attribute("name").value()).empty())
      return fail(n, "/definitions/" + std::string(kind), ErrorCode::missing, "a " + std::string(kind) + " needs a name");
    if (kind == "itemDefinition") return read_item(n, path, m);
    if (kind == "inputData") {
      m.inputs.push_back(InputData{n.attribute("name").value(), type_ref(child(n, "variable")), where(n, path)});
      return {};
    }
    if (kind == "decision") return read_decision(n, path, m);
    if (kind == "businessKnowledgeModel") return read_bkm(n, path, m);
    if (kind == "import")
      return fail(n, "/definitions/import", ErrorCode::invalid_rule,
                  "imports of other models ('import') are not supported: import each model on its own");
    return {};  // decision services, knowledge sources, diagrams: not used
  }

  expected<void> read_item(const pugi::xml_node& n, const std::string& path, Model& m) {
    ItemDefinition item{n.attribute("name").value(), type_ref(n), {}, std::string_view(n.attribute("isCollection").value()) == "true",
                        {}, where(n, path)};
    if (const pugi::xml_node allowed = child(n, "allowedValues")) item.allowed = text_of(allowed);
    item.components = read_components(n, path);
    m.items.push_back(std::move(item));
    return {};
  }

  /// The itemComponents of n, each with its own (a nested structure).
  std::vector<Component> read_components(const pugi::xml_node& n, const std::string& path, int depth = 0) {
    std::vector<Component> out;
    if (depth >= max_nesting) return out;  // (leaves() refuses what is nested 8 deep)
    for (const pugi::xml_node& c : n.children()) {
      if (c.type() != pugi::node_element || local(c) != "itemComponent") continue;
      const std::string at = path + "/itemComponent[@name='" + c.attribute("name").value() + "']";
      out.push_back(Component{c.attribute("name").value(), type_ref(c),
                              std::string_view(c.attribute("isCollection").value()) == "true", read_components(c, at, depth + 1), where(c, at)});
    }
    return out;
  }

  expected<void> read_decision(const pugi::xml_node& n, const std::string& path, Model& m) {
    Decision d;
    d.name = n.attribute("name").value();
    d.type_ref = type_ref(child(n, "variable"));
    d.description = trimmed(child(n, "description").text().get());
    d.at = where(n, path);
    for (const pugi::xml_node& c : n.children()) {
      if (c.type() != pugi::node_element) continue;
      if (auto ok = read_logic(c, path, d); !ok) return ok;
    }
    if (!d.table && !d.literal && !d.invocation && !d.structure) {
      // No decision logic (a decision people take, or one a decision service is given):
      // its value is given with the inputs; without a type, when no decision requires it,
      // there is nothing to compute or give.
      if (!d.type_ref.empty()) m.inputs.push_back(InputData{d.name, d.type_ref, d.at});
      else if (required(n.attribute("id").value()))
        return fail(n, path, ErrorCode::invalid_rule,
                    "decision '" + d.name + "' has no decision logic and no type: as an input, which a decision requires, it needs a typeRef");
      return {};
    }
    m.decisions.push_back(std::move(d));
    return {};
  }

  /// A decision's (or a context entry's) logic, when `c` is one: a decision table, a
  /// literal expression or a boxed context; other boxed expressions are refused.
  expected<void> read_logic(const pugi::xml_node& c, const std::string& path, Decision& d) {
    const std::string_view kind = local(c);
    if (kind == "decisionTable") {
      auto t = read_table(c, path + "/decisionTable");
      if (!t) return unexpected(t.error());
      d.table = std::move(*t);
    } else if (kind == "literalExpression") {
      d.literal = Feel{text_of(c), where(c, path + "/literalExpression")};
    } else if (kind == "context") {
      return read_context(c, path + "/context", d);
    } else if (kind == "invocation") {
      return read_invocation(c, path + "/invocation", d);
    } else if (kind == "relation" || kind == "list" || kind == "functionDefinition" ||
               kind == "conditional" || kind == "filter" || kind == "iterator" || kind == "for" || kind == "some" ||
               kind == "every") {
      return fail(c, path + "/" + std::string(kind), ErrorCode::invalid_rule,
                  "a decision whose logic is a " + std::string(kind) + " (boxed expression) is not supported");
    }
    return {};
  }

  /// A boxed context: each named entry a decision of d's context; the last entry, without
  /// a name, d's result (without it, d is the structure of the entries).
  expected<void> read_context(const pugi::xml_node& n, const std::string& path, Decision& d) {
    std::vector<pugi::xml_node> entries;
    for (const pugi::xml_node& c : n.children())
      if (c.type() == pugi::node_element && local(c) == "contextEntry") entries.push_back(c);
    if (entries.empty()) return fail(n, path, ErrorCode::invalid_rule, "a context without entries");
    if (depth_ >= max_nesting)
      return fail(n, path, ErrorCode::out_of_range, "contexts nested deeper than " + std::to_string(max_nesting));
    ++depth_;
    struct Leave {
      int& depth;
      ~Leave() { --depth; }
    } leave{depth_};
    for (std::size_t k = 0; k < entries.size(); ++k) {
      const pugi::xml_node e = entries[k];
      const std::string at = path + "/contextEntry[" + std::to_string(k + 1) + "]";
      const pugi::xml_node variable = child(e, "variable");
      const std::string name = variable.attribute("name").value();
      if (name.empty() && k + 1 < entries.size())
        return fail(e, at, ErrorCode::missing, "a context entry needs a name (a variable); only the last entry, the context's result, has none");
      Decision entry;
      entry.name = name;
      entry.type_ref = type_ref(variable);
      entry.at = where(e, at);
      Decision& into = name.empty() ? d : entry;
      for (const pugi::xml_node& c : e.children())
        if (c.type() == pugi::node_element && local(c) != "variable")
          if (auto ok = read_logic(c, at, into); !ok) return ok;
      if (!into.table && !into.literal && !into.invocation && !into.structure)
        return fail(e, at, ErrorCode::invalid_rule, "context entry '" + name + "' has no value (a literal expression, a decision table or a context)");
      if (name.empty()) return {};
      for (const auto& before : d.context)
        if (before.name == name) return fail(e, at, ErrorCode::invalid_rule, "the context has two entries named '" + name + "'");
      d.context.push_back(std::move(entry));
    }
    d.structure = true;  // no result entry: the context's value is the structure of its entries
    return {};
  }

  /// Whether a requiredDecision of the model points at the element of this id (the
  /// references gathered once).
  bool required(std::string_view id) {
    if (id.empty()) return false;
    if (!required_) {
      struct Walker : pugi::xml_tree_walker {
        std::set<std::string, std::less<>> hrefs;
        bool for_each(pugi::xml_node& n) override {
          if (local(n) == "requiredDecision") hrefs.insert(n.attribute("href").value());
          return true;
        }
      } walker;
      doc_.traverse(walker);
      required_ = std::move(walker.hrefs);
    }
    return required_->contains("#" + std::string(id));
  }

  /// A business knowledge model: its FEEL function's parameters and body.
  expected<void> read_bkm(const pugi::xml_node& n, const std::string& path, Model& m) {
    Bkm b{n.attribute("name").value(), {}, {}, Decision{}, where(n, path)};
    if (b.name.empty()) return fail(n, "/definitions/businessKnowledgeModel", ErrorCode::missing, "a businessKnowledgeModel needs a name");
    const pugi::xml_node logic = child(n, "encapsulatedLogic");
    const std::string at = path + "/encapsulatedLogic";
    if (!logic) return fail(n, path, ErrorCode::invalid_rule, "business knowledge model '" + b.name + "' has no encapsulatedLogic");
    if (const std::string_view kind = logic.attribute("kind").value(); !kind.empty() && kind != "FEEL")
      return fail(logic, at, ErrorCode::invalid_rule, "a business knowledge model of kind '" + std::string(kind) + "' is not supported (FEEL is)");
    b.body.name = b.name;
    b.body.at = where(logic, at);
    for (const pugi::xml_node& c : logic.children()) {
      if (c.type() != pugi::node_element) continue;
      if (local(c) == "formalParameter") {
        const std::string name = c.attribute("name").value();
        if (name.empty()) return fail(c, at + "/formalParameter", ErrorCode::missing, "a formalParameter needs a name");
        b.parameters.push_back(name);
        b.parameter_types.push_back(c.attribute("typeRef").value());
      } else if (auto ok = read_logic(c, at, b.body); !ok) {
        return ok;
      }
    }
    if (!b.body.table && !b.body.literal && !b.body.invocation && !b.body.structure)
      return fail(logic, at, ErrorCode::invalid_rule, "business knowledge model '" + b.name + "' has no body (a literal expression, a decision table or a context)");
    m.bkms.push_back(std::move(b));
    return {};
  }

  /// An invocation: the model's name and a binding of each parameter to a literal expression.
  expected<void> read_invocation(const pugi::xml_node& n, const std::string& path, Decision& d) {
    const pugi::xml_node name = child(n, "literalExpression");
    Invocation call{Feel{text_of(name), where(name ? name : n, path + "/literalExpression")}, {}, where(n, path)};
    if (call.bkm.feel.empty()) return fail(n, path, ErrorCode::missing, "an invocation needs the invoked model's name (a literalExpression)");
    std::size_t k = 0;
    for (const pugi::xml_node& c : n.children()) {
      if (c.type() != pugi::node_element || local(c) != "binding") continue;
      const std::string at = path + "/binding[" + std::to_string(++k) + "]";
      Binding b{child(c, "parameter").attribute("name").value(), {}, where(c, at)};
      if (b.parameter.empty()) return fail(c, at, ErrorCode::missing, "a binding needs its parameter's name (parameter name=...)");
      const pugi::xml_node value = child(c, "literalExpression");
      for (const pugi::xml_node& v : c.children())
        if (v.type() == pugi::node_element && local(v) != "parameter" && local(v) != "literalExpression")
          return fail(v, at + "/" + std::string(local(v)), ErrorCode::invalid_rule,
                      "a binding's value as a " + std::string(local(v)) + " is not supported (a literal expression is)");
      b.value = Feel{value ? text_of(value) : "null", where(value ? value : c, value ? at + "/literalExpression" : at)};
      call.bindings.push_back(std::move(b));
    }
    d.invocation = std::move(call);
    return {};
  }

  expected<Table> read_table(const pugi::xml_node& n, const std::string& path) {
    Table t;
    t.at = where(n, path);
    if (const char* policy = n.attribute("hitPolicy").value(); *policy) t.hit_policy = policy;
    t.aggregation = n.attribute("aggregation").value();
    std::size_t inputs = 0, outputs = 0, rules = 0;
    for (const pugi::xml_node& c : n.children()) {
      if (c.type() != pugi::node_element) continue;
      const std::string_view kind = local(c);
      if (kind == "input") {
        const std::string at = path + "/input[" + std::to_string(++inputs) + "]";
        const pugi::xml_node e = child(c, "inputExpression");
        Column col{Feel{text_of(e), where(e, at + "/inputExpression")}, type_ref(e), {}};
        if (const pugi::xml_node v = child(c, "inputValues")) col.values = Feel{text_of(v), where(v, at + "/inputValues")};
        t.columns.push_back(std::move(col));
      } else if (kind == "output") {
        const std::string at = path + "/output[" + std::to_string(++outputs) + "]";
        Output o{c.attribute("name").value(), type_ref(c), {}, {}, where(c, at)};
        if (const pugi::xml_node v = child(c, "outputValues")) o.values = Feel{text_of(v), where(v, at + "/outputValues")};
        if (const pugi::xml_node v = child(c, "defaultOutputEntry"))
          o.default_entry = Feel{text_of(v), where(v, at + "/defaultOutputEntry")};
        t.outputs.push_back(std::move(o));
      } else if (kind == "rule") {
        t.rules.push_back(read_rule(c, path + "/rule[" + std::to_string(++rules) + "]"));
      }
    }
    return t;
  }

  Rule read_rule(const pugi::xml_node& n, const std::string& path) {
    Rule r{n.attribute("id").value(), trimmed(child(n, "description").text().get()), {}, {}, where(n, path)};
    std::size_t in = 0, out = 0;
    for (const pugi::xml_node& c : n.children()) {
      if (c.type() != pugi::node_element) continue;
      const std::string_view kind = local(c);
      if (kind == "inputEntry") r.inputs.push_back(Feel{text_of(c), where(c, path + "/inputEntry[" + std::to_string(++in) + "]")});
      else if (kind == "outputEntry")
        r.outputs.push_back(Feel{text_of(c), where(c, path + "/outputEntry[" + std::to_string(++out) + "]")});
      else if (kind == "annotationEntry" && r.description.empty())
        r.description = text_of(c);
    }
    return r;
  }

  std::string_view xml_;
  pugi::xml_document doc_;
  std::optional<std::set<std::string, std::less<>>> required_;  // the hrefs of requiredDecisions
  int depth_ = 0;  // contexts and components within each other
};

}  // namespace

expected<Model> read_model(std::string_view xml) { return Reader(xml).run(); }

}  // namespace crm::internal::dmn
