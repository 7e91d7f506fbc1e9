// crm::grade_csv (include/crmrules/portfolio_grading.hpp). Pass 1 streams the CSV:
// workers grade batches of rows (row_grader.hpp) and the rows' text waits in a temporary
// file (spilled_rows.hpp) while the population keeps only each customer's measure, grade
// and RFM values. Pass 2 classifies the population, then workers finish the spilled rows
// with their portfolio columns in chunks (row_writer.hpp) while this thread writes them
// out in order (ordered_pipeline.hpp).
#include <algorithm>
#include <memory>

#include "crmrules/portfolio_classes.hpp"
#include "crmrules/portfolio_grading.hpp"
#include "src/csv/csv.hpp"
#include "src/portfolio/batch.hpp"
#include "src/portfolio/csv_row_writer.hpp"
#include "src/portfolio/grade_columns.hpp"
#include "src/portfolio/json_row_writer.hpp"
#include "src/portfolio/ordered_pipeline.hpp"
#include "src/portfolio/row_grader.hpp"
#include "src/portfolio/spilled_rows.hpp"

namespace crm {
namespace {

namespace csv = internal::csv;
using internal::Batch;
using internal::GradeColumns;
using internal::OrderedPipeline;
using internal::PopulationClasses;
using internal::RowWriter;
using internal::SpilledRows;

/// RFM needs all three columns or none, and sensible bins; the portfolio options are
/// checked before a million rows are read.
[[nodiscard]] expected<void> check_options(const GradeOptions& options) {
  const bool rfm = !options.recency.empty() || !options.frequency.empty() || !options.monetary.empty();
  if (rfm && (options.recency.empty() || options.frequency.empty() || options.monetary.empty()))
    return fail(ErrorCode::invalid_argument, "RFM needs all three columns: recency, frequency and monetary");
  if (rfm && (options.rfm_bins < 2 || options.rfm_bins > 100))
    return fail(ErrorCode::invalid_argument, "rfm_bins must be from 2 to 100, not " + std::to_string(options.rfm_bins));
  if (auto probe = Portfolio::classify({}, options.portfolio); !probe) return unexpected(probe.error());
  return {};
}

/// The portfolio file, read up to its header.
struct PortfolioFile {
  csv::Reader reader;
  csv::Header header;
  std::uint64_t header_line;
};

[[nodiscard]] expected<PortfolioFile> open_portfolio(const std::string& path, const Limits& limits) {
  auto reader = csv::Reader::open_file(path, csv::Options::from(limits));
  if (!reader) return unexpected(reader.error());
  csv::Row row;
  switch (reader->next(row)) {
    case csv::Status::end:
      return fail(ErrorCode::missing, "'" + path + "' is empty: a portfolio file needs a header row", {{}, 1, 1, -1});
    case csv::Status::bad_row:
    case csv::Status::fatal: {
      Error e = reader->error();
      e.message = "the header: " + e.message;
      return unexpected(std::move(e));
    }
    case csv::Status::row: break;
  }
  auto header = csv::Header::from(row);
  if (!header) return unexpected(header.error());
  reader->expect_fields(header->size());
  return PortfolioFile{std::move(*reader), std::move(*header), row.line()};
}

/// The writer of the chosen format, for the columns the file and the rule set have.
std::unique_ptr<RowWriter> row_writer(const RuleSet& rules, const GradeColumns& columns, const GradeOptions& options,
                                      const std::optional<ShareClasses>& four_class) {
  internal::RowLayout layout;
  if (four_class)
    for (const ShareClass& c : four_class->classes) layout.four_class.push_back(c.label);
  layout.kept = columns.kept_names;
  for (const auto& o : rules.outputs()) layout.outputs.push_back(o.name);
  layout.rfm = columns.rfm;
  layout.explain = options.explain;
  if (options.format == GradeOptions::Format::json) return std::make_unique<internal::JsonRowWriter>(std::move(layout));
  return std::make_unique<internal::CsvRowWriter>(std::move(layout));
}

/// What pass 1 keeps per graded customer, in output order.
struct Population {
  std::vector<Decimal> measures;
  std::vector<std::uint16_t> grade_ids;  // into labels
  std::vector<std::string> labels;       // the grades seen, in order of appearance
  std::vector<std::optional<Decimal>> rfm[3];

  /// A graded batch's customers; `with_grades`, `with_rfm`: the batch has their values.
  void add(const Batch& batch, bool with_grades, bool with_rfm) {
    measures.insert(measures.end(), batch.measures.begin(), batch.measures.end());
    for (std::size_t i = 0; i < batch.measures.size(); ++i)
      grade_ids.push_back(with_grades ? grade_id(batch.grades[i]) : 0);
    for (int k = 0; with_rfm && k < 3; ++k) rfm[k].insert(rfm[k].end(), batch.rfm[k].begin(), batch.rfm[k].end());
  }
  std::uint16_t grade_id(const std::string& label) {
    auto it = std::find(labels.begin(), labels.end(), label);
    if (it == labels.end() && labels.size() < 65535) it = labels.insert(labels.end(), label);
    return static_cast<std::uint16_t>(it - labels.begin());
  }
};

/// Pass 1. This thread reads the CSV into batches of rows; worker threads grade them;
/// this thread takes the graded batches back in order: their text to the spill file,
/// their measures, grades and RFM values to the population, their rejects to the summary.
class FirstPass {
 public:
  FirstPass(const RuleSet& rules, PortfolioFile& file, const GradeColumns& columns, const RowWriter& writer,
            const GradeOptions& options, SpilledRows& spill, Population& population, GradeSummary& summary)
      : file_(file),
        columns_(columns),
        options_(options),
        spill_(spill),
        population_(population),
        summary_(summary),
        grader_(rules, file.header, columns, writer, options.explain),
        pipeline_(options.threads) {}

  [[nodiscard]] expected<void> run(const GradeProgress& progress);

 private:
  void start_workers();
  /// Reads the records into batches and sends each full one to the workers.
  void read_rows(const GradeProgress& progress);
  void send(std::unique_ptr<Batch>& batch);
  /// A graded batch, taken back in order.
  void take(Batch& batch);

  PortfolioFile& file_;
  const GradeColumns& columns_;
  const GradeOptions& options_;
  SpilledRows& spill_;
  Population& population_;
  GradeSummary& summary_;
  internal::RowGrader grader_;
  std::vector<internal::RowGrader::Worker> workers_;
  OrderedPipeline<Batch> pipeline_;
  std::optional<Error> worker_error_, spill_error_;  // the first of each
};

expected<void> FirstPass::run(const GradeProgress& progress) {
  start_workers();
  read_rows(progress);
  pipeline_.finish([this](Batch& done) { take(done); });
  if (worker_error_) return unexpected(*worker_error_);
  if (spill_error_) return unexpected(*spill_error_);
  if (progress) progress(file_.reader.bytes_consumed(), file_.reader.total_bytes());
  return {};
}

void FirstPass::start_workers() {
  for (std::size_t t = 0; t < pipeline_.threads(); ++t) workers_.push_back(grader_.new_worker());
  pipeline_.start([this](Batch& batch, std::size_t worker) {
    try {
      grader_.grade(batch, workers_[worker]);
    } catch (const std::exception& e) {
      batch.failure = std::string("grading a batch failed: ") + e.what();
    }
  });
}

void FirstPass::read_rows(const GradeProgress& progress) {
  csv::Reader& reader = file_.reader;
  const csv::Header& header = file_.header;
  csv::Row row;
  auto batch = pipeline_.fresh();
  std::uint64_t since_progress = 0;
  for (;;) {
    const csv::Status status = reader.next(row);
    if (status == csv::Status::end) break;
    if (status == csv::Status::fatal) {
      summary_.stopped = reader.error();
      break;
    }
    if (progress && ++since_progress == 16384) {
      since_progress = 0;
      progress(reader.bytes_consumed(), reader.total_bytes());
    }
    ++summary_.rows;
    if (status == csv::Status::bad_row) {
      const Error& e = reader.error();
      batch->add_bad(e, e.where.column > 0 ? e.where.column - 1 : header.size());
    } else if (auto ok = header.check(row); !ok) {
      batch->add_bad(ok.error(), header.size());
    } else {
      batch->add(row);
    }
    if (batch->rows.size() == Batch::capacity || batch->bytes.size() >= Batch::byte_capacity) send(batch);
  }
  if (!batch->rows.empty()) send(batch);
}

void FirstPass::send(std::unique_ptr<Batch>& batch) {
  pipeline_.submit(std::move(batch), [this](Batch& done) { take(done); });
  batch = pipeline_.fresh();
}

void FirstPass::take(Batch& batch) {
  if (!batch.failure.empty()) {
    if (!worker_error_) worker_error_ = Error{ErrorCode::internal, batch.failure, {}};
    return;
  }
  if (!spill_.append(batch.text, batch.lengths, batch.explain_lengths) && !spill_error_)
    spill_error_ = Error{ErrorCode::io, "cannot write the temporary file", {}};
  population_.add(batch, columns_.grade_output.has_value(), columns_.rfm);
  summary_.graded += batch.lengths.size();
  summary_.rejected += batch.rejects.size();
  for (auto& r : batch.rejects)
    if (summary_.rejects.size() < options_.max_rejects_kept) summary_.rejects.push_back(std::move(r));
}

/// The population's ABC classes, its four classes when the rule set has them, and (with
/// RFM) its quantile scores.
[[nodiscard]] expected<PopulationClasses> classify(Population& population, const GradeOptions& options, bool rfm,
                                                   const std::optional<ShareClasses>& four_class) {
  auto portfolio = Portfolio::classify(population.measures, options.portfolio);
  if (!portfolio) return unexpected(portfolio.error());
  PopulationClasses classes{std::move(*portfolio), {}, {}};
  if (four_class) {
    auto tiers = four_class->classify(classes.portfolio);
    if (!tiers) return unexpected(tiers.error());
    classes.four_class = std::move(*tiers);
  }
  for (int k = 0; rfm && k < 3; ++k) {
    auto s = quantile_scores(population.rfm[k], options.rfm_bins, k == 0 ? options.recency_better : Better::higher);
    if (!s) return unexpected(s.error());
    classes.scores[k] = std::move(*s);
    population.rfm[k] = {};
  }
  return classes;
}

/// Customers per grade, and per ABC class within each grade (sorted by grade).
std::vector<GradeSummary::GradeCount> count_grades(const Population& population, const Portfolio& portfolio) {
  std::vector<GradeSummary::GradeCount> counts(population.labels.size());
  for (std::size_t l = 0; l < population.labels.size(); ++l) counts[l].label = population.labels[l];
  for (std::size_t i = 0; i < population.grade_ids.size() && !counts.empty(); ++i) {
    ++counts[population.grade_ids[i]].customers;
    ++counts[population.grade_ids[i]].per_class[static_cast<int>(portfolio.abc_class(i))];
  }
  std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.label < b.label; });
  return counts;
}

/// A chunk of pass 2: spilled rows read back, and their finished text.
struct Chunk {
  SpilledRows::Range range;
  std::string bytes, text, failure;
  void clear() {
    bytes.clear();
    text.clear();
    failure.clear();
  }
};

/// A worker's part of pass 2: reads a chunk's rows back and finishes each.
void finish_chunk(Chunk& chunk, const SpilledRows& spill, const PopulationClasses& classes, const RowWriter& writer) {
  if (!spill.read(chunk.range, chunk.bytes)) {
    chunk.failure = "cannot read the temporary file back";
    return;
  }
  SpilledRows::Cursor rows(spill, chunk.bytes);
  for (std::size_t i = chunk.range.first; i < chunk.range.first + chunk.range.count; ++i) {
    const std::string_view row = rows.row(i);
    writer.finish_row(chunk.text, i, row, rows.trace(i), classes);
  }
}

void write(std::ostream& out, std::string_view text) {
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

/// Pass 2. The workers read the spilled rows back in chunks and add their portfolio
/// columns; this thread writes the chunks to `out` in order.
[[nodiscard]] expected<void> write_rows(SpilledRows& spill, const PopulationClasses& classes, const RowWriter& writer,
                          unsigned threads, std::ostream& out) {
  write(out, writer.begin_file());
  if (!spill.finish_writing()) return fail(ErrorCode::io, "cannot write the temporary file");
  OrderedPipeline<Chunk> copier(threads);
  copier.start([&](Chunk& chunk, std::size_t) {
    try {
      finish_chunk(chunk, spill, classes, writer);
    } catch (const std::exception& e) {
      chunk.failure = std::string("writing the graded rows failed: ") + e.what();
    }
  });
  std::optional<Error> error;
  auto write_chunk = [&](Chunk& done) {
    if (done.failure.empty())
      write(out, done.text);
    else if (!error)
      error = Error{ErrorCode::io, done.failure, {}};
  };
  constexpr std::size_t chunk_rows = 2048;
  for (auto range = spill.next({}, chunk_rows); range.count != 0 && !error; range = spill.next(range, chunk_rows)) {
    auto chunk = copier.fresh();
    chunk->range = range;
    copier.submit(std::move(chunk), write_chunk);
  }
  copier.finish(write_chunk);
  if (error) return unexpected(*error);
  write(out, writer.end_file(spill.size()));
  out.flush();
  if (!out) return fail(ErrorCode::io, "cannot write the graded rows");
  return {};
}

}  // namespace

[[nodiscard]] expected<GradeSummary> grade_csv(const RuleSet& rules, const std::string& path, std::ostream& out,
                                 const GradeOptions& options, const GradeProgress& progress) {
  if (auto ok = check_options(options); !ok) return unexpected(ok.error());
  auto file = open_portfolio(path, options.limits);
  if (!file) return unexpected(file.error());
  GradeSummary summary;
  summary.measure = options.measure;
  auto columns = GradeColumns::find(rules, file->header, file->header_line, options, summary.warnings);
  if (!columns) return unexpected(columns.error());
  if (columns->grade_output) summary.grade_output = options.grade_output;
  std::optional<ShareClasses> four_class;
  if (ShareClasses::defined(rules)) four_class = ShareClasses::four_class(rules).value();
  const auto writer = row_writer(rules, *columns, options, four_class);

  auto spill = SpilledRows::create(options.explain);
  if (!spill) return unexpected(spill.error());
  Population population;
  FirstPass first(rules, *file, *columns, *writer, options, *spill, population, summary);
  if (auto ok = first.run(progress); !ok) return unexpected(ok.error());

  auto classes = classify(population, options, columns->rfm, four_class);
  if (!classes) return unexpected(classes.error());
  summary.grades = count_grades(population, classes->portfolio);
  for (std::size_t c = 0; classes->four_class && c < four_class->classes.size(); ++c)
    summary.four_class.push_back(
        {four_class->classes[c], classes->four_class->counts[c], classes->four_class->shares[c]});
  if (auto ok = write_rows(*spill, *classes, *writer, options.threads, out); !ok) return unexpected(ok.error());
  summary.portfolio = std::move(classes->portfolio);
  return summary;
}

}  // namespace crm
