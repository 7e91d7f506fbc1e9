"""Retention and lifetime value, shaped like the `lifetimes` package so its users can move
over (docs/lifetime.md): a transaction log summarised per customer, the BG/NBD model
(P(alive), expected purchases), the Gamma-Gamma spend model, CLV, and the deck's
retention and simple lifetime value. The models are the library's (NLopt, Boost.Math);
arrays go through the C ABI whole, with no Python loop over customers.

    import pandas
    from crmrules.lifetime import (summary_data_from_transaction_data, BetaGeoFitter,
                                   GammaGammaFitter)
    orders = pandas.read_csv("orders.csv", parse_dates=["date"], dtype={"amount": str})
    summary = summary_data_from_transaction_data(orders, "customer", "date", "amount", freq="W")
    bgf = BetaGeoFitter().fit(summary.frequency, summary.recency, summary["T"])
    bgf.params_                        # r, alpha, a, b (CDNOW: 0.243, 4.414, 0.793, 2.426)
    bgf.conditional_probability_alive(summary.frequency, summary.recency, summary["T"])
    repeat = summary[summary.frequency > 0]
    ggf = GammaGammaFitter().fit(repeat.frequency, repeat.monetary_value)
    ggf.customer_lifetime_value(bgf, summary.frequency, summary.recency, summary["T"],
                                summary.monetary_value, time=12, discount_rate=0.01, freq="W")

Differences from `lifetimes`: freq is "D" (days) or "W" (weeks of 7 days, fractional: what
`lifetimes` gives with freq="D", freq_multiplier=7); amounts are exact decimals, so a float
amount column is a decision (floats="shortest": the shortest text that gives the float
back, or read the CSV with dtype=str), as everywhere in crmrules; a fit that does not
converge raises (NoMatch, with the last values) instead of warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Optional

from ._ffi import call, ffi, lib, take_str
from .arith import DecimalLike, _c_decimal, _to_python
from .frame import join_cells
from .ruleset import RuleSet

if TYPE_CHECKING:  # pragma: no cover
    import numpy
    import pandas

__all__ = [
    "BetaGeoFitter",
    "GammaGammaFitter",
    "Retention",
    "SimpleClv",
    "analyse",
    "builtin_json",
    "calibration_and_holdout_data",
    "read_summary",
    "retention",
    "simple_clv",
    "summary_data_from_transaction_data",
]

_SEP = "\x1f"
_UNITS = {"D": 0, "W": 1}
_FLOATS = ("error", "shortest")


def _unit(freq: str) -> int:
    if freq not in _UNITS:
        raise ValueError(f"freq must be 'D' (days) or 'W' (weeks), not {freq!r}")
    return _UNITS[freq]


def _doubles(values: Any, name: str) -> numpy.ndarray:
    import numpy

    try:
        array = numpy.ascontiguousarray(numpy.asarray(values, dtype=numpy.float64))
    except (TypeError, ValueError) as e:
        raise TypeError(f"{name} must be numbers: {e}") from None
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional")
    return array


def _customers(frequency: Any, recency: Any, T: Any) -> tuple[Any, Any, Any, int]:
    x, t_x, age = _doubles(frequency, "frequency"), _doubles(recency, "recency"), _doubles(T, "T")
    if not len(x) == len(t_x) == len(age):
        raise ValueError("frequency, recency and T have different lengths")
    return x, t_x, age, len(x)


def _ptr(array: Any) -> Any:
    return ffi.from_buffer("double[]", array) if len(array) else ffi.NULL


def _row_error(frame: Any, position: int, column: str, message: str) -> ValueError:
    return ValueError(f"transactions row {position} (index {frame.index[position]!r}), column {column!r}: {message}")


def _days(frame: Any, column: str) -> Any:
    """Days since 1970-01-01 of a datetime column (the date as written, for aware ones) or
    of ISO 8601 texts (YYYY-MM-DD, perhaps with a time)."""
    import numpy
    import pandas

    series = frame[column]
    if pandas.api.types.is_datetime64tz_dtype(series.dtype):
        series = series.dt.tz_localize(None)
    elif not pandas.api.types.is_datetime64_dtype(series.dtype):
        text = series.astype("string")
        iso = text.str.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[T ].*)?").fillna(False).astype(bool)
        parsed = pandas.to_datetime(text.str.slice(0, 10).where(iso), format="%Y-%m-%d", errors="coerce")
        bad = numpy.flatnonzero(parsed.isna().to_numpy())
        if len(bad):
            raise _row_error(frame, int(bad[0]), column, f"{series.iloc[bad[0]]!r} is not a date (YYYY-MM-DD)")
        series = parsed
    if series.isna().any():
        raise _row_error(frame, int(numpy.flatnonzero(series.isna().to_numpy())[0]), column, "no date")
    return numpy.ascontiguousarray(series.to_numpy(dtype="datetime64[D]").astype(numpy.int64).astype(numpy.int32))


def _amounts(frame: Any, column: str, floats: str) -> list[str]:
    """Each amount as exact decimal text: str and Decimal as they are, integers as theirs,
    floats as floats says."""
    import numpy
    import pandas

    series = frame[column]
    missing = series.isna().to_numpy()
    if missing.any():
        raise _row_error(frame, int(numpy.flatnonzero(missing)[0]), column, "no amount")
    if pandas.api.types.is_integer_dtype(series.dtype):
        return series.astype(str).tolist()
    if pandas.api.types.is_float_dtype(series.dtype) or any(isinstance(v, float) for v in series.tolist()):
        if floats == "error":
            from .errors import TypeMismatch

            raise TypeMismatch(f"column {column!r} holds floats: a float is not an exact amount. Say how to read "
                               "them: floats=\"shortest\" (the shortest text that gives the float back, which is "
                               "what a CSV held) or read the CSV with dtype=str", code="type_mismatch")
        return [v if isinstance(v, str) else numpy.format_float_positional(v, unique=True, trim="-")
                if isinstance(v, float) else str(v) for v in series.tolist()]
    return [v if isinstance(v, str) else str(v) for v in series.tolist()]


class _Summary:
    """A summary handle and the DataFrame made of it."""

    def __init__(self, handle: Any) -> None:
        self._handle = ffi.gc(handle, lib.crm_lifetime_summary_free)

    def counts(self) -> Any:
        counts = ffi.new("crm_lifetime_counts *")
        counts.size = ffi.sizeof("crm_lifetime_counts")
        call(lib.crm_lifetime_summary_counts, counts, self._handle)
        return counts

    def frame(self, index_name: str, with_monetary: bool) -> pandas.DataFrame:
        import numpy
        import pandas

        counts = self.counts()
        n = counts.customers
        x, t_x, age, m, hx, hm = (numpy.empty(n) for _ in range(6))
        call(lib.crm_lifetime_summary_arrays, _ptr(x), _ptr(t_x), _ptr(age), _ptr(m), n, self._handle)
        ids = ffi.new("char **")
        length = ffi.new("size_t *")
        call(lib.crm_lifetime_summary_customers, ids, length, self._handle, b"\x1f")
        try:
            customers = ffi.unpack(ids[0], length[0]).decode("utf-8").split(_SEP) if n else []
        finally:
            lib.crm_string_free(ids[0])
        holdout = bool(counts.has_holdout)
        suffix = "_cal" if holdout else ""
        data: dict[str, Any] = {f"frequency{suffix}": x, f"recency{suffix}": t_x, f"T{suffix}": age}
        if with_monetary:
            data[f"monetary_value{suffix}"] = m
        if holdout:
            call(lib.crm_lifetime_summary_holdout, _ptr(hx), _ptr(hm), n, self._handle)
            data["frequency_holdout"] = hx
            if with_monetary:
                data["monetary_value_holdout"] = hm
            data["duration_holdout"] = numpy.full(n, counts.duration_holdout)
        return pandas.DataFrame(data, index=pandas.Index(customers, name=index_name))


def _summarize(transactions: pandas.DataFrame, customer_id_col: str, datetime_col: str,
               monetary_value_col: str | None, calibration_period_end: Any, observation_period_end: Any,
               freq: str, returns: str, floats: str) -> pandas.DataFrame:
    import pandas

    handle = _log(transactions, customer_id_col, datetime_col, monetary_value_col, returns, floats)
    options = ffi.new("crm_lifetime_summary_options *")
    options.size = ffi.sizeof("crm_lifetime_summary_options")
    options.unit = _unit(freq)
    epoch = pandas.Timestamp("1970-01-01")
    if calibration_period_end is not None:
        options.has_calibration_end = 1
        options.calibration_end = (pandas.Timestamp(calibration_period_end).normalize() - epoch).days
    if observation_period_end is not None:
        options.has_observation_end = 1
        options.observation_end = (pandas.Timestamp(observation_period_end).normalize() - epoch).days
    summary = ffi.new("crm_lifetime_summary **")
    call(lib.crm_lifetime_summarize, summary, handle, options)
    return _Summary(summary[0]).frame(customer_id_col, monetary_value_col is not None)


def summary_data_from_transaction_data(transactions: pandas.DataFrame, customer_id_col: str, datetime_col: str,
                                       monetary_value_col: str | None = None, observation_period_end: Any = None,
                                       freq: str = "D", *, returns: str = "refuse",
                                       floats: str = "error") -> pandas.DataFrame:
    """Per customer: frequency (repeat purchase days), recency, T and, with an amount
    column, monetary_value (the mean of the repeat days' amounts), indexed by customer, as
    `lifetimes` gives them. Dates are datetimes (aware ones: the date as written) or ISO
    texts; amounts exact (floats: see the module). returns="net" nets a negative amount
    against that day's purchases instead of refusing it.

        summary = summary_data_from_transaction_data(orders, "customer", "date", "amount", freq="W")
    """
    return _summarize(transactions, customer_id_col, datetime_col, monetary_value_col, None, observation_period_end,
                      freq, returns, floats)


def calibration_and_holdout_data(transactions: pandas.DataFrame, customer_id_col: str, datetime_col: str,
                                 calibration_period_end: Any, observation_period_end: Any = None, freq: str = "D",
                                 monetary_value_col: str | None = None, *, returns: str = "refuse",
                                 floats: str = "error") -> pandas.DataFrame:
    """The summary over the calibration period (frequency_cal, recency_cal, T_cal,
    monetary_value_cal) and the holdout after it (frequency_holdout, monetary_value_holdout,
    duration_holdout), as `lifetimes` gives them; customers first seen in the holdout are
    left out."""
    return _summarize(transactions, customer_id_col, datetime_col, monetary_value_col, calibration_period_end,
                      observation_period_end, freq, returns, floats)


def read_summary(path: str, freq: str = "W") -> pandas.DataFrame:
    """A summary CSV already made (the CDNOW files: ID,x,t_x,T[,zbar] or lifetimes'
    column names), as a DataFrame of frequency, recency, T and monetary_value."""
    out = ffi.new("crm_lifetime_summary **")
    encoded = str(path).encode("utf-8")
    call(lib.crm_lifetime_summary_read_file, out, encoded, len(encoded), _unit(freq))
    return _Summary(out[0]).frame("customer", True)


def _fit_options(max_evaluations: int | None, tolerance: float | None) -> Any:
    options = ffi.new("crm_lifetime_fit_options *", {"size": ffi.sizeof("crm_lifetime_fit_options"),
                                                     "max_evaluations": 2000, "tolerance": 1e-10,
                                                     "lower_bound": 1e-6, "upper_bound": 1e6})
    if max_evaluations is not None:
        options.max_evaluations = max_evaluations
    if tolerance is not None:
        options.tolerance = tolerance
    return options


class BetaGeoFitter:
    """The BG/NBD model (Fader, Hardie and Lee 2005), as `lifetimes`' BetaGeoFitter.

        bgf = BetaGeoFitter().fit(summary.frequency, summary.recency, summary["T"])
        bgf.params_["r"], bgf.log_likelihood_
        bgf.conditional_expected_number_of_purchases_up_to_time(39, 2, 30.43, 38.86)  # 1.226
    """

    def __init__(self) -> None:
        self._model: Any = None
        self.params_: pandas.Series | None = None
        self.log_likelihood_: float | None = None

    def fit(self, frequency: Any, recency: Any, T: Any, *, max_evaluations: int | None = None,
            tolerance: float | None = None) -> BetaGeoFitter:
        """Maximum likelihood on the customers' (frequency, recency, T). Raises Missing when
        no customer made a repeat purchase, NoMatch when the fit does not converge (with the
        last values), OutOfRange when a parameter ends at its bound, InvalidArgument naming
        "/<position>/<field>" for a bad customer."""
        x, t_x, age, n = _customers(frequency, recency, T)
        out = ffi.new("crm_lifetime_bgnbd **")
        call(lib.crm_lifetime_bgnbd_fit, out, _ptr(x), _ptr(t_x), _ptr(age), n,
             _fit_options(max_evaluations, tolerance))
        return self._set(out[0])

    @classmethod
    def from_params(cls, r: float, alpha: float, a: float, b: float) -> BetaGeoFitter:
        """A model of known parameters (each finite and above 0)."""
        params = ffi.new("crm_lifetime_bgnbd_params *", {"size": ffi.sizeof("crm_lifetime_bgnbd_params"),
                                                         "r": r, "alpha": alpha, "a": a, "b": b})
        out = ffi.new("crm_lifetime_bgnbd **")
        call(lib.crm_lifetime_bgnbd_from_params, out, params)
        return cls()._set(out[0])

    def _set(self, handle: Any) -> BetaGeoFitter:
        import pandas

        self._model = ffi.gc(handle, lib.crm_lifetime_bgnbd_free)
        p = ffi.new("crm_lifetime_bgnbd_params *", {"size": ffi.sizeof("crm_lifetime_bgnbd_params")})
        call(lib.crm_lifetime_bgnbd_get, p, self._model)
        self.params_ = pandas.Series({"r": p.r, "alpha": p.alpha, "a": p.a, "b": p.b})
        self.log_likelihood_ = p.log_likelihood
        return self

    def _fitted(self) -> Any:
        if self._model is None:
            raise RuntimeError("the model is not fitted: call fit() first")
        return self._model

    def conditional_probability_alive(self, frequency: Any, recency: Any, T: Any) -> numpy.ndarray:
        """P(alive | frequency, recency, T) per customer (1 without repeat purchases)."""
        import numpy

        x, t_x, age, n = _customers(numpy.atleast_1d(frequency), numpy.atleast_1d(recency), numpy.atleast_1d(T))
        out = numpy.empty(n)
        call(lib.crm_lifetime_bgnbd_p_alive, _ptr(out), self._fitted(), _ptr(x), _ptr(t_x), _ptr(age), n)
        return out

    def conditional_expected_number_of_purchases_up_to_time(self, t: float, frequency: Any, recency: Any,
                                                             T: Any) -> numpy.ndarray:
        """E[purchases in the next t units | frequency, recency, T] per customer."""
        import numpy

        x, t_x, age, n = _customers(numpy.atleast_1d(frequency), numpy.atleast_1d(recency), numpy.atleast_1d(T))
        out = numpy.empty(n)
        call(lib.crm_lifetime_bgnbd_expected_purchases, _ptr(out), self._fitted(), float(t), _ptr(x), _ptr(t_x),
             _ptr(age), n)
        return out

    def expected_number_of_purchases_up_to_time(self, t: float) -> float:
        """E[X(t)]: a new customer's expected repeat purchases in its first t units."""
        out = ffi.new("double *")
        call(lib.crm_lifetime_bgnbd_expected_repeat_purchases, out, self._fitted(), float(t))
        return out[0]


class GammaGammaFitter:
    """The Gamma-Gamma spend model, as `lifetimes`' GammaGammaFitter.

        ggf = GammaGammaFitter().fit(repeat.frequency, repeat.monetary_value)
        ggf.params_                      # p, q, v (CDNOW: 6.25, 3.74, 15.44)
        ggf.conditional_expected_average_profit(repeat.frequency, repeat.monetary_value)
    """

    def __init__(self) -> None:
        self._model: Any = None
        self.params_: pandas.Series | None = None
        self.log_likelihood_: float | None = None
        self.correlation_: float | None = None

    def fit(self, frequency: Any, monetary_value: Any, *, max_evaluations: int | None = None,
            tolerance: float | None = None) -> GammaGammaFitter:
        """Maximum likelihood on the customers with frequency > 0 (their monetary value above
        0); correlation_ is Pearson's of frequency and monetary value, which the model
        assumes is near 0."""
        x, m = _doubles(frequency, "frequency"), _doubles(monetary_value, "monetary_value")
        if len(x) != len(m):
            raise ValueError("frequency and monetary_value have different lengths")
        out = ffi.new("crm_lifetime_gamma_gamma **")
        call(lib.crm_lifetime_gamma_gamma_fit, out, _ptr(x), _ptr(m), len(x), _fit_options(max_evaluations, tolerance))
        return self._set(out[0])

    @classmethod
    def from_params(cls, p: float, q: float, v: float) -> GammaGammaFitter:
        params = ffi.new("crm_lifetime_gamma_gamma_params *",
                         {"size": ffi.sizeof("crm_lifetime_gamma_gamma_params"), "p": p, "q": q, "v": v})
        out = ffi.new("crm_lifetime_gamma_gamma **")
        call(lib.crm_lifetime_gamma_gamma_from_params, out, params)
        return cls()._set(out[0])

    def _set(self, handle: Any) -> GammaGammaFitter:
        import pandas

        self._model = ffi.gc(handle, lib.crm_lifetime_gamma_gamma_free)
        g = ffi.new("crm_lifetime_gamma_gamma_params *", {"size": ffi.sizeof("crm_lifetime_gamma_gamma_params")})
        call(lib.crm_lifetime_gamma_gamma_get, g, self._model)
        self.params_ = pandas.Series({"p": g.p, "q": g.q, "v": g.v})
        self.log_likelihood_ = g.log_likelihood
        self.correlation_ = g.correlation
        return self

    def _fitted(self) -> Any:
        if self._model is None:
            raise RuntimeError("the model is not fitted: call fit() first")
        return self._model

    def conditional_expected_average_profit(self, frequency: Any, monetary_value: Any) -> numpy.ndarray:
        """E[M | frequency, monetary_value] per customer (the population mean for frequency 0)."""
        import numpy

        x, m = _doubles(numpy.atleast_1d(frequency), "frequency"), _doubles(numpy.atleast_1d(monetary_value),
                                                                             "monetary_value")
        if len(x) != len(m):
            raise ValueError("frequency and monetary_value have different lengths")
        out = numpy.empty(len(x))
        call(lib.crm_lifetime_gamma_gamma_expected_profit, _ptr(out), self._fitted(), _ptr(x), _ptr(m), len(x))
        return out

    def customer_lifetime_value(self, transaction_prediction_model: BetaGeoFitter, frequency: Any, recency: Any,
                                T: Any, monetary_value: Any, time: int = 12, discount_rate: float = 0.01,
                                freq: str = "D", threads: int = 0) -> numpy.ndarray:
        """The model CLV per customer over `time` months at `discount_rate` a month, as
        `lifetimes` computes it (the monthly expected purchases times the expected average
        profit, discounted per month); freq is the unit of recency and T."""
        import numpy

        x, t_x, age, n = _customers(frequency, recency, T)
        m = _doubles(monetary_value, "monetary_value")
        if len(m) != n:
            raise ValueError("monetary_value has another length than frequency")
        options = ffi.new("crm_lifetime_clv_options *", {"size": ffi.sizeof("crm_lifetime_clv_options"),
                                                         "unit": _unit(freq), "horizon_months": int(time),
                                                         "discount_rate": float(discount_rate), "month_days": 30.0,
                                                         "month_weeks": 4.345, "threads": threads})
        out = numpy.empty(n)
        call(lib.crm_lifetime_score, ffi.NULL, ffi.NULL, ffi.NULL, _ptr(out), transaction_prediction_model._fitted(),
             self._fitted(), _ptr(x), _ptr(t_x), _ptr(age), _ptr(m), n, 0.0, options)
        return out


@dataclass(frozen=True)
class SimpleClv:
    """The deck's simple lifetime value, exact: lifetime_value = margin / (1 - retention),
    expected_lifetime = 1 / (1 - retention) periods, discounted_value over the periods,
    lifetime_profit = discounted_value - acquisition cost, lifetime_profit_rate =
    lifetime_profit / acquisition cost (None when the cost is 0)."""

    lifetime_value: Decimal
    expected_lifetime: Decimal
    discounted_value: Decimal
    lifetime_profit: Decimal
    lifetime_profit_rate: Optional[Decimal]


def simple_clv(margin: DecimalLike, retention: DecimalLike, discount: DecimalLike, periods: int,
               acquisition_cost: DecimalLike = 0, places: int = 2) -> SimpleClv:
    """The deck's lifetime value and lifetime profit rate from a margin per period, a
    retention rate in [0, 1) and a discount rate per period, each result rounded to places.

        simple_clv("100", "0.8", "0.1", 3, "150").discounted_value   # Decimal('225.62')
    """
    out = ffi.new("crm_lifetime_simple_clv *", {"size": ffi.sizeof("crm_lifetime_simple_clv")})
    args = [_c_decimal(v) for v in (margin, retention, discount, acquisition_cost)]
    call(lib.crm_lifetime_simple_clv_of, out, args[0], args[1], args[2], periods, args[3], places)

    def value(member: str) -> Decimal:
        return _to_python(ffi.addressof(out[0], member))

    return SimpleClv(value("lifetime_value"), value("expected_lifetime"), value("discounted_value"),
                     value("lifetime_profit"), value("lifetime_profit_rate") if out.has_profit_rate else None)


@dataclass(frozen=True)
class Retention:
    """Retention and churn per month (months: month, active, new, kept, lost,
    retention_rate, churn_rate, lost_acquisition_cost, kept_retention_cost) and per cohort
    (cohorts: one row per first-purchase month, its size and rate per month since), the
    cost view's totals (costs), and the text in either language."""

    months: pandas.DataFrame
    cohorts: pandas.DataFrame
    costs: dict[str, Decimal]
    text: dict[str, str]


def retention(transactions: pandas.DataFrame, customer_id_col: str, datetime_col: str,
              monetary_value_col: str | None = None, *, acquisition_cost: DecimalLike | None = None,
              retention_cost: DecimalLike | None = None, returns: str = "refuse",
              floats: str = "error") -> Retention:
    """Retention and churn per month and per cohort (the month of the first purchase),
    with the deck's cost view (a new customer costs five times as much: acquisition_cost
    and retention_cost default to the settings' 5 : 1).

        r = retention(orders, "customer", "date", "amount")
        r.months[["month", "retention_rate", "churn_rate"]], r.cohorts
    """
    import json

    import pandas

    log = _log(transactions, customer_id_col, datetime_col, monetary_value_col, returns, floats)
    costs = [_c_decimal(c) if c is not None else ffi.NULL for c in (acquisition_cost, retention_cost)]

    def write(form: int, lang: int) -> str:
        out = ffi.new("char **")
        call(lib.crm_lifetime_retention, out, ffi.NULL, log, costs[0], costs[1], form, lang)
        return take_str(out[0])

    doc = json.loads(write(0, 0), parse_float=Decimal, parse_int=int)
    exact = ("retention_rate", "churn_rate", "lost_acquisition_cost", "kept_retention_cost")
    months = pandas.DataFrame([{k: Decimal(v) if k in exact and isinstance(v, int) else v for k, v in m.items()}
                               for m in doc["months"]])
    cohort_rows = [{"cohort": c["month"], "size": c["size"],
                    **{f"m{k}": Decimal(r) if isinstance(r, int) else r for k, r in enumerate(c["rates"])}}
                   for c in doc["cohorts"]]
    cohorts = pandas.DataFrame(cohort_rows).set_index("cohort") if cohort_rows else pandas.DataFrame()
    money = {k: Decimal(v) if isinstance(v, int) else v for k, v in doc["costs"].items()}
    return Retention(months, cohorts, money, {"zh": write(2, 0), "en": write(2, 1)})


def _log(transactions: pandas.DataFrame, customer_id_col: str, datetime_col: str, monetary_value_col: str | None,
         returns: str, floats: str) -> Any:
    """A transaction log handle of a DataFrame."""
    import numpy

    if floats not in _FLOATS:
        raise ValueError(f"floats must be 'error' or 'shortest', not {floats!r}")
    if returns not in ("refuse", "net"):
        raise ValueError(f"returns must be 'refuse' or 'net', not {returns!r}")
    for column in (customer_id_col, datetime_col, monetary_value_col):
        if column is not None and column not in transactions.columns:
            raise KeyError(f"the transactions have no column {column!r}")
    n = len(transactions)
    ids = transactions[customer_id_col]
    if ids.isna().any():
        raise _row_error(transactions, int(numpy.flatnonzero(ids.isna().to_numpy())[0]), customer_id_col,
                         "no customer")
    customers, customer_at = join_cells(ids.astype(str).tolist(), customer_id_col)
    days = _days(transactions, datetime_col)
    amounts = amount_at = None
    if monetary_value_col is not None:
        amounts, amount_at = join_cells(_amounts(transactions, monetary_value_col, floats), monetary_value_col)
    out = ffi.new("crm_lifetime_log **")
    call(lib.crm_lifetime_log_from_columns, out, ffi.from_buffer(customers) if customers else ffi.NULL,
         ffi.cast("const int64_t *", ffi.from_buffer(customer_at)),
         ffi.cast("const int32_t *", ffi.from_buffer(days)) if n else ffi.NULL,
         ffi.from_buffer(amounts) if amounts else (ffi.new("char[]", 1) if amounts is not None else ffi.NULL),
         ffi.cast("const int64_t *", ffi.from_buffer(amount_at)) if amount_at is not None else ffi.NULL, n,
         1 if returns == "net" else 0)
    return ffi.gc(out[0], lib.crm_lifetime_log_free)


def builtin_json() -> str:
    """The built-in lifetime settings (rules/lifetime.json), to copy and change."""
    out = ffi.new("const char **")
    length = ffi.new("size_t *")
    call(lib.crm_lifetime_builtin_json, out, length)
    return ffi.unpack(out[0], length[0]).decode("utf-8")


def analyse(summary: pandas.DataFrame, *, to_score: pandas.DataFrame | None = None, t: float = 0.0,
            time: int = 12, discount_rate: float = 0.01, freq: str = "W", rules: RuleSet | None = None,
            lang: str = "zh") -> dict[str, Any]:
    """What `crmrules clv` prints, for a summary DataFrame (frequency, recency, T,
    monetary_value; lifetimes' columns): both fits, the fit plot's histogram and every
    scored customer, as the JSON document of docs/lifetime.md (numbers as Decimals), with
    "text" (in lang) and "svg" (the fit plot) added."""
    import json

    fitted = _summary_handle(summary, freq)
    scored = _summary_handle(to_score, freq) if to_score is not None else None
    options = ffi.new("crm_lifetime_clv_options *", {"size": ffi.sizeof("crm_lifetime_clv_options"),
                                                     "unit": _unit(freq), "horizon_months": int(time),
                                                     "discount_rate": float(discount_rate), "month_days": 30.0,
                                                     "month_weeks": 4.345})
    out = ffi.new("crm_lifetime_analysis **")
    call(lib.crm_lifetime_analyse, out, fitted, scored if scored is not None else ffi.NULL, float(t), options,
         rules._rules if rules is not None else ffi.NULL)
    analysis = ffi.gc(out[0], lib.crm_lifetime_analysis_free)
    language = {"zh": 0, "en": 1}.get(lang)
    if language is None:
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")

    def write(form: int) -> str:
        text = ffi.new("char **")
        call(lib.crm_lifetime_analysis_write, text, ffi.NULL, analysis, form, language)
        return take_str(text[0])

    doc: dict[str, Any] = json.loads(write(0), parse_float=Decimal)
    doc["text"] = write(2)
    doc["svg"] = write(3)
    return doc


def _summary_handle(summary: pandas.DataFrame, freq: str) -> Any:
    """A summary DataFrame given to the library as CSV (its index is the customer)."""
    columns = [c for c in ("frequency", "recency", "T", "monetary_value") if c in summary.columns]
    text = summary[columns].to_csv(index_label="customer").encode("utf-8")
    out = ffi.new("crm_lifetime_summary **")
    call(lib.crm_lifetime_summary_read, out, text, len(text), _unit(freq))
    return ffi.gc(out[0], lib.crm_lifetime_summary_free)

