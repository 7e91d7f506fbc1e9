"""docs/lifetime.md's Python fragment (`part of` it: tests/docs/snippets_test.py) on the
CDNOW sample as a transaction log (examples/docs/cdnow.py): the paper's fits and the
CLV that `crmrules clv` prints, checked. Run from the project's root."""
import math

import cdnow

orders = cdnow.orders()

from crmrules.lifetime import summary_data_from_transaction_data, BetaGeoFitter, GammaGammaFitter
summary = summary_data_from_transaction_data(orders, "customer", "date", "amount", freq="W")
bgf = BetaGeoFitter().fit(summary.frequency, summary.recency, summary["T"])
bgf.params_, bgf.log_likelihood_, bgf.conditional_probability_alive(summary.frequency, summary.recency, summary["T"])
repeat = summary[summary.frequency > 0]
ggf = GammaGammaFitter().fit(repeat.frequency, repeat.monetary_value)
ggf.customer_lifetime_value(bgf, summary.frequency, summary.recency, summary["T"], summary.monetary_value,
                            time=12, discount_rate=0.01, freq="W")

assert bgf.params_.round(3).to_dict() == {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}  # the paper's
assert math.isclose(bgf.log_likelihood_, -9582.4, abs_tol=0.05) and len(repeat) == 946
assert all(math.isclose(ggf.params_[k], paper, abs_tol=0.01) for k, paper in (("p", 6.25), ("q", 3.74), ("v", 15.44)))
clv = ggf.customer_lifetime_value(bgf, summary.frequency, summary.recency, summary["T"], summary.monetary_value,
                                  time=12, discount_rate=0.01, freq="W")
assert round(clv[summary.index.get_loc("1")], 2) == 36.28  # customer 1, as `crmrules clv --summary` prints it
print("docs/lifetime.md: the CDNOW fits and customer 1's CLV as documented")
