"""The CDNOW sample (tests/data/cdnow) as a transaction log for the docs' Python programs:
per customer, the first purchase T weeks before the end of the data (1998-06-30), the last
repeat purchase recency weeks after it and the other repeat purchases on the days just
before that one, each repeat purchase of the customer's mean repeat amount (zbar). BG/NBD
and Gamma-Gamma see only the count, the first and last days and the mean amount, so the
log's summary is the sample's and the fits are the paper's."""
import datetime

import pandas

END = datetime.date(1998, 6, 30)


def orders(root="."):
    """A DataFrame of customer, date and amount texts, as pandas.read_csv(..., dtype=str) gives."""
    rows = []
    summary = pandas.read_csv(f"{root}/tests/data/cdnow/cdnow_customers_summary_with_transactions.csv", dtype=str)
    for c in summary.itertuples():
        first = END - datetime.timedelta(days=round(float(c.T) * 7))
        repeats, last = int(c.x), round(float(c.t_x) * 7)
        days = [0] + [last - (repeats - k) for k in range(1, repeats + 1)]
        rows += [(c.ID, (first + datetime.timedelta(days=d)).isoformat(), c.zbar) for d in days]
    return pandas.DataFrame(rows, columns=["customer", "date", "amount"])
