// Private: the one way the library writes JSON text. Decimals are written as JSON
// numbers with their exact text ("750000.00"), never through a double; members are
// separated by ", " and keys by ": ".
//
//   std::string out;
//   JsonObject o(out);                                   // {
//   o.string("code", "parse").number("line", 3);        //  "code": "parse", "line": 3
//   o.key("rows");                                       //  "rows": (write the value into out)
//   JsonArray rows(out);  rows.item(); out += "1";  rows.close();
//   o.error("error", e);                                 //  "error": {"code", "message", where}
//   o.close();                                           // }
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "crmrules/decimal.hpp"
#include "crmrules/error.hpp"
#include "crmrules/text.hpp"
#include "crmrules/value.hpp"

namespace crm::internal {

/// Appends `s` as a JSON string literal (quoted and escaped).
void write_json_string(std::string& out, std::string_view s);
/// Appends a Value: null, true/false, an exact number, a string, a date as "YYYY-MM-DD",
/// or a list of these.
void write_json_value(std::string& out, const Value& v);
/// Appends the members of an error, for an object already open: "code", "message", then
/// the parts of its place that are known: "pointer", "line" and "column", "offset".
class JsonObject;
void write_error_members(JsonObject& o, const Error& e);

/// How members or elements are separated: ", " on one line, or each on a line of its own
/// (for documents people read, such as an analysis's JSON).
enum class JsonLayout { inline_, lines };

/// One JSON object, written member by member into a string.
class JsonObject {
 public:
  explicit JsonObject(std::string& out, JsonLayout layout = JsonLayout::inline_) : out_(out), layout_(layout) {
    out_ += '{';
  }
  JsonObject(const JsonObject&) = delete;
  JsonObject& operator=(const JsonObject&) = delete;
  ~JsonObject() { close(); }

  /// Writes `"name": ` and leaves the value to the caller (an object, an array, ...).
  JsonObject& key(std::string_view name);
  JsonObject& string(std::string_view name, std::string_view text);
  JsonObject& value(std::string_view name, const Value& v);
  JsonObject& number(std::string_view name, std::int64_t n);
  JsonObject& number(std::string_view name, std::uint64_t n);
  JsonObject& number(std::string_view name, const Decimal& d);
  JsonObject& boolean(std::string_view name, bool b);
  JsonObject& null(std::string_view name);
  /// A value already written as JSON text.
  JsonObject& raw(std::string_view name, std::string_view json);
  /// An error as a nested object (write_error_members).
  JsonObject& error(std::string_view name, const Error& e);
  /// A built-in text in both languages: {"zh": "...", "en": "..."}.
  JsonObject& text(std::string_view name, const Text& t);
  /// Closes the object (once; the destructor closes it otherwise).
  void close();

  [[nodiscard]] std::string& out() noexcept { return out_; }

 private:
  std::string& out_;
  JsonLayout layout_;
  bool first_ = true;
  bool closed_ = false;
};

/// One JSON array: call item() before writing each element into the string.
class JsonArray {
 public:
  explicit JsonArray(std::string& out, JsonLayout layout = JsonLayout::inline_) : out_(out), layout_(layout) {
    out_ += '[';
  }
  JsonArray(const JsonArray&) = delete;
  JsonArray& operator=(const JsonArray&) = delete;
  ~JsonArray() { close(); }

  /// Starts the next element (writes the separator) and returns the string to write it into.
  std::string& item();
  void close();

 private:
  std::string& out_;
  JsonLayout layout_;
  bool first_ = true;
  bool closed_ = false;
};

/// An error as a JSON object: {"code", "message", and the known parts of its place}.
[[nodiscard]] std::string error_json(const Error& e);

}  // namespace crm::internal
