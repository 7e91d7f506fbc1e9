// Grades the customers with ZEN (@gorules/zen-engine) and times it:
//   node zen_run.mjs GRAPH.json CUSTOMERS.json GRADES_OUT.txt
// Writes one value_grade per line (in the customers' order) and prints a JSON summary:
// records per second evaluated one after another (each evaluate awaited) and with many
// evaluations in flight at once (ZEN's Node binding runs them on its own threads), per
// second of wall time and per second of the process's CPU time (all threads). The
// customers are parsed before the clock starts, as on the crmrules side.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.ZEN_NODE_MODULES ? `${process.env.ZEN_NODE_MODULES}/` : import.meta.url);
const { ZenEngine } = require("@gorules/zen-engine");
const zenVersion = require("@gorules/zen-engine/package.json").version;

const [graphPath, customersPath, gradesPath] = process.argv.slice(2);
const engine = new ZenEngine();
const decision = engine.createDecision(JSON.parse(readFileSync(graphPath, "utf8")));
const customers = JSON.parse(readFileSync(customersPath, "utf8"));

const gradeOf = (response) => response.result.value_grade ?? "(none)";
const grades = new Array(customers.length);

// Warm up, then one after another.
for (let i = 0; i < Math.min(1000, customers.length); ++i) await decision.evaluate(customers[i]);
const clock = () => ({ wall: process.hrtime.bigint(), cpu: process.cpuUsage() });
const rate = (start) => {
  const wall = Number(process.hrtime.bigint() - start.wall) / 1e9;
  const used = process.cpuUsage(start.cpu);
  return { wall: Math.round(customers.length / wall), cpu: Math.round(customers.length / ((used.user + used.system) / 1e6)) };
};
let start = clock();
for (let i = 0; i < customers.length; ++i) grades[i] = gradeOf(await decision.evaluate(customers[i]));
const sequential = rate(start);

// Many in flight at once: batches of 256.
start = clock();
for (let i = 0; i < customers.length; i += 256) {
  const batch = customers.slice(i, i + 256).map((c) => decision.evaluate(c));
  const results = await Promise.all(batch);
  results.forEach((r, k) => {
    if (gradeOf(r) !== grades[i + k]) throw new Error(`customer ${i + k}: ${gradeOf(r)} concurrently, ${grades[i + k]} alone`);
  });
}
const concurrent = rate(start);

writeFileSync(gradesPath, grades.join("\n") + "\n");
console.log(JSON.stringify({
  engine: `zen-engine ${zenVersion}`,
  records: customers.length,
  one_at_a_time: sequential,
  in_flight: concurrent,
}));
