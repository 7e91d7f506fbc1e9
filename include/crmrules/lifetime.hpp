// crm::lifetime: retention and lifetime value from a transaction log (DOMAIN.md §2.4: "compute
// retention rate and churn rate, customer lifetime value and lifetime profit rate"; the
// deck: 新客户的成本是老客户的5倍). docs/lifetime.md has the definitions and the formulas.
//
//   auto log = crm::lifetime::TransactionLog::read_csv_file("orders.csv");   // customer,date,amount
//   crm::lifetime::SummaryOptions so;  so.unit = crm::lifetime::Unit::weeks;
//   so.calibration_end = *crm::Date::parse("2025-06-30");                     // holdout after it
//   auto summary = crm::lifetime::summarize(*log, so);        // frequency, recency, T, monetary value
//   auto bg = crm::lifetime::BgNbd::fit(*summary);            // r, alpha, a, b by maximum likelihood
//   double alive = bg->p_alive(2, 30.43, 38.86);              // P(alive | x, t_x, T)
//   double next = bg->expected_purchases(39, 2, 30.43, 38.86); // E[purchases in the next 39 weeks]
//   auto gg = crm::lifetime::GammaGamma::fit(*summary);       // p, q, v on the repeat buyers
//   crm::lifetime::ClvOptions co;  co.unit = crm::lifetime::Unit::weeks;  // 12 months at 1% a month
//   double value = crm::lifetime::clv(*bg, *gg, 2, 30.43, 38.86, 22.35, co);
//   auto retention = crm::lifetime::retention(*log);          // per month and per cohort, the cost view
//
// The models follow Fader, Hardie and Lee (2005) and the Python `lifetimes` package; the
// fit on the CDNOW sample reproduces the paper (r 0.243, alpha 4.414, a 0.793, b 2.426,
// log-likelihood -9582.4). Model outputs are doubles here; the JSON, CSV and text forms
// write them as decimals rounded to Settings::places (6 places; money 2). Sums of money
// (a customer's repeat spend, the cost view) are exact Decimals.
//
// Every object here is immutable once made: share it between threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/date.hpp"
#include "crmrules/decimal.hpp"
#include "crmrules/error.hpp"
#include "crmrules/expected.hpp"
#include "crmrules/limits.hpp"
#include "crmrules/rule_set.hpp"
#include "crmrules/text.hpp"

namespace crm::lifetime {

/// The time unit of recency, T and horizons: a day, or a week of 7 days (fractional weeks,
/// as the CDNOW data and `lifetimes`' freq="D", freq_multiplier=7). The numbers are stable.
enum class Unit : std::uint8_t { days = 0, weeks = 1 };
/// What is done with a negative amount (a return). The numbers are stable.
enum class Returns : std::uint8_t {
  refuse = 0,  // an error naming its line and column (the default)
  net = 1,     // subtracted from the customer's total that day; the day still counts as a purchase
};

/// The built-in settings (rules/lifetime.json, the "lifetime" section of a rule set): the
/// CSV's column names, the defaults, the places outputs are rounded to, the optimiser's
/// limits, the cost view's costs and the texts.
struct Settings {
  std::string customer_column = "customer", date_column = "date", amount_column = "amount";
  Unit unit = Unit::weeks;
  int horizon_months = 12;            // model CLV: months ahead
  double discount_rate = 0.01;        // model CLV: per month
  double month_days = 30, month_weeks = 4.345;  // a month in each unit (as `lifetimes`)
  int probability_places = 6, expectation_places = 6, parameter_places = 6, money_places = 2;
  int max_evaluations = 2000;         // the optimiser's limit
  double tolerance = 1e-10;           // relative change of the log-likelihood at which it stops
  double lower_bound = 1e-6, upper_bound = 1e6;  // every parameter's search range
  double correlation_warning = 0.3;   // Gamma-Gamma: |corr(frequency, monetary)| above it is noted
  Decimal acquisition_cost = Decimal::from_int(5), retention_cost = Decimal::from_int(1);  // the deck's 5 : 1
  int histogram_bins = 7;             // the fit plot: 0 .. bins-2 repeat purchases, then "bins-1 or more"
  struct Texts {
    Text retention_rate, churn_rate, lifetime_value, lifetime_profit_rate, p_alive, expected_purchases,
        expected_profit, clv, acquisition_vs_retention, actual, predicted, fit_title, repeat_purchases,
        customers, correlation_note;
  } texts;

  [[nodiscard]] static const Settings& builtin();
  [[nodiscard]] static std::string_view builtin_json() noexcept;
  /// The settings of a rule set with a "lifetime" section; invalid_rule when it has none.
  [[nodiscard]] static expected<Settings> from_rule_set(const RuleSet& rules);
};

// ---- Transactions ---------------------------------------------------------------------

struct Transaction {
  std::string customer;
  Date date;
  Decimal amount;
};

/// How a transaction log is read.
struct ReadOptions {
  std::string customer_column = Settings{}.customer_column, date_column = Settings{}.date_column,
              amount_column = Settings{}.amount_column;  // "" for no amount (monetary values 0)
  Returns returns = Returns::refuse;
  Limits limits;
};

/// A transaction log, read once: customers by their index, rows as (customer, day, amount).
struct TransactionLog {
  struct Row {
    std::uint32_t customer = 0;  // into customers
    std::int32_t day = 0;        // Date::days()
    Decimal amount;
  };
  std::vector<std::string> customers;  // in order of first appearance
  std::vector<Row> rows;
  std::uint64_t returns = 0;           // negative amounts netted (Returns::net)

  using Options = ReadOptions;
  /// CSV with a header naming the columns (others ignored). A date is YYYY-MM-DD, or a date
  /// and time (ISO 8601, T or a space) whose day is taken as written. A date that does not parse,
  /// an amount that is not a decimal, an empty customer or a negative amount under
  /// Returns::refuse fails the whole read with the line and column: nothing half-read.
  [[nodiscard]] static expected<TransactionLog> read_csv(std::string_view text, const Options& options = {});
  [[nodiscard]] static expected<TransactionLog> read_csv_file(const std::string& path, const Options& options = {});
  /// Transactions handed over directly; a bad one is named by the pointer "/i/<field>".
  [[nodiscard]] static expected<TransactionLog> from(std::span<const Transaction> transactions,
                                                     Returns returns = Returns::refuse);
};

// ---- Summary (frequency, recency, T, monetary value) ---------------------------------

struct SummaryOptions {
  Unit unit = Unit::weeks;
  /// The calibration period ends on this day (included); the holdout is the days after it,
  /// to observation_end. Customers first seen after it are left out.
  std::optional<Date> calibration_end;
  /// The end of observation (included); default: the log's last day.
  std::optional<Date> observation_end;
};

struct CustomerSummary {
  std::string customer;
  Date first, last;              // first and last purchase day in the calibration period
  std::uint32_t frequency = 0;   // repeat purchases: days with a purchase after the first
  double recency = 0;            // last - first, in the unit
  double T = 0;                  // (calibration or observation) end - first, in the unit
  Decimal repeat_amount;         // exact: the sum of the repeat days' amounts
  double monetary_value = 0;     // repeat_amount / frequency (0 when frequency is 0)
  std::uint32_t frequency_holdout = 0;  // purchase days in the holdout
  Decimal holdout_amount;               // exact sum of the holdout's amounts
  double monetary_value_holdout = 0;    // holdout_amount / frequency_holdout
};

struct Summary {
  Unit unit = Unit::weeks;
  Date observation_end;
  std::optional<Date> calibration_end;
  double duration_holdout = 0;   // observation_end - calibration_end, in the unit
  std::vector<CustomerSummary> customers;  // sorted by customer
  std::uint64_t transactions = 0;          // rows summarised
  std::uint64_t one_purchase = 0;          // customers with frequency 0

  /// `lifetimes`' columns: customer,frequency,recency,T,monetary_value (with a holdout:
  /// _cal suffixes, then frequency_holdout,monetary_value_holdout,duration_holdout); the
  /// unit's values to 6 places, monetary values to Settings::money_places + 4.
  [[nodiscard]] std::string to_csv() const;
  [[nodiscard]] std::string to_json() const;
};

/// Summarises the log: repeat purchases counted per day (several orders on one day are one
/// purchase whose amount is their sum), as `lifetimes`' summary_data_from_transaction_data
/// and calibration_and_holdout_data. missing when no purchase is in the calibration period;
/// out_of_range when calibration_end is not before observation_end, or observation_end is
/// before a customer's first purchase.
[[nodiscard]] expected<Summary> summarize(const TransactionLog& log, const SummaryOptions& options = {});

/// A summary already made (the CDNOW files): a header with a customer column (customer, ID
/// or id), frequency (or x), recency (or t_x), T, and optionally monetary_value (or zbar).
[[nodiscard]] expected<Summary> read_summary_csv(std::string_view text, Unit unit = Unit::weeks);
[[nodiscard]] expected<Summary> read_summary_csv_file(const std::string& path, Unit unit = Unit::weeks);

/// Checks customers' (x, t_x, T) as the models do: the same lengths; x whole and 0 or more,
/// T finite and 0 or more, 0 <= t_x <= T, t_x = 0 when x = 0. invalid_argument at
/// "/<index>/<field>" for the first that is not.
[[nodiscard]] expected<void> check_customers(std::span<const double> frequency, std::span<const double> recency,
                                             std::span<const double> T);

// ---- BG/NBD ----------------------------------------------------------------------------

struct BgNbdParams {
  double r = 0, alpha = 0, a = 0, b = 0;
};

struct FitOptions {
  int max_evaluations = Settings{}.max_evaluations;
  double tolerance = Settings{}.tolerance;
  double lower_bound = Settings{}.lower_bound, upper_bound = Settings{}.upper_bound;
  [[nodiscard]] static FitOptions from(const Settings& settings);
};

/// One bar of the fit plot: customers with this many repeat purchases, actual and expected.
struct HistogramBin {
  std::uint32_t repeat_purchases = 0;  // the last bin: this many or more
  std::uint64_t actual = 0;
  double expected = 0;
};

class BgNbd {
 public:
  /// Maximum likelihood (NLopt's L-BFGS on the parameters' logarithms, from analytic
  /// gradients). Errors: invalid_argument naming "/i/<field>" for a bad customer (a
  /// frequency that is negative or not whole, recency past T, a repeat buyer's recency of
  /// 0 is allowed), missing for no customer or no repeat purchase at all, no_match when
  /// the optimiser does not converge (the message has the last values), out_of_range
  /// when a parameter ends at its bound.
  [[nodiscard]] static expected<BgNbd> fit(std::span<const double> frequency, std::span<const double> recency,
                                           std::span<const double> T, const FitOptions& options = {});
  [[nodiscard]] static expected<BgNbd> fit(const Summary& summary, const FitOptions& options = {});
  /// A model from known parameters (each finite and above 0).
  [[nodiscard]] static expected<BgNbd> from_params(const BgNbdParams& params);

  [[nodiscard]] const BgNbdParams& params() const noexcept { return params_; }
  [[nodiscard]] double log_likelihood() const noexcept { return log_likelihood_; }
  [[nodiscard]] std::uint64_t customers() const noexcept { return customers_; }
  [[nodiscard]] int evaluations() const noexcept { return evaluations_; }

  /// The log-likelihood of these customers under the model's parameters.
  [[nodiscard]] expected<double> log_likelihood_of(std::span<const double> frequency,
                                                   std::span<const double> recency,
                                                   std::span<const double> T) const;
  /// P(alive | x, t_x, T): 1 for a customer without repeat purchases.
  [[nodiscard]] double p_alive(double x, double t_x, double T) const noexcept;
  /// E[Y(t) | x, t_x, T]: the expected purchases in the next t units.
  [[nodiscard]] double expected_purchases(double t, double x, double t_x, double T) const;
  /// E[X(t)]: the expected repeat purchases of a new customer in its first t units.
  [[nodiscard]] double expected_repeat_purchases(double t) const;
  /// P(X(t) = n): the chance of exactly n repeat purchases in t units.
  [[nodiscard]] double probability_of_purchases(std::uint32_t n, double t) const;
  /// The fit plot: per number of repeat purchases, the customers that made them and the
  /// number the model expects (the sum of P(X(T_i) = n) over the customers).
  [[nodiscard]] std::vector<HistogramBin> histogram(const Summary& summary, std::uint32_t bins = 7) const;

  /// {"model": "bg/nbd", "params": {r, alpha, a, b}, "log_likelihood", "customers", "evaluations"}.
  [[nodiscard]] std::string to_json(const Settings& settings = Settings::builtin()) const;

 private:
  BgNbd() = default;
  BgNbdParams params_;
  double log_likelihood_ = 0;
  std::uint64_t customers_ = 0;
  int evaluations_ = 0;
};

// ---- Gamma-Gamma -----------------------------------------------------------------------

struct GammaGammaParams {
  double p = 0, q = 0, v = 0;
};

class GammaGamma {
 public:
  /// Maximum likelihood on the customers with repeat purchases (frequency > 0), whose mean
  /// repeat value must be above 0 (invalid_argument naming "/i/monetary_value"). Also the
  /// Pearson correlation of frequency and monetary value, which the model assumes is near 0.
  [[nodiscard]] static expected<GammaGamma> fit(std::span<const double> frequency,
                                                std::span<const double> monetary_value,
                                                const FitOptions& options = {});
  [[nodiscard]] static expected<GammaGamma> fit(const Summary& summary, const FitOptions& options = {});
  [[nodiscard]] static expected<GammaGamma> from_params(const GammaGammaParams& params);

  [[nodiscard]] const GammaGammaParams& params() const noexcept { return params_; }
  [[nodiscard]] double log_likelihood() const noexcept { return log_likelihood_; }
  [[nodiscard]] std::uint64_t customers() const noexcept { return customers_; }
  [[nodiscard]] double correlation() const noexcept { return correlation_; }
  /// E[M | p, q, v, x, m]: the expected average profit per purchase; the population mean
  /// p v / (q - 1) for x = 0.
  [[nodiscard]] double expected_average_profit(double x, double m) const noexcept;
  [[nodiscard]] std::string to_json(const Settings& settings = Settings::builtin()) const;

 private:
  GammaGamma() = default;
  GammaGammaParams params_;
  double log_likelihood_ = 0, correlation_ = 0;
  std::uint64_t customers_ = 0;
};

// ---- CLV -------------------------------------------------------------------------------

struct ClvOptions {
  Unit unit = Unit::weeks;
  int horizon_months = Settings{}.horizon_months;
  double discount_rate = Settings{}.discount_rate;  // per month
  double month_days = Settings{}.month_days, month_weeks = Settings{}.month_weeks;
  [[nodiscard]] static ClvOptions from(const Settings& settings, Unit unit);
};

/// The model CLV, as `lifetimes`' customer_lifetime_value: for each month i of the horizon,
/// the expected purchases in month i times the expected average profit, discounted by
/// (1 + discount)^i.
[[nodiscard]] double clv(const BgNbd& bg, const GammaGamma& gg, double x, double t_x, double T, double m,
                         const ClvOptions& options = {});

/// One customer scored.
struct Score {
  double p_alive = 0, expected_purchases = 0, expected_average_profit = 0, clv = 0;
};

/// Scores many customers: P(alive), expected purchases in the next `t` units, expected
/// average profit and model CLV. The hypergeometric terms are shared between customers of
/// the same frequency and age; the rows are split between `threads` (0: the hardware's).
/// invalid_argument naming "/i/<field>" for a bad customer; the output is all or nothing.
[[nodiscard]] expected<std::vector<Score>> score(const BgNbd& bg, const GammaGamma& gg,
                                                 std::span<const double> frequency, std::span<const double> recency,
                                                 std::span<const double> T, std::span<const double> monetary_value,
                                                 double t, const ClvOptions& options = {}, unsigned threads = 0);

/// The deck's simple forms, exact: a customer's margin per period, kept each period with
/// the retention rate, discounted per period.
struct SimpleClv {
  Decimal lifetime_value;       // margin / (1 - retention): the undiscounted value over the expected lifetime
  Decimal expected_lifetime;    // 1 / (1 - retention) periods
  Decimal discounted_value;     // sum over periods k = 0..periods-1 of margin * retention^k / (1 + discount)^k
  Decimal lifetime_profit;      // discounted_value - acquisition_cost
  std::optional<Decimal> lifetime_profit_rate;  // lifetime_profit / acquisition_cost (none when the cost is 0)
};
/// Each result rounded to `places` (half even). out_of_range for a retention outside
/// [0, 1), a negative discount or margin, or no period.
[[nodiscard]] expected<SimpleClv> simple_clv(Decimal margin, Decimal retention, Decimal discount, int periods,
                                             Decimal acquisition_cost, int places = 2);

// ---- Retention -------------------------------------------------------------------------

/// One calendar month: who bought in it, who was kept from the month before, who was lost.
struct MonthRetention {
  std::string month;             // YYYY-MM
  std::uint64_t active = 0, kept = 0, lost = 0, new_customers = 0;
  std::optional<Decimal> retention_rate, churn_rate;  // kept / previous month's active, 4 places
  Decimal lost_acquisition_cost;  // lost x acquisition cost: what replacing them costs
  Decimal kept_retention_cost;    // kept x retention cost: what keeping them cost
};

/// A cohort: the customers whose first purchase was in `month`, and how many of them bought
/// in each month since (offset 0 is the first month, so active[0] is size).
struct Cohort {
  std::string month;
  std::uint64_t size = 0;
  std::vector<std::uint64_t> active;
  [[nodiscard]] std::optional<Decimal> rate(std::size_t offset) const;  // active / size, 4 places
};

struct Retention {
  std::vector<MonthRetention> months;
  std::vector<Cohort> cohorts;
  Decimal acquisition_cost, retention_cost;
  Decimal total_lost_acquisition_cost, total_kept_retention_cost;  // exact sums
  std::uint64_t customers = 0;

  [[nodiscard]] std::string to_json() const;
  /// The cohort table: month,size,m0,m1,... as rates (4 places).
  [[nodiscard]] std::string cohorts_csv() const;
  [[nodiscard]] std::string to_text(Lang lang = Lang::zh, const Settings& settings = Settings::builtin()) const;
};

struct RetentionOptions {
  Decimal acquisition_cost = Settings{}.acquisition_cost;
  Decimal retention_cost = Settings{}.retention_cost;
};
/// Negative rows (returns) do not make a month active. missing for a log without a purchase;
/// out_of_range for a negative cost or a log spanning more than 1,200 months.
[[nodiscard]] expected<Retention> retention(const TransactionLog& log, const RetentionOptions& options = {});

// ---- Reports ---------------------------------------------------------------------------

/// Everything `crmrules clv` prints: the fits on a summary, and per customer (of the same
/// summary, or of another one to score) P(alive), expected purchases in the next `t`
/// units, expected average profit and CLV.
struct Analysis {
  Summary fitted;                     // the customers the models were fitted on
  Summary scored;                     // the customers scored (the fitted ones unless told)
  std::optional<BgNbd> bg;
  std::optional<GammaGamma> gg;       // absent when it cannot be fitted (notes say why): no profit, no CLV
  std::vector<Score> scores;          // one per scored customer
  std::vector<HistogramBin> histogram;
  ClvOptions clv;
  double t = 0;                       // the prediction's horizon, in the unit
  std::vector<std::string> notes;

  /// {"unit", "t", "clv": {horizon_months, discount_rate}, "bg_nbd", "gamma_gamma",
  ///  "histogram", "customers": [{customer, frequency, recency, T, monetary_value, p_alive,
  ///  expected_purchases, expected_average_profit, clv}], "notes"}: outputs rounded to
  /// Settings::places.
  [[nodiscard]] std::string to_json(const Settings& settings = Settings::builtin()) const;
  /// The per-customer table (lifetimes' column names), outputs rounded to Settings::places.
  [[nodiscard]] std::string to_csv(const Settings& settings = Settings::builtin()) const;
  [[nodiscard]] std::string to_text(Lang lang = Lang::zh, const Settings& settings = Settings::builtin()) const;
};

struct AnalysisOptions {
  double t = 0;                  // 0: one month (Settings' month in the unit)
  std::optional<ClvOptions> clv;  // default: ClvOptions::from(settings, unit)
  FitOptions fit;
  unsigned threads = 0;
};

/// Fits both models on `fitted` and scores `to_score` (null: the fitted customers).
[[nodiscard]] expected<Analysis> analyse(Summary fitted, const Summary* to_score, const AnalysisOptions& options = {},
                                         const Settings& settings = Settings::builtin());


/// The fit plot: bars of actual and expected customers per number of repeat purchases.
[[nodiscard]] std::string histogram_svg(std::span<const HistogramBin> bins, Lang lang = Lang::zh,
                                        const Settings& settings = Settings::builtin());

/// A model output written as a decimal rounded to `places` (half even); invalid_argument
/// for a value that is not finite.
[[nodiscard]] expected<Decimal> rounded(double value, int places);

}  // namespace crm::lifetime
