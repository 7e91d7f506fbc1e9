// Writing JSON text (src/json/writer.hpp), and the public to_json of the core types.
#include "src/json/writer.hpp"

#include <array>

#include "crmrules/json.hpp"

namespace crm::internal {

namespace {

/// The bytes a JSON string must escape: quote, backslash and control characters.
constexpr std::array<bool, 256> needs_escape = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = true;
  t['"'] = t['\\'] = true;
  return t;
}();

void append_escape(std::string& out, char c) {
  static constexpr char hex[] = "0123456789abcdef";
  switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
      out += "\\u00";
      out += hex[(c >> 4) & 0xF];
      out += hex[c & 0xF];
  }
}

}  // namespace

void write_json_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t run = 0;  // the start of the bytes not yet written, which need no escape
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!needs_escape[static_cast<unsigned char>(s[i])]) continue;
    out.append(s.data() + run, i - run);
    append_escape(out, s[i]);
    run = i + 1;
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void write_json_value(std::string& out, const Value& v) {
  switch (v.kind()) {
    case ValueKind::null: out += "null"; break;
    case ValueKind::boolean: out += v.as_bool() ? "true" : "false"; break;
    case ValueKind::decimal: out += v.as_decimal().to_string(); break;
    case ValueKind::string: write_json_string(out, v.as_string()); break;
    case ValueKind::date: write_json_string(out, v.as_date().to_string()); break;
    case ValueKind::time:
    case ValueKind::date_time:
    case ValueKind::days_duration:
    case ValueKind::months_duration: write_json_string(out, v.to_string()); break;
    case ValueKind::list: {
      JsonArray list(out);
      for (const Value& item : v.as_list()) write_json_value(list.item(), item);
      break;
    }
  }
}

void write_error_members(JsonObject& o, const Error& e) {
  o.string("code", to_string(e.code)).string("message", e.message);
  if (!e.where.pointer.empty()) o.string("pointer", e.where.pointer);
  if (e.where.line > 0) o.number("line", std::uint64_t{e.where.line}).number("column", std::uint64_t{e.where.column});
  if (e.where.offset >= 0) o.number("offset", std::int64_t{e.where.offset});
}

std::string error_json(const Error& e) {
  std::string out;
  JsonObject o(out);
  write_error_members(o, e);
  o.close();
  return out;
}

JsonObject& JsonObject::key(std::string_view name) {
  if (!first_) out_ += layout_ == JsonLayout::lines ? ",\n" : ", ";
  first_ = false;
  write_json_string(out_, name);
  out_ += ": ";
  return *this;
}

JsonObject& JsonObject::string(std::string_view name, std::string_view text) {
  key(name);
  write_json_string(out_, text);
  return *this;
}

JsonObject& JsonObject::value(std::string_view name, const Value& v) {
  key(name);
  write_json_value(out_, v);
  return *this;
}

JsonObject& JsonObject::number(std::string_view name, std::int64_t n) {
  key(name);
  out_ += std::to_string(n);
  return *this;
}

JsonObject& JsonObject::number(std::string_view name, std::uint64_t n) {
  key(name);
  out_ += std::to_string(n);
  return *this;
}

JsonObject& JsonObject::number(std::string_view name, const Decimal& d) {
  key(name);
  out_ += d.to_string();
  return *this;
}

JsonObject& JsonObject::boolean(std::string_view name, bool b) {
  key(name);
  out_ += b ? "true" : "false";
  return *this;
}

JsonObject& JsonObject::null(std::string_view name) {
  key(name);
  out_ += "null";
  return *this;
}

JsonObject& JsonObject::raw(std::string_view name, std::string_view json) {
  key(name);
  out_ += json;
  return *this;
}

JsonObject& JsonObject::text(std::string_view name, const Text& t) {
  key(name);
  JsonObject inner(out_);
  inner.string("zh", t.zh).string("en", t.en);
  inner.close();
  return *this;
}

JsonObject& JsonObject::error(std::string_view name, const Error& e) {
  key(name);
  JsonObject inner(out_);
  write_error_members(inner, e);
  return *this;
}

void JsonObject::close() {
  if (closed_) return;
  closed_ = true;
  out_ += '}';
}

std::string& JsonArray::item() {
  if (layout_ == JsonLayout::lines)
    out_ += first_ ? "\n  " : ",\n  ";
  else if (!first_)
    out_ += ", ";
  first_ = false;
  return out_;
}

void JsonArray::close() {
  if (closed_) return;
  closed_ = true;
  out_ += ']';
}

}  // namespace crm::internal

namespace crm {

std::string to_json(const Value& value) {
  std::string out;
  internal::write_json_value(out, value);
  return out;
}

std::string to_json(const Error& error) { return internal::error_json(error); }

}  // namespace crm
