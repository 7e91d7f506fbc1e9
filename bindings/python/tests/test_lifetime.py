"""crmrules.lifetime: the CDNOW fits against the paper and lifetimes' published values, a
transactions DataFrame summarised as lifetimes does (datetimes, texts, aware timestamps,
a holdout), retention, CLV, the deck's simple CLV, and bad input named with its row."""

import os
from decimal import Decimal

import numpy
import pandas
import pytest

import crmrules
from crmrules.lifetime import (BetaGeoFitter, GammaGammaFitter, analyse, builtin_json, calibration_and_holdout_data,
                               read_summary, retention, simple_clv, summary_data_from_transaction_data)

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..")
CDNOW = os.path.join(ROOT, "tests", "data", "cdnow", "cdnow_customers_summary_with_transactions.csv")
ORDERS = pandas.DataFrame({
    "customer": ["A", "A", "A", "B", "C", "A", "C", "C", "D", "A"],
    "date": ["2024-01-01", "2024-01-01 16:30", "2024-01-15", "2024-01-10", "2024-02-01", "2024-02-12", "2024-03-01",
             "2024-03-10", "2024-03-20", "2024-03-25"],
    "amount": ["10.00", "5.00", "20.00", "50.00", "8.50", "30.00", "11.50", "12.00", "40.00", "25.00"],
    "channel": ["shop"] * 10}, index=[f"o{i}" for i in range(10)])


@pytest.fixture(scope="module")
def cdnow():
    return read_summary(CDNOW)


def test_bg_nbd_on_cdnow_reproduces_the_paper(cdnow):
    assert len(cdnow) == 2357
    bgf = BetaGeoFitter().fit(cdnow.frequency, cdnow.recency, cdnow["T"])
    assert bgf.params_.round(3).to_dict() == {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    assert bgf.log_likelihood_ == pytest.approx(-9582.4, abs=0.05)
    # the paper's worked customer: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in 39 weeks
    assert bgf.conditional_expected_number_of_purchases_up_to_time(39, 2, 30.43, 38.86)[0] == pytest.approx(
        1.226, abs=0.001)
    alive = bgf.conditional_probability_alive(cdnow.frequency, cdnow.recency, cdnow["T"])
    assert alive.shape == (2357,) and alive[2] == 1.0 and 0 < alive.min() < alive.max() <= 1
    assert bgf.expected_number_of_purchases_up_to_time(39) > bgf.expected_number_of_purchases_up_to_time(20) > 0


def test_gamma_gamma_and_clv_on_cdnow(cdnow):
    repeat = cdnow[cdnow.frequency > 0]
    ggf = GammaGammaFitter().fit(repeat.frequency, repeat.monetary_value)
    assert ggf.params_["p"] == pytest.approx(6.25, abs=0.01)
    assert ggf.params_["q"] == pytest.approx(3.74, abs=0.01)
    assert ggf.params_["v"] == pytest.approx(15.44, abs=0.02)
    assert abs(ggf.correlation_) < 0.3
    profit = ggf.conditional_expected_average_profit(repeat.frequency, repeat.monetary_value)
    assert len(profit) == 946
    bgf = BetaGeoFitter().fit(cdnow.frequency, cdnow.recency, cdnow["T"])
    clv = ggf.customer_lifetime_value(bgf, cdnow.frequency, cdnow.recency, cdnow["T"], cdnow.monetary_value,
                                      time=12, discount_rate=0.01, freq="W")
    longer = ggf.customer_lifetime_value(bgf, cdnow.frequency, cdnow.recency, cdnow["T"], cdnow.monetary_value,
                                         time=24, discount_rate=0.01, freq="W")
    assert clv.shape == (2357,) and (longer > clv).all()
    assert clv[0] == pytest.approx(36.28, abs=0.01)  # as `crmrules clv --summary` prints it


def test_a_transactions_frame_summarised_as_lifetimes_does():
    summary = summary_data_from_transaction_data(ORDERS, "customer", "date", "amount")
    assert summary.index.name == "customer" and list(summary.index) == ["A", "B", "C", "D"]
    assert summary.loc["A"].to_dict() == {"frequency": 3, "recency": 84, "T": 84, "monetary_value": 25}
    assert summary.loc["C"].to_dict() == {"frequency": 2, "recency": 38, "T": 53, "monetary_value": 11.75}
    weeks = summary_data_from_transaction_data(ORDERS, "customer", "date", freq="W")
    assert list(weeks.columns) == ["frequency", "recency", "T"]
    assert weeks.loc["A", "T"] == pytest.approx(12.0)
    as_datetimes = ORDERS.assign(date=pandas.to_datetime(ORDERS.date))
    assert summary_data_from_transaction_data(as_datetimes, "customer", "date", "amount").equals(summary)
    aware = ORDERS.assign(date=pandas.to_datetime(ORDERS.date).dt.tz_localize("Asia/Shanghai"))
    assert summary_data_from_transaction_data(aware, "customer", "date", "amount").equals(summary)
    decimals = ORDERS.assign(amount=[Decimal(a) for a in ORDERS.amount])
    assert summary_data_from_transaction_data(decimals, "customer", "date", "amount").equals(summary)


def test_calibration_and_holdout():
    split = calibration_and_holdout_data(ORDERS, "customer", "date", "2024-02-29", monetary_value_col="amount")
    assert list(split.columns) == ["frequency_cal", "recency_cal", "T_cal", "monetary_value_cal",
                                   "frequency_holdout", "monetary_value_holdout", "duration_holdout"]
    assert list(split.index) == ["A", "B", "C"]  # D first bought in the holdout
    assert split.loc["A"].to_dict() == {"frequency_cal": 2, "recency_cal": 42, "T_cal": 59, "monetary_value_cal": 25,
                                        "frequency_holdout": 1, "monetary_value_holdout": 25, "duration_holdout": 25}
    with pytest.raises(crmrules.Missing, match="no customer bought in the calibration period"):
        calibration_and_holdout_data(ORDERS, "customer", "date", "2023-12-31")


def test_retention_and_the_cost_view():
    r = retention(ORDERS, "customer", "date", "amount", acquisition_cost="120.50")
    assert r.months.month.tolist() == ["2024-01", "2024-02", "2024-03"]
    feb = r.months.iloc[1]
    assert (feb.active, feb.kept, feb.lost) == (2, 1, 1)
    assert feb.retention_rate == Decimal("0.5000") and feb.churn_rate == Decimal("0.5000")
    assert r.months.retention_rate[0] is None
    assert r.cohorts.loc["2024-01"].tolist()[:4] == [2, Decimal("1.0000"), Decimal("0.5000"), Decimal("0.5000")]
    assert r.costs == {"acquisition": Decimal("120.50"), "retention": Decimal("1"),
                       "lost_acquisition": Decimal("120.50"), "kept_retention": Decimal("3")}
    assert r.text["zh"].startswith("新客户的成本是老客户的5倍")
    assert r.text["en"].startswith("A new customer costs five times as much")


def test_the_decks_simple_clv_is_exact():
    c = simple_clv("100", "0.8", "0.1", 3, "150")
    assert (c.lifetime_value, c.expected_lifetime, c.discounted_value) == (
        Decimal("500.00"), Decimal("5.00"), Decimal("225.62"))
    assert (c.lifetime_profit, c.lifetime_profit_rate) == (Decimal("75.62"), Decimal("0.50"))
    assert simple_clv(100, "0.5", 0, 2).lifetime_profit_rate is None
    with pytest.raises(crmrules.OutOfRange) as e:
        simple_clv("100", "1", "0.1", 3)
    assert e.value.pointer == "/retention"
    with pytest.raises(TypeError, match="binary floating point is inexact"):
        simple_clv(100.0, "0.5", "0", 2)


def test_the_analysis_as_crmrules_clv_prints_it(cdnow):
    doc = analyse(cdnow, freq="W", lang="en")
    assert doc["bg_nbd"]["params"]["r"] == Decimal("0.242593")
    assert doc["customers"][0]["p_alive"] == Decimal("0.726609")
    assert doc["text"].startswith("BG/NBD: r = 0.2426")
    assert "<svg" in doc["svg"]
    assert '"lifetime"' in builtin_json()


def test_bad_input_is_named_with_its_row():
    with pytest.raises(ValueError, match=r"row 2 \(index 'o2'\), column 'date': '2024-02-30' is not a date"):
        summary_data_from_transaction_data(ORDERS.assign(date=ORDERS.date.where(ORDERS.index != "o2", "2024-02-30")),
                                           "customer", "date")
    with pytest.raises(ValueError, match=r"row 1 \(index 'o1'\), column 'date': '15/01/2024' is not a date"):
        summary_data_from_transaction_data(ORDERS.assign(date=ORDERS.date.where(ORDERS.index != "o1", "15/01/2024")),
                                           "customer", "date")
    refund = ORDERS.assign(amount=ORDERS.amount.where(ORDERS.index != "o3", "-50.00"))
    with pytest.raises(crmrules.OutOfRange, match="returns = net") as e:
        summary_data_from_transaction_data(refund, "customer", "date", "amount")
    assert e.value.pointer == "/3/amount"
    netted = summary_data_from_transaction_data(refund, "customer", "date", "amount", returns="net")
    assert netted.loc["B", "frequency"] == 0
    with pytest.raises(crmrules.TypeMismatch, match="floats=\"shortest\""):
        summary_data_from_transaction_data(ORDERS.assign(amount=ORDERS.amount.astype(float)), "customer", "date",
                                           "amount")
    floats = summary_data_from_transaction_data(ORDERS.assign(amount=ORDERS.amount.astype(float)), "customer",
                                                "date", "amount", floats="shortest")
    assert floats.loc["C", "monetary_value"] == 11.75
    with pytest.raises(ValueError, match="no amount"):
        summary_data_from_transaction_data(ORDERS.assign(amount=ORDERS.amount.where(ORDERS.index != "o4")),
                                           "customer", "date", "amount")
    with pytest.raises(KeyError, match="no column 'day'"):
        summary_data_from_transaction_data(ORDERS, "customer", "day")
    with pytest.raises(ValueError, match="freq must be 'D'"):
        summary_data_from_transaction_data(ORDERS, "customer", "date", freq="M")


def test_a_summary_file_with_a_frequency_past_its_range_is_refused(tmp_path):
    path = tmp_path / "summary.csv"
    path.write_text("ID,x,t_x,T\n1,2,30,38\n2,4444444444444444,30,38\n")
    with pytest.raises(crmrules.OutOfRange, match="at most 4294967295") as e:
        read_summary(str(path))
    assert e.value.line == 3


def test_fits_that_cannot_be_made_say_why():
    with pytest.raises(crmrules.Missing, match="every customer bought once"):
        BetaGeoFitter().fit([0, 0], [0, 0], [10, 12])
    with pytest.raises(crmrules.InvalidArgument) as e:
        BetaGeoFitter().fit([1, 2.5], [1, 2], [3, 4])
    assert e.value.pointer == "/1/frequency"
    cdnow = read_summary(CDNOW)
    with pytest.raises(crmrules.NoMatch, match=r"did not converge .*the last values: r = "):
        BetaGeoFitter().fit(cdnow.frequency, cdnow.recency, cdnow["T"], max_evaluations=10)
    with pytest.raises(RuntimeError, match="not fitted"):
        BetaGeoFitter().conditional_probability_alive(1, 1, 2)
    with pytest.raises(crmrules.OutOfRange):
        BetaGeoFitter.from_params(0.2, -1, 1, 1)
    model = BetaGeoFitter.from_params(0.243, 4.414, 0.793, 2.426)
    with pytest.raises(crmrules.InvalidArgument) as e:
        model.conditional_probability_alive([1, 1], [1, 5], [3, 4])
    assert e.value.pointer == "/1/recency"
    with pytest.raises(crmrules.InvalidArgument):
        GammaGammaFitter().fit([1, 2], [10, numpy.nan])
