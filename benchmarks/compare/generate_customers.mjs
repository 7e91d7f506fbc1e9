// Writes N deterministic, realistic customers (the default rule set's value inputs) as a
// JSON array: node generate_customers.mjs N OUT.json [SEED]
// Amounts are whole yuan, so that both engines read exactly the same numbers. About one
// customer in eight sits exactly on a band edge of some factor, to check that both
// engines treat the edges alike.
import { writeFileSync } from "node:fs";

const [count = "100000", out = "customers.json", seedText = "20240601"] = process.argv.slice(2);
let state = BigInt(seedText) & 0xffffffffffffffffn;
function next() {  // splitmix64: the same sequence everywhere
  state = (state + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
  let z = state;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
  return Number((z ^ (z >> 31n)) >> 11n) / 2 ** 53;  // [0, 1)
}
const pick = (items, weights) => {
  let r = next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; ++i) if ((r -= weights[i]) < 0) return items[i];
  return items[items.length - 1];
};
const grades = ["A1", "A2", "A3", "B1", "B2", "C1", "C2"];
const purchaseEdges = [100000, 1000000, 5000000, 10000000, 50000000, 100000000];
const discountEdges = ["0.03", "0.06", "0.10", "0.15", "0.25"];

const customers = [];
for (let i = 0; i < Number(count); ++i) {
  // Purchases: log-uniform from 10 thousand to 300 million yuan (many small, few big).
  let purchases = Math.round(10 ** (4 + next() * 4.5));
  const edge = next() < 0.125;
  if (edge) purchases = pick(purchaseEdges, [1, 1, 1, 1, 1, 1]);
  const discount = edge && purchases % 100 === 0
    ? Math.round(purchases * Number(pick(discountEdges, [1, 1, 1, 1, 1])))
    : Math.round(purchases * next() * 0.3);
  const contact = Math.round(purchases * next() * next() * 0.12);
  const margin = -0.05 + next() * 0.25;
  const profit = Math.round(purchases * margin);
  customers.push({
    id: `C${String(i + 1).padStart(7, "0")}`,
    annual_purchases: purchases,
    annual_discount: discount,
    contact_cost: contact,
    annual_net_profit: profit,
    historical_contribution: Math.round(Math.max(profit, 0) * next() * 8),
    cooperation: Math.floor(next() * 11),
    budgeted_total_profit: Math.round(Math.max(profit, 0) * (1 + next() * 14)),
    background: pick(["none", "technology", "government", "capital", "brand"], [60, 8, 8, 10, 14]),
    potential: pick(grades, [3, 5, 8, 15, 25, 24, 20]),
    influence: pick(grades, [2, 4, 8, 14, 24, 26, 22]),
  });
}
writeFileSync(out, JSON.stringify(customers));
console.log(`${customers.length} customers -> ${out}`);
