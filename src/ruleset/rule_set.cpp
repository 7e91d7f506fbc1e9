// RuleSet: loading, introspection, JSON in / JSON out.
#include "crmrules/rule_set.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "src/json/inputs.hpp"
#include "src/json/parse.hpp"
#include "src/json/reader.hpp"
#include "src/json/writer.hpp"
#include "src/ruleset/compiled.hpp"
#include "src/ruleset/load_builtin.hpp"
#include "src/ruleset/loader.hpp"

namespace crm {

expected<RuleSet> RuleSet::load(std::string_view json, const Limits& limits) {
  std::vector<Diagnostic> diagnostics;
  auto compiled = internal::compile_rule_set(json, diagnostics, limits);
  if (!compiled) return unexpected(compiled.error());
  return RuleSet(std::move(*compiled));
}

expected<RuleSet> RuleSet::load_file(const std::string& path, const Limits& limits) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return fail(ErrorCode::io, "cannot open rule set '" + path + "'");
  // A file past the document limit is refused before it is read into memory.
  if (const auto size = static_cast<std::uint64_t>(std::max<std::streamoff>(in.tellg(), 0)); size > limits.document_bytes)
    return fail(ErrorCode::out_of_range, "rule set '" + path + "' has " + std::to_string(size) +
                                             " bytes, more than the limit of " + std::to_string(limits.document_bytes) +
                                             " (crm::Limits::document_bytes)");
  in.seekg(0);
  std::ostringstream text;
  text << in.rdbuf();
  return load(text.str(), limits);
}

namespace internal {

RuleSet load_builtin(std::string_view text, std::string_view what) {
  auto loaded = RuleSet::load(text);
  if (!loaded)
    throw std::logic_error("crmrules: the built-in " + std::string(what) +
                           " does not load (a broken build): " + loaded.error().to_string());
  return std::move(*loaded);
}

}  // namespace internal

std::vector<Diagnostic> RuleSet::lint(std::string_view json, const Limits& limits) {
  std::vector<Diagnostic> diagnostics;
  (void)internal::compile_rule_set(json, diagnostics, limits);
  return diagnostics;
}

const std::string& RuleSet::name() const noexcept { return impl_->name; }
const std::string& RuleSet::version() const noexcept { return impl_->version; }
const Limits& RuleSet::limits() const noexcept { return impl_->limits; }
const Schema& RuleSet::schema() const noexcept { return impl_->schema; }
const std::vector<OutputInfo>& RuleSet::outputs() const noexcept { return impl_->outputs; }
const std::vector<Diagnostic>& RuleSet::warnings() const noexcept { return impl_->warnings; }
UnknownInputs RuleSet::unknown_inputs() const noexcept { return impl_->unknown_inputs; }

std::optional<std::size_t> RuleSet::output_index(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < impl_->outputs.size(); ++i)
    if (impl_->outputs[i].name == name) return i;
  return std::nullopt;
}

Record RuleSet::new_record() const { return Record(impl_); }

namespace {

/// Sets each input member into the record (read_json_inputs places the errors).
/// Sets one member of a JSON object of inputs: an input named twice in one object is
/// refused (the last would silently win), an unknown one gets "did you mean".
/// Under UnknownInputs::ignore an unknown one is left out.
[[nodiscard]] expected<void> set_member(const Schema& schema, Record& record, std::string_view key, const Value& value,
                                        UnknownInputs unknown) {
  const auto slot = schema.slot_of(key);
  if (!slot) return unknown == UnknownInputs::ignore ? expected<void>{} : internal::unknown_input(schema, key);
  if (record.is_given(*slot)) return fail(ErrorCode::conflict, "input '" + std::string(key) + "' is given twice");
  return record.set(*slot, value);
}

struct RecordSink : internal::JsonInputSink {
  RecordSink(const Schema& s, Record& r, UnknownInputs u) : schema(s), record(r), unknown(u) {}
  void begin_row() override {}
  [[nodiscard]] expected<void> member(std::string_view key, Value&& value) override {
    return set_member(schema, record, key, value, unknown);
  }
  void end_row(const Error*) override {}
  const Schema& schema;
  Record& record;
  UnknownInputs unknown;
};

/// The outputs as members of an open object.
void write_outputs(internal::JsonObject& o, const std::vector<OutputInfo>& outputs, const Record& record) {
  for (std::size_t i = 0; i < outputs.size(); ++i) o.value(outputs[i].name, record.outputs()[i]);
}

}  // namespace

std::string to_json(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  internal::JsonArray list(out);
  for (const Diagnostic& d : diagnostics) {
    internal::JsonObject o(list.item());
    o.string("severity", d.severity == Diagnostic::Severity::error ? "error" : "warning");
    internal::write_error_members(o, d.error);
  }
  list.close();
  return out;
}

expected<std::string> RuleSet::evaluate_json(std::string_view input_json, bool with_trace) const {
  return evaluate_json(input_json, EvaluateOptions{.trace = with_trace, .unknown_inputs = std::nullopt});
}

expected<std::string> RuleSet::evaluate_json_batch(std::string_view inputs_json) const {
  return evaluate_json_batch(inputs_json, EvaluateOptions{});
}

expected<std::string> RuleSet::evaluate_json(std::string_view input_json, const EvaluateOptions& options) const {
  const bool with_trace = options.trace;
  Record record = new_record();
  RecordSink sink(impl_->schema, record, options.unknown_inputs.value_or(impl_->unknown_inputs));
  if (auto ok = internal::read_json_inputs(input_json, false, sink); !ok) return unexpected(ok.error());
  Trace trace;
  if (auto ok = evaluate(record, with_trace ? &trace : nullptr); !ok) return unexpected(ok.error());
  std::string out;
  internal::JsonObject o(out);
  write_outputs(o, impl_->outputs, record);
  if (with_trace) o.raw("trace", trace.to_json());
  o.close();
  return out;
}

expected<std::string> RuleSet::evaluate_json_batch(std::string_view inputs_json, const EvaluateOptions& options) const {
  // Each row is evaluated as soon as its object ends; its errors' pointers start with
  // the row ("/3/annual_purchases", or "/3" for an error of the whole row).
  struct BatchSink : internal::JsonInputSink {
    BatchSink(const RuleSet& r, Record rec, UnknownInputs u) : rules(r), record(std::move(rec)), unknown(u) {}
    void begin_row() override {
      ++rows;
      record.clear();
    }
    [[nodiscard]] expected<void> member(std::string_view key, Value&& value) override {
      return set_member(rules.schema(), record, key, value, unknown);
    }
    void end_row(const Error* error) override {
      internal::JsonObject o(list.item());
      if (error != nullptr) {
        o.error("error", *error);
        return;
      }
      if (auto ok = rules.evaluate(record); !ok) {
        Error e = ok.error();
        e.where.pointer = "/" + std::to_string(rows - 1) + e.where.pointer;
        o.error("error", e);
        return;
      }
      write_outputs(o, rules.outputs(), record);
    }
    const RuleSet& rules;
    Record record;
    UnknownInputs unknown;
    std::string out;
    internal::JsonArray list{out};
    std::size_t rows = 0;
  } sink(*this, new_record(), options.unknown_inputs.value_or(impl_->unknown_inputs));
  if (auto ok = internal::read_json_inputs(inputs_json, true, sink); !ok) return unexpected(ok.error());
  sink.list.close();
  return std::move(sink.out);
}

}  // namespace crm
