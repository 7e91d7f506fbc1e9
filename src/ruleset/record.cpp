#include "crmrules/record.hpp"

#include "src/ruleset/compiled.hpp"
#include "src/ruleset/scratch.hpp"
#include "src/core/suggest.hpp"

namespace crm {

Record::Record(std::shared_ptr<const internal::CompiledRuleSet> rules)
    : rules_(std::move(rules)),
      frame_(rules_->frame_size()),
      given_(rules_->schema.size(), not_given),
      scratch_(std::make_unique<internal::EvaluationScratch>(*rules_)) {}

Record::Record(Record&&) noexcept = default;
Record& Record::operator=(Record&&) noexcept = default;
Record::~Record() = default;

Record::Record(const Record& other)
    : rules_(other.rules_),
      frame_(other.frame_),
      given_(other.given_),
      scratch_(std::make_unique<internal::EvaluationScratch>(*rules_)) {}

Record& Record::operator=(const Record& other) {
  if (this != &other) *this = Record(other);
  return *this;
}

namespace {

[[gnu::cold]] unexpected string_too_long(const std::string& field, std::size_t size, std::size_t limit) {
  return fail(ErrorCode::out_of_range,
              "input '" + field + "' is a string of " + std::to_string(size) + " bytes, longer than the limit of " +
                  std::to_string(limit) + " (crm::Limits::string_bytes)",
              Location::at_pointer("/" + field));
}

}  // namespace

expected<void> Record::set(std::size_t input_slot, const Value& value) {
  const auto& fields = rules_->schema.fields();
  if (input_slot >= fields.size()) [[unlikely]]
    return fail(ErrorCode::out_of_range, "input slot " + std::to_string(input_slot) + " does not exist (the rule set has " +
                                             std::to_string(fields.size()) + " inputs)");
  if (value.kind() == ValueKind::string && value.as_string().size() > rules_->limits.string_bytes) [[unlikely]]
    return string_too_long(fields[input_slot].name, value.as_string().size(), rules_->limits.string_bytes);
  // The hot path: a value the field takes as it is is copied straight into its slot
  // (into the slot's own decimal or string where it holds one), no expected<Value> built.
  if (fields[input_slot].takes_as_is(value)) [[likely]] {
    Value& slot = frame_[input_slot];
    if (value.kind() == ValueKind::decimal) slot.set_decimal(value.as_decimal());
    else if (value.kind() == ValueKind::string) slot.set_string(value.as_string());
    else slot = value;
    given_[input_slot] = given;
    return {};
  }
  auto accepted = fields[input_slot].accept(value);
  if (!accepted) {
    Error e = std::move(accepted).error();
    e.where = Location::at_pointer("/" + fields[input_slot].name + e.where.pointer);  // + a list element's /2
    return unexpected(std::move(e));
  }
  if (accepted->kind() == ValueKind::string) frame_[input_slot].set_string(accepted->as_string());
  else frame_[input_slot] = std::move(*accepted);
  given_[input_slot] = frame_[input_slot].is_null() ? not_given : given;
  return {};
}

expected<void> Record::set(std::string_view name, const Value& value) {
  const auto slot = rules_->schema.slot_of(name);
  if (!slot && rules_->unknown_inputs == UnknownInputs::ignore) return {};
  if (!slot) return internal::unknown_input(rules_->schema, name);
  return set(*slot, value);
}

unexpected internal::unknown_input(const Schema& schema, std::string_view name) {
  std::vector<std::string_view> names;
  for (const auto& f : schema.fields()) names.push_back(f.name);
  return fail(ErrorCode::unknown_name,
              "unknown field '" + std::string(name) + "'" + internal::did_you_mean(name, names),
              Location::at_pointer("/" + std::string(name)));
}

expected<void> Record::unset(std::string_view name) { return set(name, Value()); }

bool Record::is_given(std::size_t input_slot) const noexcept {
  return input_slot < given_.size() && given_[input_slot] == given;
}

const Value* Record::get(std::string_view name) const noexcept {
  if (auto slot = rules_->schema.slot_of(name)) return &frame_[*slot];
  for (std::size_t i = 0; i < rules_->outputs.size(); ++i)
    if (rules_->outputs[i].name == name) return &frame_[rules_->schema.size() + i];
  return nullptr;
}

std::span<const Value> Record::outputs() const noexcept {
  return std::span<const Value>(frame_).subspan(rules_->schema.size());
}

std::span<const Value> Record::inputs() const noexcept {
  return std::span<const Value>(frame_).first(rules_->schema.size());
}

void Record::clear() noexcept {
  // The defaults an evaluation stored stay: they are the next record's too, unless set.
  const std::size_t inputs = given_.size();
  for (std::size_t i = 0; i < inputs; ++i)
    if (given_[i] == given) {
      frame_[i] = Value();
      given_[i] = not_given;
    }
  for (std::size_t i = inputs; i < frame_.size(); ++i)
    if (!frame_[i].is_null()) frame_[i] = Value();
}

}  // namespace crm
