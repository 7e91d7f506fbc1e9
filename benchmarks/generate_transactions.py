#!/usr/bin/python3
"""Writes N transaction rows as CSV (customer,date,amount), deterministically:
   generate_transactions.py N OUT.csv
N / 10 customers (C0000001 ..), each with a first purchase in 2023 and repeat purchases
spread over the two years after it, amounts 5.00 .. 504.99; rows in date order within a
day-shuffled log, as an ERP's order export would be."""
import random
import sys
from datetime import date, timedelta

N = int(sys.argv[1])
rng = random.Random(19)
customers = max(1, N // 10)
start = date(2023, 1, 1)
days = [(start + timedelta(days=d)).isoformat() for d in range(730)]
with open(sys.argv[2], "w", encoding="ascii") as f:
    f.write("customer,date,amount\n")
    chunk = []
    for i in range(N):
        c = rng.randrange(customers)
        first = c * 7919 % 365
        d = first + int(rng.random() ** 2 * (729 - first))
        chunk.append(f"C{c:07d},{days[d]},{rng.randrange(500, 50500) / 100:.2f}\n")
        if len(chunk) == 100000:
            f.writelines(chunk)
            chunk = []
    f.writelines(chunk)
