// Builds the ZEN decision graph (GoRules JSON Decision Model) of the default rule set's
// value scorecard and grade table, read from rules/default.json so that both engines run
// the same bands, points and weights: node make_graph.mjs rules/default.json OUT.json
//
//   Request -> rates (expression) -> one decision table per factor (first hit, in
//   parallel) -> value_score (expression: the weighted sum) -> value_grade (table) -> Response
import { readFileSync, writeFileSync } from "node:fs";

const [rulesPath, out = "value_graph.json"] = process.argv.slice(2);
const rules = JSON.parse(readFileSync(rulesPath, "utf8"));
const decision = (name) => rules.decisions.find((d) => d.name === name);
const card = decision("value").scorecard;
const gradeTable = decision("value_grade").table;
const cell = (text) => (text.trim() === "-" ? "" : text);  // ZEN writes "any" as an empty cell

const nodes = [{ id: "request", type: "inputNode", name: "Request", position: { x: 0, y: 0 } }];
const edges = [];
const edge = (from, to) => edges.push({ id: `${from}-${to}`, sourceId: from, targetId: to, type: "edge" });
const settings = (passThrough) => ({ passThrough, inputField: null, outputPath: null, executionMode: "single" });

nodes.push({
  id: "rates", type: "expressionNode", name: "rates", position: { x: 200, y: 0 },
  content: {
    expressions: ["discount_rate", "contact_cost_rate"].map((name, i) => ({ id: `r${i}`, key: name, value: decision(name).expression })),
    ...settings(true),
  },
});
edge("request", "rates");

const terms = [];
card.factors.forEach((factor, f) => {
  const points = `points_${factor.name}`;
  if (factor.transform.bins) {
    nodes.push({
      id: `factor_${factor.name}`, type: "decisionTableNode", name: factor.name, position: { x: 400, y: f * 100 },
      content: {
        hitPolicy: "first",
        inputs: [{ id: "in", name: factor.expression, field: factor.expression }],
        outputs: [{ id: "out", name: points, field: points }],
        rules: factor.transform.bins.map((bin, b) => ({ _id: `b${b}`, in: cell(bin.when), out: String(bin.points) })),
        ...settings(false),
      },
    });
    terms.push(`${points} * ${factor.weight}`);
  } else {
    const { from: [lo, hi], to: [a, b] } = factor.transform.linear;
    terms.push(`(${a} + (min([max([${factor.expression}, ${lo}]), ${hi}]) - ${lo}) * ${(b - a) / (hi - lo)}) * ${factor.weight}`);
    return;
  }
  edge("rates", `factor_${factor.name}`);
  edge(`factor_${factor.name}`, "score");
});
edge("rates", "score");  // the linear factor reads its input directly
nodes.push({
  id: "score", type: "expressionNode", name: "value_score", position: { x: 600, y: 0 },
  content: { expressions: [{ id: "s", key: "value_score", value: terms.join(" + ") }], ...settings(false) },
});
nodes.push({
  id: "grade", type: "decisionTableNode", name: "value_grade", position: { x: 800, y: 0 },
  content: {
    hitPolicy: "first",
    inputs: [{ id: "in", name: "value_score", field: "value_score" }],
    outputs: [{ id: "out", name: "value_grade", field: "value_grade" }],
    rules: gradeTable.rows.map((row, r) => ({ _id: `g${r}`, in: cell(row.when[0]), out: row.then[0] })),
    ...settings(true),
  },
});
edge("score", "grade");
nodes.push({ id: "response", type: "outputNode", name: "Response", position: { x: 1000, y: 0 } });
edge("grade", "response");
writeFileSync(out, JSON.stringify({ contentType: "application/vnd.gorules.decision", nodes, edges }, null, 2) + "\n");
console.log(`${nodes.length} nodes -> ${out}`);
