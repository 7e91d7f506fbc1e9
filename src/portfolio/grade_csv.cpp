// crm::grade_csv (include/crmrules/portfolio_grading.hpp): pass 1 streams the CSV,
// evaluates each row and spills its output text to a temporary file while keeping only
// the measure, grade and RFM values; pass 2 classifies the population and copies the
// spilled rows to the output with their portfolio columns (workers format, in chunks).
#include <algorithm>
#include <array>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <charconv>
#include <memory>
#include <span>

#include <unistd.h>

#include "src/csv/csv.hpp"
#include "src/json/writer.hpp"
#include "src/core/suggest.hpp"
#include "src/core/utf8.hpp"
#include "crmrules/portfolio_grading.hpp"

namespace crm {
namespace {

namespace csv = internal::csv;
using Format = GradeOptions::Format;

struct InputColumn {
  std::size_t column;
  std::size_t slot;
  const Field* field;
  bool amount;  // a decimal or integer field: its cells are parsed here
  bool cached;  // a field that reads its cells' text (labels, bools, dates): see CellCache
};

/// The values one field made of the texts a worker gave it (a label from an alias, a bool
/// from "yes", a date), so a text seen before is set as the value it gave then: the field
/// takes that value as it is, without reading the text again. Only texts the field
/// accepted are kept, and at most `capacity` of them (a column of labels has few).
class CellCache {
 public:
  static constexpr std::size_t capacity = 16;
  [[nodiscard]] const Value* find(std::string_view text) const noexcept {
    for (const Entry& e : entries_)
      if (e.text == text) return &e.value;
    return nullptr;
  }
  void add(std::string_view text, const Value& value) {
    if (entries_.size() < capacity) entries_.push_back({std::string(text), value});
  }

 private:
  struct Entry {
    std::string text;
    Value value;
  };
  std::vector<Entry> entries_;
};

/// What a worker of pass 1 keeps from batch to batch.
struct Worker {
  Record record;
  Trace trace;
  std::string explain;            // one row's trace
  std::vector<std::string> shown; // a row's date and list outputs as text
  std::vector<CellCache> cells;   // per input column (InputColumn::cached)
};

/// Writers into a buffer sized beforehand; each returns the end of what it wrote.
char* put(char* w, std::string_view s) noexcept {
  std::memcpy(w, s.data(), s.size());
  return w + s.size();
}
char* put_integer(char* w, std::uint64_t n) noexcept { return std::to_chars(w, w + 20, n).ptr; }

/// Appends a graded row's CSV cells: its line, its id and name when the file has them,
/// then each output (null empty, a decimal's exact text, a string quoted when it must
/// be, a date or list as Value::to_string, `shown` holding those texts meanwhile). The
/// room is counted first, so the cells are written with no check per cell.
void append_csv_row(std::string& out, std::uint64_t line, const std::string_view* id, const std::string_view* name,
                    std::span<const Value> values, std::vector<std::string>& shown) {
  shown.clear();
  std::size_t room = 20 + (id ? 1 + csv::cell_bound(*id) : 0) + (name ? 1 + csv::cell_bound(*name) : 0);
  for (const Value& v : values) {
    switch (v.kind()) {
      case ValueKind::null: room += 1; break;
      case ValueKind::boolean: room += 6; break;
      case ValueKind::decimal: room += 1 + Decimal::max_chars; break;
      case ValueKind::string: room += 1 + csv::cell_bound(v.as_string()); break;
      default: room += 1 + csv::cell_bound(shown.emplace_back(v.to_string())); break;
    }
  }
  const std::size_t before = out.size();
  out.resize_and_overwrite(before + room, [&](char* buf, std::size_t) noexcept {
    char* w = put_integer(buf + before, line);
    if (id) *w++ = ',', w = csv::write_cell(w, *id);
    if (name) *w++ = ',', w = csv::write_cell(w, *name);
    std::size_t next_shown = 0;
    for (const Value& v : values) {
      *w++ = ',';
      switch (v.kind()) {
        case ValueKind::null: break;
        case ValueKind::boolean: w = put(w, v.as_bool() ? std::string_view("true") : std::string_view("false")); break;
        case ValueKind::decimal: w += v.as_decimal().to_chars(w); break;
        case ValueKind::string: w = csv::write_cell(w, v.as_string()); break;
        default: w = csv::write_cell(w, shown[next_shown++]); break;
      }
    }
    return static_cast<std::size_t>(w - buf);
  });
}

void append_integer(std::string& out, std::uint64_t n) {
  char buf[20];
  char* end = buf + sizeof buf;
  char* p = end;
  do *--p = static_cast<char>('0' + n % 10);
  while ((n /= 10) != 0);
  out.append(p, static_cast<std::size_t>(end - p));
}

void append_decimal(std::string& out, Decimal d) {
  char buf[Decimal::max_chars];
  out.append(buf, d.to_chars(buf));
}


/// The temporary file the graded rows wait in between the passes.
struct Spill {
  struct Closer {
    void operator()(std::FILE* f) const noexcept {
      if (f) std::fclose(f);
    }
  };
  std::unique_ptr<std::FILE, Closer> file;
  std::vector<std::uint32_t> lengths;          // per row: its text
  std::vector<std::uint32_t> explain_lengths;  // per row: its trace (with explain)
  std::vector<char> buffer = std::vector<char>(std::size_t{1} << 20);

  expected<void> open() {
    file.reset(std::tmpfile());
    if (!file) return fail(ErrorCode::io, std::string("cannot create a temporary file: ") + std::strerror(errno));
    std::setvbuf(file.get(), buffer.data(), _IOFBF, buffer.size());
    return {};
  }
  bool write(std::string_view s) { return std::fwrite(s.data(), 1, s.size(), file.get()) == s.size(); }
  /// Reads size bytes at offset into out (after a flush; any thread: pread has no shared position).
  bool read_at(std::string& out, std::size_t size, std::uint64_t offset) const {
    out.resize(size);
    const int fd = ::fileno(file.get());
    for (std::size_t done = 0; done < size;) {
      const ssize_t got = ::pread(fd, out.data() + done, size - done, static_cast<off_t>(offset + done));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return false;
      done += static_cast<std::size_t>(got);
    }
    return true;
  }
};

/// Rows read by the reading thread, graded by a worker, taken back in order. In pass 2
/// the same: `bytes` holds spilled rows first_row.. (row_count of them), `text` their
/// output.
struct Batch {
  static constexpr std::size_t capacity = 512;
  static constexpr std::uint32_t none = UINT32_MAX;
  struct In {
    std::uint64_t line = 0;
    std::uint32_t first = 0;     // its first field in spans
    std::uint32_t lines = none;  // a record with quoted line breaks: its fields' lines in field_lines
    std::uint32_t bad = none;    // a record the reader or the header check refused: in `bad`
  };
  struct Span {
    std::uint32_t start, end;  // in bytes
  };
  struct Bad {
    Error error;
    std::size_t column;
  };
  std::uint64_t seq = 0;
  std::size_t first_row = 0, row_count = 0;  // pass 2: the rows, and where they are in the spill
  std::uint64_t spill_offset = 0, spill_size = 0;
  std::vector<In> rows;
  std::string bytes;                       // the records' text, back to back (and unescaped fields)
  std::vector<Span> spans;                 // per field
  std::vector<std::uint32_t> field_lines;  // per field of a multi-line record: lines after its first
  std::vector<Bad> bad;
  // Filled by the worker:
  std::string text;  // each graded row's text (then its trace, with explain)
  std::vector<std::uint32_t> lengths, explain_lengths;
  std::vector<Decimal> measures;
  std::vector<std::string> grades;
  std::vector<std::optional<Decimal>> rfm[3];
  std::vector<RejectedRow> rejects;
  std::string failure;

  /// Empties the batch for reuse, keeping its buffers (no allocation for the next one).
  void clear() {
    rows.clear();
    bytes.clear();
    spans.clear();
    field_lines.clear();
    bad.clear();
    text.clear();
    lengths.clear();
    explain_lengths.clear();
    measures.clear();
    grades.clear();
    for (auto& r : rfm) r.clear();
    rejects.clear();
    failure.clear();
  }
  [[nodiscard]] std::string_view field(const In& in, std::size_t c) const {
    const Span& s = spans[in.first + c];
    return std::string_view(bytes.data() + s.start, s.end - s.start);
  }
  /// The lines field c starts after its record's first.
  [[nodiscard]] std::uint32_t lines_into(const In& in, std::size_t c) const {
    return in.lines == none ? 0 : field_lines[in.lines + c];
  }
  /// Copies a record: its bytes at once, its fields as spans of them (a field whose
  /// doubled quotes the reader undid is copied after them).
  void add(const csv::Row& row) {
    const std::string_view raw = row.raw();
    const std::size_t base = bytes.size();
    bytes.append(raw.data(), raw.size());
    In in;
    in.line = row.line();
    in.first = static_cast<std::uint32_t>(spans.size());
    const bool multiline = raw.find('\n') != std::string_view::npos;
    if (multiline) in.lines = static_cast<std::uint32_t>(field_lines.size());
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::string_view f = row[i];
      std::size_t at = reinterpret_cast<std::uintptr_t>(f.data()) - reinterpret_cast<std::uintptr_t>(raw.data());
      if (at <= raw.size() && f.size() <= raw.size() - at) {
        at += base;
      } else {
        at = bytes.size();
        bytes.append(f.data(), f.size());
      }
      spans.push_back({static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + f.size())});
      if (multiline) field_lines.push_back(static_cast<std::uint32_t>(row.line_of(i) - row.line()));
    }
    rows.push_back(in);
  }
  void add_bad(const Error& e, std::size_t column) {
    In in;
    in.line = e.where.line;
    in.bad = static_cast<std::uint32_t>(bad.size());
    bad.push_back({e, column});
    rows.push_back(in);
  }
};

/// Worker threads grading batches; the submitting thread takes them back in order.
class Pipeline {
 public:
  using Work = std::function<void(Batch&, std::size_t worker)>;
  using Take = std::function<void(Batch&)>;

  explicit Pipeline(unsigned threads)
      : threads_(threads != 0 ? threads : std::max(1u, std::min(16u, std::thread::hardware_concurrency()))) {}
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;
  ~Pipeline() { stop(); }

  [[nodiscard]] std::size_t threads() const noexcept { return threads_; }

  void start(Work work) {
    work_ = std::move(work);
    for (std::size_t t = 0; t < threads_; ++t) workers_.emplace_back([this, t] { loop(t); });
  }
  /// An empty batch: one taken back before, or a new one.
  std::unique_ptr<Batch> fresh() {
    if (pool_.empty()) return std::make_unique<Batch>();
    auto batch = std::move(pool_.back());
    pool_.pop_back();
    return batch;
  }
  /// Queues a batch, then takes the finished ones in order (waiting while too many are out).
  void submit(std::unique_ptr<Batch> batch, const Take& take) {
    batch->seq = submitted_++;
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(batch));
    }
    work_ready_.notify_one();
    drain(take, 2 * threads_ + 2);
  }
  /// Takes every batch still out, then stops the workers.
  void finish(const Take& take) {
    drain(take, 0);
    stop();
  }

 private:
  void drain(const Take& take, std::uint64_t keep) {
    for (;;) {
      std::unique_ptr<Batch> batch;
      {
        std::unique_lock lock(mutex_);
        auto ready = [&] { return done_.count(taken_) > 0; };
        if (!ready()) {
          if (submitted_ - taken_ <= keep) return;
          done_ready_.wait(lock, ready);
        }
        auto it = done_.find(taken_);
        batch = std::move(it->second);
        done_.erase(it);
      }
      take(*batch);
      ++taken_;
      batch->clear();
      pool_.push_back(std::move(batch));
    }
  }
  void loop(std::size_t worker) {
    for (;;) {
      std::unique_ptr<Batch> batch;
      {
        std::unique_lock lock(mutex_);
        work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        batch = std::move(queue_.front());
        queue_.pop_front();
      }
      work_(*batch, worker);
      {
        std::lock_guard lock(mutex_);
        const std::uint64_t seq = batch->seq;
        done_[seq] = std::move(batch);
      }
      done_ready_.notify_all();
    }
  }
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    work_ready_.notify_all();
    for (auto& w : workers_) w.join();
    workers_.clear();
  }

  std::size_t threads_;
  Work work_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable work_ready_, done_ready_;
  std::deque<std::unique_ptr<Batch>> queue_;
  std::map<std::uint64_t, std::unique_ptr<Batch>> done_;
  bool stopping_ = false;
  std::uint64_t submitted_ = 0, taken_ = 0;  // the submitting thread's own counts
  std::vector<std::unique_ptr<Batch>> pool_;  // taken batches, for reuse (submitting thread)
};

}  // namespace

std::string GradeSummary::to_json() const {
  using internal::write_json_string;
  std::string out = "{\"rows\": " + std::to_string(rows) + ", \"graded\": " + std::to_string(graded) +
                    ", \"rejected\": " + std::to_string(rejected) + ", \"rejects\": [";
  for (std::size_t i = 0; i < rejects.size(); ++i) {
    const auto& r = rejects[i];
    out += i ? ", " : "";
    out += "{\"line\": " + std::to_string(r.line) + ", \"column\": " + std::to_string(r.error.where.column) +
           ", \"field\": ";
    write_json_string(out, r.column);
    out += ", \"code\": ";
    write_json_string(out, to_string(r.error.code));
    out += ", \"message\": ";
    write_json_string(out, r.error.message);
    out += '}';
  }
  out += "], \"warnings\": [";
  for (std::size_t i = 0; i < warnings.size(); ++i) {
    out += i ? ", " : "";
    write_json_string(out, warnings[i]);
  }
  out += "], \"stopped\": ";
  if (stopped) {
    out += "{\"line\": " + std::to_string(stopped->where.line) + ", \"code\": ";
    write_json_string(out, to_string(stopped->code));
    out += ", \"message\": ";
    write_json_string(out, stopped->message);
    out += '}';
  } else {
    out += "null";
  }
  out += ", \"grade_output\": ";
  write_json_string(out, grade_output);
  out += ", \"grades\": [";
  for (std::size_t i = 0; i < grades.size(); ++i) {
    const auto& g = grades[i];
    out += i ? ", " : "";
    out += "{\"label\": ";
    write_json_string(out, g.label);
    out += ", \"customers\": " + std::to_string(g.customers) + ", \"A\": " + std::to_string(g.per_class[0]) +
           ", \"B\": " + std::to_string(g.per_class[1]) + ", \"C\": " + std::to_string(g.per_class[2]) + "}";
  }
  out += "]";
  if (portfolio) {
    const Portfolio& p = *portfolio;
    out += ", \"abc\": {\"measure\": ";
    write_json_string(out, measure);
    out += ", \"a_share\": " + p.options().a_share.to_string() + ", \"b_share\": " + p.options().b_share.to_string();
    for (AbcClass c : {AbcClass::A, AbcClass::B, AbcClass::C})
      out += ", \"" + std::string(to_string(c)) + "\": {\"customers\": " + std::to_string(p.count(c)) +
             ", \"share\": " + p.class_share(c).to_string() + "}";
    out += ", \"loss_making\": " + std::to_string(p.loss_making()) + "}, \"pareto\": {\"top\": " +
           p.options().pareto_top.to_string() + ", \"share\": ";
    const auto share = p.pareto_share();
    out += share ? share->to_string() : "null";
    out += "}";
  }
  out += "}";
  return out;
}

expected<GradeSummary> grade_csv(const RuleSet& rules, const std::string& path, std::ostream& out,
                                 const GradeOptions& options, const GradeProgress& progress) {
  const bool rfm = !options.recency.empty() || !options.frequency.empty() || !options.monetary.empty();
  if (rfm && (options.recency.empty() || options.frequency.empty() || options.monetary.empty()))
    return fail(ErrorCode::invalid_argument, "RFM needs all three columns: recency, frequency and monetary");
  if (rfm && (options.rfm_bins < 2 || options.rfm_bins > 100))
    return fail(ErrorCode::invalid_argument, "rfm_bins must be from 2 to 100, not " + std::to_string(options.rfm_bins));
  // Check the portfolio options before reading a million rows.
  if (auto probe = Portfolio::classify({}, options.portfolio); !probe) return unexpected(probe.error());

  auto opened = csv::Reader::open_file(path);
  if (!opened) return unexpected(opened.error());
  csv::Reader& reader = *opened;
  csv::Row row;
  switch (reader.next(row)) {
    case csv::Status::end:
      return fail(ErrorCode::missing, "'" + path + "' is empty: a portfolio file needs a header row", {{}, 1, 1, -1});
    case csv::Status::bad_row:
    case csv::Status::fatal: {
      Error e = reader.error();
      e.message = "the header: " + e.message;
      return unexpected(std::move(e));
    }
    case csv::Status::row: break;
  }
  auto parsed_header = csv::Header::from(row);
  if (!parsed_header) return unexpected(parsed_header.error());
  const csv::Header header = std::move(*parsed_header);
  const std::uint64_t header_line = row.line();

  GradeSummary summary;
  summary.measure = options.measure;
  const Schema& schema = rules.schema();
  std::vector<InputColumn> inputs;
  std::vector<std::string_view> known;
  for (const auto& f : schema.fields()) known.push_back(f.name);
  for (std::string_view extra : {std::string_view("id"), std::string_view("name"), std::string_view(options.measure),
                                 std::string_view(options.recency), std::string_view(options.frequency),
                                 std::string_view(options.monetary)})
    if (!extra.empty()) known.push_back(extra);
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string& name = header.name(c);
    if (auto slot = schema.slot_of(name)) {
      const Field& f = schema.fields()[*slot];
      const bool amount = f.type == FieldType::decimal || f.type == FieldType::integer;
      inputs.push_back({c, *slot, &f, amount, !amount && f.type != FieldType::string});
    } else if (std::find(known.begin(), known.end(), std::string_view(name)) == known.end()) {
      summary.warnings.push_back("column " + std::to_string(c + 1) + " '" + name + "' is not an input of rule set '" +
                                 rules.name() + "' and is ignored" + internal::did_you_mean(name, known));
    }
  }
  std::string missing;
  for (const auto& f : schema.fields())
    if (f.required && !header.index_of(f.name)) missing += (missing.empty() ? "'" : ", '") + f.name + "'";
  if (!missing.empty())
    return fail(ErrorCode::missing, "the header has no column for the required input(s) " + missing + " of rule set '" +
                                        rules.name() + "'",
                {{}, static_cast<std::uint32_t>(header_line), 0, -1});
  auto column_of = [&](const std::string& name, const char* what) -> expected<std::size_t> {
    if (auto c = header.index_of(name)) return *c;
    return fail(ErrorCode::missing, std::string("the header has no column '") + name + "' (" + what + ")" +
                                        internal::did_you_mean(name, std::vector<std::string_view>(
                                                                         header.names().begin(), header.names().end())),
                {{}, static_cast<std::uint32_t>(header_line), 0, -1});
  };
  auto measure_column = column_of(options.measure, "the portfolio measure");
  if (!measure_column) return unexpected(measure_column.error());
  std::size_t rfm_columns[3] = {0, 0, 0};
  if (rfm) {
    const std::string* names[3] = {&options.recency, &options.frequency, &options.monetary};
    for (int k = 0; k < 3; ++k) {
      auto c = column_of(*names[k], "an RFM column");
      if (!c) return unexpected(c.error());
      rfm_columns[k] = *c;
    }
  }
  const auto id_column = header.index_of("id");
  const auto name_column = header.index_of("name");
  const auto grade_index = rules.output_index(options.grade_output);
  if (grade_index) summary.grade_output = options.grade_output;
  else summary.warnings.push_back("rule set '" + rules.name() + "' has no output '" + options.grade_output +
                                  "': no counts per grade");
  const Format format = options.format;
  const std::size_t measure_slot_index = [&] {
    for (std::size_t k = 0; k < inputs.size(); ++k)
      if (inputs[k].column == *measure_column) return k;
    return inputs.size();
  }();

  // Pass 1. This thread reads the CSV into batches of rows; worker threads grade them
  // (inputs, evaluation, the row's text) each with its own record; this thread then
  // takes the graded batches in order: their text to the spill file, their measures,
  // grades and rejects to the population.
  Spill spill;
  if (auto ok = spill.open(); !ok) return unexpected(ok.error());
  std::vector<Decimal> measures;
  std::vector<std::uint16_t> grade_ids;
  std::vector<std::string> labels;
  std::vector<std::optional<Decimal>> rfm_values[3];

  std::vector<std::string> json_keys;  // per output: `, "name": `
  for (const auto& o : rules.outputs()) {
    std::string key = ", ";
    internal::write_json_string(key, o.name);
    json_keys.push_back(key + ": ");
  }
  auto grade_batch = [&](Batch& batch, Worker& worker) {
    Record& record = worker.record;
    for (const Batch::In& in : batch.rows) {
      auto field = [&](std::size_t c) { return batch.field(in, c); };
      auto error_at = [&](std::size_t c, ErrorCode code, std::string message) {
        Location where;
        where.line = static_cast<std::uint32_t>(in.line + batch.lines_into(in, c));
        where.column = static_cast<std::uint32_t>(c + 1);
        return Error{code, std::move(message), std::move(where)};
      };
      auto reject = [&](std::size_t column, Error e) {
        batch.rejects.push_back({e.where.line, column < header.size() ? header.name(column) : std::string(), std::move(e)});
      };
      if (in.bad != Batch::none) {
        reject(batch.bad[in.bad].column, batch.bad[in.bad].error);
        continue;
      }
      auto parse_amount = [&](std::size_t column, std::string_view cell, const char* what) -> expected<Decimal> {
        auto d = Decimal::parse(cell);
        if (d) return d;
        return unexpected(error_at(column, ErrorCode::parse,
                                   "unparsable amount '" + internal::printable_utf8(cell) + "' in column '" +
                                       header.name(column) + "'" + what + ": " + d.error().message));
      };
      // The inputs, by their fields' types.
      std::optional<Error> bad;
      std::size_t bad_column = 0;
      Decimal measure;
      bool have_measure = false;
      for (std::size_t k = 0; k < inputs.size(); ++k) {
        const InputColumn& column = inputs[k];
        const std::string_view cell = csv::trim(field(column.column));
        expected<void> ok;
        if (cell.empty()) {
          ok = record.set(column.slot, Value());
        } else if (column.amount) {
          auto d = parse_amount(column.column, cell, "");
          if (!d) {
            bad = d.error();
            bad_column = column.column;
            break;
          }
          if (k == measure_slot_index) measure = *d, have_measure = true;
          ok = record.set(column.slot, Value(*d));
        } else if (!column.cached) {
          ok = record.set(column.slot, Value(cell));  // text: the field takes it as it is
        } else if (const Value* seen = worker.cells[k].find(cell)) {
          ok = record.set(column.slot, *seen);
        } else {  // labels, bools, dates: the field reads the text
          ok = record.set(column.slot, Value(cell));
          if (ok) worker.cells[k].add(cell, record.inputs()[column.slot]);
        }
        if (!ok) {
          bad = error_at(column.column, ok.error().code, ok.error().message);
          bad_column = column.column;
          break;
        }
      }
      if (!bad && measure_slot_index == inputs.size()) {
        const std::string_view cell = csv::trim(field(*measure_column));
        if (!cell.empty()) {
          auto d = parse_amount(*measure_column, cell, " (the portfolio measure)");
          if (!d) bad = d.error(), bad_column = *measure_column;
          else measure = *d, have_measure = true;
        }
      }
      if (!bad && !have_measure) {
        bad = error_at(*measure_column, ErrorCode::missing,
                       "column '" + options.measure + "' (the portfolio measure) is empty");
        bad_column = *measure_column;
      }
      std::optional<Decimal> rfm_row[3];
      for (int k = 0; rfm && k < 3 && !bad; ++k) {
        const std::string_view cell = csv::trim(field(rfm_columns[k]));
        if (cell.empty()) continue;
        auto d = parse_amount(rfm_columns[k], cell, " (RFM)");
        if (!d) bad = d.error(), bad_column = rfm_columns[k];
        else rfm_row[k] = *d;
      }
      if (!bad) {
        if (auto ok = rules.evaluate(record, options.explain ? &worker.trace : nullptr); !ok) {
          Error e = ok.error();
          std::size_t column = header.size();
          if (e.where.pointer.size() > 1)
            if (auto c = header.index_of(std::string_view(e.where.pointer).substr(1))) column = *c;
          bad = column < header.size()
                    ? error_at(column, e.code, e.message)
                    : Error{e.code, e.message, {e.where.pointer, static_cast<std::uint32_t>(in.line), 0, -1}};
          bad_column = column;
        }
      }
      if (bad) {
        reject(bad_column, std::move(*bad));
        continue;
      }
      // The graded row's text, waiting for its portfolio columns.
      const std::size_t before = batch.text.size();
      std::string& t = batch.text;
      if (format == Format::json) {
        t += "{\"line\": ";
        append_integer(t, in.line);
        if (id_column) t += ", \"id\": ", internal::write_json_string(t, field(*id_column));
        if (name_column) t += ", \"name\": ", internal::write_json_string(t, field(*name_column));
        const auto outs = record.outputs();
        for (std::size_t o = 0; o < outs.size(); ++o) {
          t += json_keys[o];
          internal::write_json_value(t, outs[o]);
        }
      } else {
        const std::string_view id = id_column ? field(*id_column) : std::string_view();
        const std::string_view name = name_column ? field(*name_column) : std::string_view();
        append_csv_row(t, in.line, id_column ? &id : nullptr, name_column ? &name : nullptr, record.outputs(),
                       worker.shown);
      }
      batch.lengths.push_back(static_cast<std::uint32_t>(t.size() - before));
      if (options.explain) {
        worker.explain = worker.trace.to_json();
        t += worker.explain;
        batch.explain_lengths.push_back(static_cast<std::uint32_t>(worker.explain.size()));
      }
      batch.measures.push_back(measure);
      if (grade_index) {
        const Value& g = record.outputs()[*grade_index];
        batch.grades.push_back(g.is_null() ? std::string() : g.to_string());
      }
      for (int k = 0; rfm && k < 3; ++k) batch.rfm[k].push_back(rfm_row[k]);
    }
  };

  // Takes a graded batch: its text to the spill file, the rest to the population.
  std::optional<Error> spill_error;
  auto take = [&](Batch& batch) {
    if (!spill.write(batch.text) && !spill_error)  // the rows (and traces) back to back
      spill_error = Error{ErrorCode::io, "cannot write the temporary file", {}};
    for (std::size_t i = 0; i < batch.lengths.size(); ++i) {
      spill.lengths.push_back(batch.lengths[i]);
      if (options.explain) spill.explain_lengths.push_back(batch.explain_lengths[i]);
      measures.push_back(batch.measures[i]);
      std::uint16_t gid = 0;
      if (grade_index) {
        const std::string& label = batch.grades[i];
        auto it = std::find(labels.begin(), labels.end(), label);
        if (it == labels.end() && labels.size() < 65535) it = labels.insert(labels.end(), label);
        gid = static_cast<std::uint16_t>(it - labels.begin());
      }
      grade_ids.push_back(gid);
      for (int k = 0; rfm && k < 3; ++k) rfm_values[k].push_back(batch.rfm[k][i]);
    }
    summary.graded += batch.lengths.size();
    summary.rejected += batch.rejects.size();
    for (auto& r : batch.rejects)
      if (summary.rejects.size() < options.max_rejects_kept) summary.rejects.push_back(std::move(r));
  };

  Pipeline pipeline(options.threads);
  std::vector<Worker> workers;
  for (std::size_t t = 0; t < pipeline.threads(); ++t)
    workers.push_back({rules.new_record(), Trace(), std::string(), {}, std::vector<CellCache>(inputs.size())});
  std::optional<Error> worker_error;
  pipeline.start([&](Batch& batch, std::size_t worker) {
    try {
      grade_batch(batch, workers[worker]);
    } catch (const std::exception& e) {
      batch.failure = std::string("grading a batch failed: ") + e.what();
    }
  });

  auto batch = pipeline.fresh();
  std::uint64_t since_progress = 0;
  auto send = [&] {
    pipeline.submit(std::move(batch), [&](Batch& done) {
      if (done.failure.empty()) take(done);
      else if (!worker_error) worker_error = Error{ErrorCode::internal, done.failure, {}};
    });
    batch = pipeline.fresh();
  };
  for (;;) {
    const csv::Status status = reader.next(row);
    if (status == csv::Status::end) break;
    if (status == csv::Status::fatal) {
      summary.stopped = reader.error();
      break;
    }
    if (progress && ++since_progress == 16384) {
      since_progress = 0;
      progress(reader.bytes_consumed(), reader.total_bytes());
    }
    ++summary.rows;
    if (status == csv::Status::bad_row) {
      const Error& e = reader.error();
      batch->add_bad(e, e.where.column > 0 ? e.where.column - 1 : header.size());
    } else if (auto ok = header.check(row); !ok) {
      batch->add_bad(ok.error(), header.size());
    } else {
      batch->add(row);
    }
    if (batch->rows.size() == Batch::capacity) send();
  }
  if (!batch->rows.empty()) send();
  pipeline.finish([&](Batch& done) {
    if (done.failure.empty()) take(done);
    else if (!worker_error) worker_error = Error{ErrorCode::internal, done.failure, {}};
  });
  if (worker_error) return unexpected(*worker_error);
  if (spill_error) return unexpected(*spill_error);
  if (progress) progress(reader.bytes_consumed(), reader.total_bytes());

  // Pass 2: the population is known.
  auto portfolio = Portfolio::classify(measures, options.portfolio);
  if (!portfolio) return unexpected(portfolio.error());
  std::vector<std::uint8_t> scores[3];
  for (int k = 0; rfm && k < 3; ++k) {
    auto s = quantile_scores(rfm_values[k], options.rfm_bins, k == 0 ? options.recency_better : Better::higher);
    if (!s) return unexpected(s.error());
    scores[k] = std::move(*s);
    rfm_values[k] = {};
  }
  std::vector<GradeSummary::GradeCount> counts(labels.size());
  for (std::size_t l = 0; l < labels.size(); ++l) counts[l].label = labels[l];
  for (std::size_t i = 0; i < grade_ids.size() && grade_index; ++i) {
    ++counts[grade_ids[i]].customers;
    ++counts[grade_ids[i]].per_class[static_cast<int>(portfolio->abc_class(i))];
  }
  std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.label < b.label; });
  summary.grades = std::move(counts);

  // The output's header.
  std::string line;
  if (format == Format::csv) {
    line = "line";
    if (id_column) line += ",id";
    if (name_column) line += ",name";
    for (const auto& o : rules.outputs()) line += ',', csv::append_cell(line, o.name);
    line += ",abc_class,abc_rank,cumulative_share";
    if (rfm) line += ",r_score,f_score,m_score,rfm";
    if (options.explain) line += ",explain";
    line += '\n';
  } else {
    line = "[";
  }
  out.write(line.data(), static_cast<std::streamsize>(line.size()));

  // Pass 2. The workers read the spilled rows back in chunks and add their portfolio
  // columns; this thread writes the chunks to `out` in order.
  if (std::fflush(spill.file.get()) != 0) return fail(ErrorCode::io, "cannot write the temporary file");
  const Portfolio& p = *portfolio;
  auto finish_batch = [&](Batch& chunk) {
    if (!spill.read_at(chunk.bytes, chunk.spill_size, chunk.spill_offset)) {
      chunk.failure = "cannot read the temporary file back";
      return;
    }
    std::string& text = chunk.text;
    std::size_t at = 0;
    auto next_piece = [&](std::uint32_t length) {
      const std::string_view piece(chunk.bytes.data() + at, length);
      at += length;
      return piece;
    };
    for (std::size_t i = chunk.first_row; i < chunk.first_row + chunk.row_count; ++i) {
      const std::string_view piece = next_piece(spill.lengths[i]);
      if (format == Format::json) {
        text += i ? ",\n" : "\n";
        text += piece;
        text += ", \"abc_class\": \"";
        text += to_string(p.abc_class(i));
        text += "\", \"abc_rank\": ";
        append_integer(text, p.rank(i));
        text += ", \"cumulative_share\": ";
        append_decimal(text, p.cumulative_share(i));
        if (rfm) {
          static constexpr const char* keys[3] = {", \"r_score\": ", ", \"f_score\": ", ", \"m_score\": "};
          for (int k = 0; k < 3; ++k) {
            text += keys[k];
            if (scores[k][i]) append_integer(text, scores[k][i]);
            else text += "null";
          }
        }
      } else {
        text += piece;
        text += ',';
        text += to_string(p.abc_class(i));
        text += ',';
        append_integer(text, p.rank(i));
        text += ',';
        append_decimal(text, p.cumulative_share(i));
        if (rfm) {
          text += ',';
          for (int k = 0; k < 3; ++k) {
            if (scores[k][i] != 0) append_integer(text, scores[k][i]);
            text += ',';
          }
          if (scores[0][i] && scores[1][i] && scores[2][i])
            for (int k = 0; k < 3; ++k) append_integer(text, scores[k][i]);
        }
      }
      if (options.explain) {
        const std::string_view trace_json = next_piece(spill.explain_lengths[i]);
        std::string explain = "{\"share_above\": ";
        append_decimal(explain, p.share_above(i));
        explain += ", \"trace\": ";
        explain += trace_json;
        explain += '}';
        if (format == Format::json) text += ", \"explain\": ", text += explain;
        else text += ',', csv::append_cell(text, explain);
      }
      text += format == Format::json ? '}' : '\n';
    }
  };
  Pipeline copier(options.threads);
  copier.start([&](Batch& chunk, std::size_t) {
    try {
      finish_batch(chunk);
    } catch (const std::exception& e) {
      chunk.failure = std::string("writing the graded rows failed: ") + e.what();
    }
  });
  std::optional<Error> copy_error;
  auto write_batch = [&](Batch& done) {
    if (!done.failure.empty()) {
      if (!copy_error) copy_error = Error{ErrorCode::io, done.failure, {}};
      return;
    }
    out.write(done.text.data(), static_cast<std::streamsize>(done.text.size()));
  };
  constexpr std::size_t copy_rows = 2048;
  std::uint64_t offset = 0;
  for (std::size_t first = 0; first < spill.lengths.size() && !copy_error; first += copy_rows) {
    auto chunk = copier.fresh();
    chunk->first_row = first;
    chunk->row_count = std::min(copy_rows, spill.lengths.size() - first);
    chunk->spill_offset = offset;
    for (std::size_t i = first; i < first + chunk->row_count; ++i)
      offset += spill.lengths[i] + (options.explain ? spill.explain_lengths[i] : 0);
    chunk->spill_size = offset - chunk->spill_offset;
    copier.submit(std::move(chunk), write_batch);
  }
  copier.finish(write_batch);
  if (copy_error) return unexpected(*copy_error);
  if (format == Format::json) out << (spill.lengths.empty() ? "]\n" : "\n]\n");
  out.flush();
  if (!out) return fail(ErrorCode::io, "cannot write the graded rows");
  summary.portfolio = std::move(*portfolio);
  return summary;
}

}  // namespace crm
