// RuleSet::evaluate_columns: the columns bound to inputs once, the rows split into one
// contiguous chunk per worker thread (each with its own Record), each row's values set
// from its columns, evaluated, and its outputs written into typed output columns; text
// outputs are gathered per chunk and joined in row order.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <thread>

#include "crmrules/rule_set.hpp"
#include "src/core/suggest.hpp"
#include "src/core/utf8.hpp"
#include "src/json/writer.hpp"
#include "src/ruleset/cell_cache.hpp"

namespace crm {
namespace {

struct Bound {
  std::size_t slot;
  const InputColumn* column;
};

/// A chunk's text outputs (per output: the bytes and each row's length) and failures.
struct Chunk {
  std::size_t begin = 0, end = 0;
  std::vector<internal::CellCache> caches;  // per bound column: the values its texts gave
  std::vector<std::string> text;
  std::vector<std::vector<std::int64_t>> lengths;
  std::vector<RowFailure> failures;
};

ColumnKind output_kind(ValueKind k) {
  switch (k) {
    case ValueKind::decimal: return ColumnKind::decimal;
    case ValueKind::string:
    case ValueKind::date:
    case ValueKind::time:
    case ValueKind::date_time:
    case ValueKind::days_duration:
    case ValueKind::months_duration: return ColumnKind::text;
    case ValueKind::boolean: return ColumnKind::boolean;
    default: return ColumnKind::json;
  }
}

bool is_text(ColumnKind k) { return k == ColumnKind::text || k == ColumnKind::json; }

Error batch_error(ErrorCode code, std::string message) { return Error{code, std::move(message), {}}; }

/// The shortest fixed-point text that reads back as the same double ("5000000", "0.1").
std::string shortest(double d) {
  char buf[400];
  const auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
  return std::string(buf, r.ptr);
}

/// Row r's value of a column, or an error for that row.
expected<Value> cell(const InputColumn& c, std::size_t r, FloatPolicy floats) {
  switch (c.kind) {
    case ColumnKind::text: {
      const char* bytes = static_cast<const char*>(c.values);
      const std::string_view t(bytes + c.offsets[r], static_cast<std::size_t>(c.offsets[r + 1] - c.offsets[r]));
      if (const std::size_t bad = internal::find_invalid_utf8(t); bad != std::string_view::npos)
        return unexpected(Error{ErrorCode::invalid_utf8, "not UTF-8 text (byte " + std::to_string(bad) + ")", {}});
      return Value(std::string(t));
    }
    case ColumnKind::int64: return Value(Decimal::from_int(static_cast<const std::int64_t*>(c.values)[r]));
    case ColumnKind::boolean: return Value(static_cast<const std::uint8_t*>(c.values)[r] != 0);
    case ColumnKind::decimal: return Value(static_cast<const Decimal*>(c.values)[r]);
    case ColumnKind::float64: {
      const double d = static_cast<const double*>(c.values)[r];
      if (floats == FloatPolicy::reject)
        return unexpected(Error{ErrorCode::type_mismatch,
                                "a float (" + shortest(d) + ") is not an exact decimal: this batch rejects floats",
                                {}});
      if (!std::isfinite(d))
        return unexpected(Error{ErrorCode::out_of_range, "not a number: a float that is NaN or infinite", {}});
      auto dec = Decimal::parse(shortest(d));
      if (!dec) return unexpected(dec.error());
      return Value(*dec);
    }
    case ColumnKind::json: break;
  }
  return unexpected(Error{ErrorCode::invalid_argument, "a json column is an output kind", {}});
}

class Batch {
 public:
  Batch(const RuleSet& rules, std::span<const InputColumn> columns, std::size_t rows, const ColumnOptions& o)
      : rules_(rules), columns_(columns), rows_(rows), options_(o) {}

  expected<ColumnResult> run() {
    if (auto ok = bind(); !ok) return unexpected(ok.error());
    prepare_outputs();
    std::vector<Chunk> chunks = split();
    if (chunks.size() == 1) {
      evaluate(chunks[0]);
    } else {
      std::vector<std::jthread> workers;
      for (Chunk& c : chunks) workers.emplace_back([this, &c] { evaluate(c); });
    }
    join(chunks);
    return std::move(result_);
  }

 private:
  /// Each column to its input; the batch's own errors.
  expected<void> bind() {
    const auto& fields = rules_.schema().fields();
    std::vector<bool> given(fields.size(), false);
    std::vector<std::string_view> names;
    for (const auto& f : fields) names.push_back(f.name);
    std::vector<std::string> floats;
    for (const InputColumn& c : columns_) {
      if (c.values == nullptr && rows_ > 0)
        return unexpected(
            batch_error(ErrorCode::invalid_argument, "column '" + std::string(c.name) + "' has no values"));
      if (c.kind == ColumnKind::text && c.offsets == nullptr)
        return unexpected(
            batch_error(ErrorCode::invalid_argument, "text column '" + std::string(c.name) + "' has no offsets"));
      if (c.kind == ColumnKind::json)
        return unexpected(
            batch_error(ErrorCode::invalid_argument, "column '" + std::string(c.name) + "': json is an output kind"));
      const auto slot = rules_.schema().slot_of(c.name);
      if (!slot) {
        if (options_.strict)
          return unexpected(batch_error(
              ErrorCode::unknown_name,
              "column '" + std::string(c.name) + "' is not an input" + internal::did_you_mean(c.name, names)));
        continue;
      }
      if (given[*slot])
        return unexpected(batch_error(ErrorCode::conflict, "two columns give input '" + std::string(c.name) + "'"));
      given[*slot] = true;
      if (c.kind == ColumnKind::float64 && options_.floats == FloatPolicy::error) floats.emplace_back(c.name);
      bound_.push_back(Bound{*slot, &c});
    }
    if (!floats.empty()) {
      std::string list;
      for (const auto& f : floats) list += (list.empty() ? "'" : ", '") + f + "'";
      return unexpected(batch_error(
          ErrorCode::type_mismatch,
          "float columns " + list +
              ": a float is not an exact decimal. Say how to read them: floats=\"shortest\" (the shortest text that "
              "reads back as the same float, which is what a CSV reader read) or floats=\"reject\" (each float "
              "fails its row); or read the CSV as text (dtype=str)"));
    }
    for (std::size_t i = 0; i < fields.size(); ++i)
      if (fields[i].required && !given[i])
        return unexpected(
            batch_error(ErrorCode::missing, "input '" + fields[i].name + "' is required and no column gives it"));
    return {};
  }

  void prepare_outputs() {
    result_.rows = rows_;
    for (const OutputInfo& info : rules_.outputs()) {
      OutputColumn& o = result_.outputs.emplace_back();
      o.name = info.name;
      o.kind = output_kind(info.kind);
      o.valid.assign(rows_, 0);
      if (o.kind == ColumnKind::decimal) o.decimals.assign(rows_, Decimal());
      if (o.kind == ColumnKind::boolean) o.booleans.assign(rows_, 0);
    }
  }

  std::vector<Chunk> split() const {
    unsigned threads = options_.threads ? options_.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, rows_ / 2048)));
    std::vector<Chunk> chunks(threads);
    for (unsigned t = 0; t < threads; ++t) {
      chunks[t].begin = rows_ * t / threads;
      chunks[t].end = rows_ * (t + 1) / threads;
      chunks[t].text.resize(result_.outputs.size());
      chunks[t].lengths.resize(result_.outputs.size());
    }
    return chunks;
  }

  void evaluate(Chunk& chunk) {
    Record record = rules_.new_record();
    chunk.caches.resize(bound_.size());
    for (std::size_t r = chunk.begin; r < chunk.end; ++r) {
      record.clear();
      const bool ok = set_row(record, r, chunk) && evaluate_row(record, r, chunk);
      write_row(record, r, ok, chunk);
    }
  }

  bool set_row(Record& record, std::size_t r, Chunk& chunk) {
    for (std::size_t k = 0; k < bound_.size(); ++k) {
      const Bound& b = bound_[k];
      const InputColumn& c = *b.column;
      if (c.valid != nullptr && c.valid[r] == 0) continue;
      if (c.kind == ColumnKind::text) {  // a text seen before: the value the field made of it then
        const char* bytes = static_cast<const char*>(c.values);
        const std::string_view t(bytes + c.offsets[r], static_cast<std::size_t>(c.offsets[r + 1] - c.offsets[r]));
        if (const Value* seen = chunk.caches[k].find(t)) {
          if (record.set(b.slot, *seen)) continue;
        }
      }
      auto v = cell(c, r, options_.floats);
      auto ok = v ? record.set(b.slot, *v) : expected<void>(unexpected(v.error()));
      if (ok && c.kind == ColumnKind::text) {
        const char* bytes = static_cast<const char*>(c.values);
        chunk.caches[k].add(
            std::string_view(bytes + c.offsets[r], static_cast<std::size_t>(c.offsets[r + 1] - c.offsets[r])),
            record.inputs()[b.slot]);
      }
      if (!ok) {
        Error e = ok.error();
        if (e.where.pointer.empty()) e.where.pointer = "/" + std::string(c.name);
        chunk.failures.push_back(RowFailure{r, std::move(e)});
        return false;
      }
    }
    return true;
  }

  bool evaluate_row(Record& record, std::size_t r, Chunk& chunk) {
    if (auto ok = rules_.evaluate(record); !ok) {
      chunk.failures.push_back(RowFailure{r, ok.error()});
      return false;
    }
    return true;
  }

  void write_row(const Record& record, std::size_t r, bool ok, Chunk& chunk) {
    const auto values = record.outputs();
    for (std::size_t i = 0; i < result_.outputs.size(); ++i) {
      OutputColumn& o = result_.outputs[i];
      const std::size_t before = chunk.text[i].size();
      if (ok && !values[i].is_null()) {
        const Value& v = values[i];
        o.valid[r] = 1;
        switch (o.kind) {
          case ColumnKind::decimal: o.decimals[r] = v.as_decimal(); break;
          case ColumnKind::boolean: o.booleans[r] = v.as_bool() ? 1 : 0; break;
          case ColumnKind::text: chunk.text[i] += v.kind() == ValueKind::string ? v.as_string() : v.to_string(); break;
          default: internal::write_json_value(chunk.text[i], v); break;
        }
      }
      if (is_text(o.kind)) chunk.lengths[i].push_back(static_cast<std::int64_t>(chunk.text[i].size() - before));
    }
  }

  void join(std::vector<Chunk>& chunks) {
    for (std::size_t i = 0; i < result_.outputs.size(); ++i) {
      OutputColumn& o = result_.outputs[i];
      if (!is_text(o.kind)) continue;
      std::size_t bytes = 0;
      for (const Chunk& c : chunks) bytes += c.text[i].size();
      o.text.reserve(bytes);
      o.offsets.reserve(rows_ + 1);
      o.offsets.push_back(0);
      for (Chunk& c : chunks) {
        o.text += c.text[i];
        for (std::int64_t n : c.lengths[i]) o.offsets.push_back(o.offsets.back() + n);
        std::string().swap(c.text[i]);
      }
    }
    for (Chunk& c : chunks)
      for (RowFailure& f : c.failures) result_.failures.push_back(std::move(f));
  }

  const RuleSet& rules_;
  std::span<const InputColumn> columns_;
  std::size_t rows_;
  ColumnOptions options_;
  std::vector<Bound> bound_;
  ColumnResult result_;
};

}  // namespace

expected<ColumnResult> RuleSet::evaluate_columns(std::span<const InputColumn> columns, std::size_t rows,
                                                 const ColumnOptions& options) const {
  return Batch(*this, columns, rows, options).run();
}

}  // namespace crm
