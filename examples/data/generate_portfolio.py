#!/usr/bin/python3
"""Writes a deterministic, realistic customer portfolio for `crmrules grade`.

    /usr/bin/python3 examples/data/generate_portfolio.py                 # examples/data/portfolio.csv, 3000 customers
    /usr/bin/python3 examples/data/generate_portfolio.py --customers 50000 --seed 7 --out big.csv

Every input of the built-in rule set (rules/default.json) is a column, named as the rule
set names it. The same seed always gives the same file (Python's random.Random is
stable across versions for the calls used here: random(), randint(), choice() and
lognormvariate() on a seeded generator).

How the customers are made (a B2B supplier's book, in CNY):
- annual purchases are log-normal (median about 3 million, a long right tail), so a
  fifth of the customers hold roughly four fifths of the business, as the deck says;
- net profit is a margin of 2% to 18% of purchases, after discounts of 0% to 15% and a
  contact cost; about one customer in twenty-five loses money (negative profit);
- history, budget, background, potential and influence grades, the 6C credit factors,
  bad records, loyalty behaviours and satisfaction (the deck's 7-point scale, written
  sometimes as the English label, sometimes in Chinese, sometimes as 1..7) follow the
  size of the customer with noise, as real books do.
Names are Chinese company names: a city, a word and a kind of company (上海华腾科技有限公司).
Standard library only.
"""

import argparse
import csv
import os
import random

CITIES = ["北京", "上海", "广州", "深圳", "杭州", "南京", "苏州", "成都", "重庆", "武汉", "西安", "天津", "青岛",
          "厦门", "长沙", "郑州", "合肥", "宁波", "佛山", "东莞", "无锡", "济南", "大连", "沈阳", "昆明", "福州"]
WORDS = ["华腾", "金盛", "恒通", "宏达", "鑫源", "瑞丰", "中科", "博远", "天成", "永辉", "嘉禾", "东方", "新锐",
         "海纳", "明德", "信达", "远航", "星河", "汇丰", "创新", "凯越", "和信", "正泰", "安泰", "长城", "鼎盛",
         "华强", "联创", "云帆", "君安"]
KINDS = ["科技有限公司", "贸易有限公司", "实业有限公司", "电子有限公司", "机械制造有限公司", "物流有限公司",
         "医药有限公司", "建设集团", "商贸有限公司", "信息技术有限公司", "新能源有限公司", "食品有限公司"]
BACKGROUNDS = ["none"] * 14 + ["technology"] * 3 + ["government"] * 2 + ["capital", "brand"]
GRADES = ["A1", "A2", "A3", "B1", "B2", "C1", "C2"]
SATISFACTION = [("very_satisfied", "很满意", "7"), ("satisfied", "满意", "6"), ("fairly_satisfied", "较满意", "5"),
                ("generally_satisfied", "一般满意", "4"), ("not_very_satisfied", "不太满意", "3"),
                ("dissatisfied", "不满意", "2"), ("very_dissatisfied", "很不满意", "1")]

COLUMNS = ["id", "name", "annual_purchases", "annual_discount", "contact_cost", "annual_net_profit",
           "historical_contribution", "cooperation", "budgeted_total_profit", "background", "potential", "influence",
           "character", "capacity", "capital", "collateral", "conditions", "continuity", "bad_records",
           "repeat_purchase", "bulk_purchase", "cooperates", "tolerates_incidents", "follows_promotions", "referrals",
           "strategic_partner", "satisfaction"]


def clamp(x, lo, hi):
    return max(lo, min(hi, x))


def grade_near(rng, quality):
    """A grade label around quality (0 best .. 1 worst), with noise."""
    i = round(clamp(quality + rng.uniform(-0.25, 0.25), 0, 1) * (len(GRADES) - 1))
    return GRADES[i]


def customer(rng, n):
    purchases = round(rng.lognormvariate(15.0, 1.6), -3)  # median e^15 ~ 3.3 million
    purchases = clamp(purchases, 20000, 5_000_000_000)
    size = clamp((len(str(int(purchases))) - 5) / 5, 0, 1)  # 0 small .. 1 large
    discount = round(purchases * rng.uniform(0.0, 0.15), 2)
    contact = round(rng.uniform(2000, 40000) * (1 + 10 * size), 2)
    margin = rng.uniform(0.02, 0.18) if rng.random() > 0.04 else -rng.uniform(0.01, 0.08)
    profit = round(purchases * margin - contact * 0.2, 2)
    years = rng.randint(0, 10)
    quality = clamp(1 - size + rng.uniform(-0.2, 0.2), 0, 1)
    sat = SATISFACTION[clamp(round(rng.gauss(2.5 + 1.5 * quality, 1.2)), 0, 6)]
    loyal = rng.random() < 0.3 + 0.5 * (1 - quality)
    return {
        "id": f"C{n:06d}",
        "name": rng.choice(CITIES) + rng.choice(WORDS) + rng.choice(KINDS),
        "annual_purchases": f"{purchases:.0f}",
        "annual_discount": f"{discount:.2f}",
        "contact_cost": f"{contact:.2f}",
        "annual_net_profit": f"{profit:.2f}",
        "historical_contribution": f"{max(profit, 0) * years * rng.uniform(0.5, 1.2):.0f}",
        "cooperation": str(clamp(years + rng.randint(-1, 1), 0, 10)),
        "budgeted_total_profit": f"{max(profit, 0) * rng.uniform(1, 12):.0f}",
        "background": rng.choice(BACKGROUNDS),
        "potential": grade_near(rng, quality),
        "influence": grade_near(rng, quality),
        **{f: str(clamp(round(rng.gauss(8 - 4 * quality, 1.5)), 0, 10))
           for f in ["character", "capacity", "capital", "collateral", "conditions", "continuity"]},
        "bad_records": str(0 if rng.random() < 0.85 else rng.randint(1, 4)),
        "repeat_purchase": "true" if loyal or rng.random() < 0.3 else "false",
        "bulk_purchase": "true" if loyal and rng.random() < 0.6 else "false",
        "cooperates": "true" if loyal and rng.random() < 0.7 else "false",
        "tolerates_incidents": "true" if loyal and rng.random() < 0.5 else "false",
        "follows_promotions": "yes" if rng.random() < 0.4 else "no",
        "referrals": str(rng.randint(0, 5) if loyal else 0),
        "strategic_partner": "true" if loyal and size > 0.7 and rng.random() < 0.3 else "false",
        "satisfaction": rng.choice(sat),
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=20240801)
    parser.add_argument("--out", default=os.path.join(here, "portfolio.csv"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with open(args.out, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for n in range(1, args.customers + 1):
            writer.writerow(customer(rng, n))


if __name__ == "__main__":
    main()
