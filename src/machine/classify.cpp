// A machine's classifiers: the customer's words to a label, by rule sets the machine
// carries, and the event data fields they fill in.
#include "src/machine/classify.hpp"

#include <algorithm>

#include "src/core/suggest.hpp"
#include "src/json/reader.hpp"
#include "src/json/writer.hpp"

namespace crm {

std::string Classification::to_json() const {
  std::string out;
  internal::JsonObject o(out);
  o.string("classifier", classifier);
  if (matched()) o.string("label", label).string("rule", rule);
  else o.null("label").null("rule");
  o.boolean("matched", matched());
  o.close();
  return out;
}

}  // namespace crm

namespace crm::internal::machine {

namespace {

[[nodiscard]] expected<Classifier> load_classifier(const SectionSource& source, const JsonReader& at,
                                                   std::string_view machine, std::string name) {
  auto rules = load_nested_rule_set(source, at, "machines/" + std::string(machine) + "/" + name);
  if (!rules) return unexpected(rules.error());
  const auto& fields = rules->schema().fields();
  if (fields.size() != 1 || fields[0].type != FieldType::string)
    return at["inputs"].error(ErrorCode::invalid_rule, "classifier '" + name +
                                                           "' needs exactly one input, of type string: the words");
  auto output = rules->output_index(name);
  if (!output) return at["decisions"].error(ErrorCode::invalid_rule, "classifier '" + name + "' needs an output named '" + name + "': the label");
  return Classifier{std::move(name), std::move(*rules), *output};
}

[[nodiscard]] expected<std::uint32_t> data_field(const JsonReader& at, const Event& event, std::string_view role) {
  auto name = at.string();
  if (!name) return unexpected(name.error());
  if (auto slot = event.data.slot_of(*name)) return static_cast<std::uint32_t>(*slot);
  std::vector<std::string_view> names;
  for (const auto& f : event.data.fields()) names.emplace_back(f.name);
  return at.error(ErrorCode::unknown_name, "event '" + event.name + "' has no data field '" + std::string(*name) +
                                               "' to " + std::string(role) + did_you_mean(*name, names));
}

}  // namespace

expected<std::vector<Classifier>> load_classifiers(const SectionSource& source, const JsonReader& at,
                                                   std::string_view machine) {
  std::vector<Classifier> out;
  if (!at.exists()) return out;
  auto obj = at.object();
  if (!obj) return unexpected(obj.error());
  for (const auto& member : **obj) {
    std::string name(member.key().data(), member.key().size());
    auto c = load_classifier(source, at[name], machine, name);
    if (!c) return unexpected(c.error());
    out.push_back(std::move(*c));
  }
  return out;
}

expected<std::vector<ClassifyDef>> load_classify(const JsonReader& at, const Event& event,
                                                 const std::vector<Classifier>& classifiers) {
  std::vector<ClassifyDef> out;
  if (!at.exists()) return out;
  auto obj = at.object();
  if (!obj) return unexpected(obj.error());
  for (const auto& member : **obj) {
    const std::string_view key(member.key().data(), member.key().size());
    const JsonReader spec = at[key];
    if (auto keys = spec.only_keys({"by", "from"}); !keys) return unexpected(keys.error());
    ClassifyDef def;
    auto target = event.data.slot_of(key);
    if (!target)
      return spec.error(ErrorCode::unknown_name, "event '" + event.name + "' has no data field '" + std::string(key) + "' to classify");
    def.target = static_cast<std::uint32_t>(*target);
    const Field& target_field = event.data.fields()[def.target];
    if (target_field.required || !target_field.default_value.is_null())
      return spec.error(ErrorCode::invalid_rule, "data field '" + std::string(key) +
                                                     "' is filled by a classifier when left out: it can be neither "
                                                     "required nor have a default");
    auto source = data_field(spec["from"], event, "classify from");
    if (!source) return unexpected(source.error());
    def.source = *source;
    if (event.data.fields()[def.source].type != FieldType::string)
      return spec["from"].error(ErrorCode::type_mismatch, "a classifier reads words: '" +
                                                              event.data.fields()[def.source].name + "' is not a string");
    auto by = spec["by"].string();
    if (!by) return unexpected(by.error());
    std::vector<std::string_view> names;
    for (const auto& c : classifiers) names.emplace_back(c.name);
    auto it = std::find(names.begin(), names.end(), *by);
    if (it == names.end())
      return spec["by"].error(ErrorCode::unknown_name,
                              "unknown classifier '" + std::string(*by) + "'" + did_you_mean(*by, names));
    def.classifier = static_cast<std::uint32_t>(it - names.begin());
    out.push_back(def);
  }
  return out;
}

expected<Classification> classify(const Classifier& c, std::string_view words) {
  Record record = c.rules.new_record();
  if (auto ok = record.set(std::size_t{0}, Value(words)); !ok) return unexpected(ok.error());
  Trace trace;
  if (auto ok = c.rules.evaluate(record, &trace); !ok)
    return unexpected(Error{ok.error().code, "classifier '" + c.name + "': " + ok.error().message, ok.error().where});
  Classification out{c.name, {}, {}};
  const Value& label = record.outputs()[c.output];
  if (label.is_null()) return out;
  out.label = label.kind() == ValueKind::string ? label.as_string() : label.to_string();
  for (const auto& d : trace.decisions)
    for (const auto& row : d.rows)
      if (row.selected && out.rule.empty()) out.rule = row.id.empty() ? "row " + std::to_string(row.index + 1) : row.id;
  return out;
}

expected<void> classify_event_data(const CompiledMachine& m, const Event& event, Value* slots) {
  for (const auto& def : event.classify) {
    if (!slots[def.target].is_null() || slots[def.source].kind() != ValueKind::string) continue;
    const Classifier& c = m.classifiers[def.classifier];
    auto got = classify(c, slots[def.source].as_string());
    if (!got) return unexpected(got.error());
    if (!got->matched()) continue;
    const Field& field = event.data.fields()[def.target];
    auto accepted = field.accept(Value(got->label));
    if (!accepted)
      return unexpected(Error{accepted.error().code,
                              "event '" + event.name + "': classifier '" + c.name + "' gave '" + got->label + "' (" +
                                  got->rule + "), which data field '" + field.name +
                                  "' refuses: " + accepted.error().message,
                              Location::at_pointer("/" + field.name)});
    slots[def.target] = std::move(*accepted);
  }
  return {};
}

}  // namespace crm::internal::machine
