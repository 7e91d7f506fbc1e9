// Evaluation inputs straight from JSON text: a Boost.JSON basic_parser handler that hands
// each member to the sink, with numbers parsed from their own text.
#include <boost/json/basic_parser_impl.hpp>
#include <optional>
#include <string>
#include <unordered_set>

#include "crmrules/json.hpp"
#include "src/json/inputs.hpp"
#include "src/json/parse.hpp"

namespace crm::internal {
namespace {

class InputHandler {
 public:
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

  InputHandler(std::string_view text, bool batch, JsonInputSink& sink) : text_(text), batch_(batch), sink_(sink) {}

  /// The error that stopped the reading, if the handler stopped it.
  std::optional<Error> fatal;

  bool on_document_begin(boost::system::error_code&) { return true; }
  bool on_document_end(boost::system::error_code&) { return true; }

  bool on_object_begin(boost::system::error_code& ec) {
    if (skip_ > 0) return ++skip_, true;
    if (!lists_.empty()) return member_value_refused(ec);  // an object in a list
    if (depth_ == 0 && batch_) return stop(ec, "expected a JSON array of input objects", "");
    if (depth_ == (batch_ ? 1 : 0)) {
      ++depth_;
      begin_row();
      return true;
    }
    return member_value_refused(ec);
  }

  bool on_object_end(std::size_t, boost::system::error_code& ec) {
    if (skip_ > 0) return end_skip(ec);
    --depth_;
    return end_row(ec);
  }

  bool on_array_begin(boost::system::error_code& ec) {
    if (skip_ > 0) return ++skip_, true;
    if (depth_ == 0) {
      if (!batch_) return stop(ec, "expected a JSON object of inputs", "");
      ++depth_;
      return true;
    }
    if (batch_ && depth_ == 1) {
      begin_row();
      row_refused();
      skip_ = 1;
      row_after_skip_ = true;
      return true;
    }
    lists_.emplace_back();  // a member's value is a list (its elements follow)
    return true;
  }

  bool on_array_end(std::size_t, boost::system::error_code& ec) {
    if (skip_ > 0) return end_skip(ec);
    if (!lists_.empty()) {
      Value list(std::move(lists_.back()));
      lists_.pop_back();
      list_member_ = lists_.empty();
      const bool ok = scalar(ec, std::move(list));
      list_member_ = false;
      return ok;
    }
    --depth_;
    return true;
  }

  bool on_key_part(boost::json::string_view s, std::size_t, boost::system::error_code&) {
    if (skip_ == 0) key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(boost::json::string_view s, std::size_t, boost::system::error_code&) {
    if (skip_ == 0) key_.append(s.data(), s.size());
    return true;
  }

  bool on_string_part(boost::json::string_view s, std::size_t, boost::system::error_code&) {
    if (skip_ == 0) scalar_.append(s.data(), s.size());
    return true;
  }
  bool on_string(boost::json::string_view s, std::size_t, boost::system::error_code& ec) {
    if (skip_ > 0) return true;
    scalar_.append(s.data(), s.size());
    std::string text = std::move(scalar_);
    scalar_.clear();
    return scalar(ec, Value(std::move(text)));
  }

  bool on_number_part(boost::json::string_view s, boost::system::error_code&) {
    if (skip_ == 0) scalar_.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t, boost::json::string_view s, boost::system::error_code& ec) { return number(s, ec); }
  bool on_uint64(std::uint64_t, boost::json::string_view s, boost::system::error_code& ec) { return number(s, ec); }
  bool on_double(double, boost::json::string_view s, boost::system::error_code& ec) { return number(s, ec); }

  bool on_bool(bool b, boost::system::error_code& ec) { return skip_ > 0 || scalar(ec, Value(b)); }
  bool on_null(boost::system::error_code& ec) { return skip_ > 0 || scalar(ec, Value()); }

  bool on_comment_part(boost::json::string_view, boost::system::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::system::error_code&) { return true; }

 private:
  /// The JSON pointer of the current row ("" for a single object, "/3" in a batch).
  [[nodiscard]] std::string row_pointer() const { return batch_ ? "/" + std::to_string(row_) : std::string(); }

  bool stop(boost::system::error_code& ec, std::string message, std::string pointer) {
    Location where = locate(text_, pointer);
    fatal = Error{ErrorCode::type_mismatch, std::move(message), std::move(where)};
    ec = boost::json::error::exception;  // any error: fatal says which
    return false;
  }

  void begin_row() {
    if (batch_ && started_) ++row_;
    started_ = true;
    row_error_.reset();
    sink_.begin_row();
  }

  bool end_row(boost::system::error_code&) {
    sink_.end_row(row_error_ ? &*row_error_ : nullptr);
    return true;
  }

  /// A batch element that is not an object.
  void row_refused() {
    const std::string pointer = row_pointer();
    row_error_ = Error{ErrorCode::type_mismatch, "expected an object of inputs", locate(text_, pointer)};
  }

  /// The current member's value is an object or holds one.
  bool member_value_refused(boost::system::error_code& ec) {
    const bool in_list = !lists_.empty();
    skip_ = 1 + lists_.size();
    lists_.clear();
    return refuse(ec, Error{ErrorCode::type_mismatch,
                            "input '" + key_ + (in_list ? "' holds an object in a list: a list holds values"
                                                        : "' is an object, not a value or a list"),
                            {}});
  }

  bool end_skip(boost::system::error_code& ec) {
    if (--skip_ > 0) return true;
    if (row_after_skip_) {
      row_after_skip_ = false;
      return end_row(ec);
    }
    key_.clear();
    return true;
  }

  /// The current member fails with `e` (located at the member).
  bool refuse(boost::system::error_code& ec, Error e) {
    // An error of a list's element names it after the member: /tags/2.
    // An error of a list's element (its pointer /key/2 from the sink) names the element.
    const std::string member = "/" + key_;
    const bool element = list_member_ && e.where.pointer.size() > member.size() && e.where.pointer.starts_with(member + "/");
    std::string pointer = row_pointer() + "/" + pointer_token(key_) + (element ? e.where.pointer.substr(member.size()) : "");
    key_.clear();
    if (row_error_) return true;  // the row already failed: its first error stands
    Location at = locate(text_, pointer);
    e.where.pointer = std::move(pointer);
    e.where.line = at.line;
    e.where.column = at.column;
    if (!batch_) {
      fatal = std::move(e);
      ec = boost::json::error::exception;
      return false;
    }
    row_error_ = std::move(e);
    return true;
  }

  bool number(boost::json::string_view s, boost::system::error_code& ec) {
    if (skip_ > 0) return true;
    scalar_.append(s.data(), s.size());
    auto d = Decimal::parse(scalar_);
    scalar_.clear();
    if (!d) return place_scalar(ec, unexpected(std::move(d).error()));
    return scalar(ec, Value(*d));
  }

  bool place_scalar(boost::system::error_code& ec, unexpected e) {
    if (depth_ == (batch_ ? 2u : 1u)) return refuse(ec, std::move(e).error());
    return scalar(ec, Value());  // not a member: scalar() reports the shape
  }

  /// A scalar: a member's value, an element of a list, or (in a batch) a row that is not
  /// an object.
  bool scalar(boost::system::error_code& ec, Value&& v) {
    if (!lists_.empty()) {
      lists_.back().push_back(std::move(v));
      return true;
    }
    if (depth_ == 0) return stop(ec, batch_ ? "expected a JSON array of input objects" : "expected a JSON object of inputs", "");
    if (batch_ && depth_ == 1) {
      begin_row();
      row_refused();
      return end_row(ec);
    }
    if (row_error_) {
      key_.clear();
      return true;
    }
    auto ok = sink_.member(key_, std::move(v));
    if (!ok) return refuse(ec, std::move(ok).error());
    key_.clear();
    return true;
  }

  std::string_view text_;
  bool batch_;
  JsonInputSink& sink_;
  std::size_t depth_ = 0;
  std::size_t skip_ = 0;          // depth inside a refused object or array
  bool row_after_skip_ = false;   // a refused batch element ends its row when skipped
  bool started_ = false;
  std::size_t row_ = 0;
  std::string key_, scalar_;
  std::optional<Error> row_error_;
  std::vector<Value::List> lists_;  // the lists being read, innermost last
  bool list_member_ = false;        // the member's value being handed over is a list
};

}  // namespace

[[nodiscard]] expected<void> read_json_inputs(std::string_view text, bool batch, JsonInputSink& sink) {
  boost::json::parse_options options;
  options.allow_comments = false;
  options.allow_trailing_commas = false;
  boost::json::basic_parser<InputHandler> parser(options, text, batch, sink);
  boost::system::error_code ec;
  const std::size_t consumed = parser.write_some(false, text.data(), text.size(), ec);
  if (parser.handler().fatal) return unexpected(std::move(*parser.handler().fatal));
  if (!ec && consumed < text.size()) ec = boost::json::error::extra_data;
  if (ec || !parser.done()) {
    Location where = position_of(text, std::min(consumed, text.size()));
    std::string what = ec ? ec.message() : "incomplete JSON document";
    return fail(ErrorCode::parse, "malformed JSON: " + what, std::move(where));
  }
  return {};
}

}  // namespace crm::internal

namespace crm {

[[nodiscard]] expected<std::vector<std::pair<std::string, Value>>> values_from_json(std::string_view object) {
  struct Members : internal::JsonInputSink {
    void begin_row() override {}
    [[nodiscard]] expected<void> member(std::string_view key, Value&& value) override {
      if (!keys.emplace(key).second) return fail(ErrorCode::conflict, "'" + std::string(key) + "' is given twice");
      values.emplace_back(std::string(key), std::move(value));
      return {};
    }
    std::unordered_set<std::string> keys;
    void end_row(const Error*) override {}
    std::vector<std::pair<std::string, Value>> values;
  } members;
  if (auto ok = internal::read_json_inputs(object, false, members); !ok) return unexpected(ok.error());
  return std::move(members.values);
}

}  // namespace crm
