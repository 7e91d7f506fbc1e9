#!/usr/bin/python3
"""Writes N service tickets as CSV (the built-in commitments' fields), deterministically:
   generate_service_tickets.py N OUT.csv
Customers 华为, 中国移动, ... with numbers; engineers 张工 .. ; times in +08:00 spread over a
year; about 5% of replies and departures late, 8% not fixed at the first visit, 2% of
the flags missing, so every status occurs. The calendar is simplified (30-day months of
28 days), so a ticket that runs past a month's end gets timestamps out of order: about
0.6% of the rows are rejected as impossible, which keeps the error path in the figures."""
import random
import sys

N = int(sys.argv[1])
out = sys.argv[2]
rng = random.Random(16)
names = ["华为", "中国移动", "华强工贸", "东风集团", "三一重工", "海尔", "金龙客车", "长城润滑油"]
engineers = ["张工", "李工", "王工", "赵工", "刘工", "陈工", "杨工", "黄工"]


def ts(minutes):
    day, m = divmod(minutes, 1440)
    month = 1 + day // 30 % 12
    return f"2026-{month:02d}-{1 + day % 28:02d}T{m // 60:02d}:{m % 60:02d}:00+08:00"


def flag(p_yes):
    r = rng.random()
    return "" if r < 0.02 else ("yes" if r < p_yes else "no")


with open(out, "w", encoding="utf-8") as f:
    f.write("ticket,customer,engineer,called,replied,requested,departed,arrived,fixed,"
            "first_time_fix,full_check,report,training,follow_up\n")
    for i in range(N):
        called = rng.randrange(0, 360 * 1440 - 600)
        reply = called + (rng.randrange(16, 60) if rng.random() < 0.05 else rng.randrange(1, 16))
        requested = reply + rng.randrange(0, 30)
        departed = requested + (rng.randrange(61, 180) if rng.random() < 0.05 else rng.randrange(5, 61))
        arrived = departed + rng.randrange(20, 120)
        fixed = arrived + rng.randrange(30, 240)
        customer = f"{names[i % len(names)]}{i % 5000:04d}"
        f.write(f"T{i:07d},{customer},{engineers[rng.randrange(len(engineers))]},{ts(called)},{ts(reply)},"
                f"{ts(requested)},{ts(departed)},{ts(arrived)},{ts(fixed)},{flag(0.9)},{flag(0.99)},"
                f"{flag(0.99)},{flag(0.97)},{flag(0.98)}\n")
