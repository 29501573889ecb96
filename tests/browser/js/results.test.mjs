// Unit tests of the query page's logic (src/antq_kg/web/static/results.js) under node's own test runner:
// node --test tests/browser/js/ (run by `make test`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const R = require("../../../src/antq_kg/web/static/results.js");

const XSD = "http://www.w3.org/2001/XMLSchema#";
const ID = "https://w3id.org/antq/id/";
const LINKS = { idPrefix: ID, defPrefix: "https://w3id.org/antq/ontology#" };
const lit = (value, extra = {}) => ({ type: "literal", value, ...extra });
const int = (value) => lit(String(value), { datatype: XSD + "integer" });
const uri = (value) => ({ type: "uri", value });
const results = (vars, rows) => ({
  head: { vars },
  results: { bindings: rows.map((r) => Object.fromEntries(vars.map((v, i) => [v, r[i]]).filter(([, t]) => t))) },
});

// -- the table ------------------------------------------------------------------------------------

test("a data IRI links to its /id/ page, a term to /def/, '#' and '?' escaped like Urls", () => {
  assert.equal(R.hrefFor(ID + "article/a/text#char=4,14", LINKS), "/id/article/a/text%23char=4,14");
  assert.equal(R.hrefFor(ID + "place/xã nhân hòa?x", LINKS), "/id/place/x%C3%A3%20nh%C3%A2n%20h%C3%B2a%3Fx");
  assert.equal(R.hrefFor("https://w3id.org/antq/ontology#rank", LINKS), "/def/rank");
  assert.equal(R.hrefFor("http://www.w3.org/ns/org#Post", LINKS), "http://www.w3.org/ns/org#Post");
  assert.equal(R.hrefFor(ID, LINKS), ID); // the prefix alone names no resource
});

test("an IRI is shown as a prefixed name only when the rest is a plain local name", () => {
  const prefixes = { rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#", schema: "https://schema.org/",
    antq: "https://w3id.org/antq/ontology#", a: "https://w3id.org/" };
  assert.equal(R.compactIri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", prefixes), "rdf:type");
  assert.equal(R.compactIri("https://w3id.org/antq/ontology#statedValue", prefixes), "antq:statedValue"); // longest
  assert.equal(R.compactIri("https://schema.org/Person", prefixes), "schema:Person");
  assert.equal(R.compactIri("https://w3id.org/antq/id/place/p33", prefixes), "https://w3id.org/antq/id/place/p33");
  assert.equal(R.compactIri("https://schema.org/", prefixes), "https://schema.org/");
  assert.equal(R.compactIri("https://schema.org/x.", prefixes), "https://schema.org/x.");
  assert.equal(R.compactIri("https://schema.org/Person", undefined), "https://schema.org/Person");
});

test("the table model keeps the columns' order, marks languages, numbers and unbound cells", () => {
  const data = results(["place", "name", "n"], [
    [uri(ID + "place/p33"), lit("tỉnh Hưng Yên", { "xml:lang": "vi" }), int(161)],
    [{ type: "bnode", value: "b0" }, undefined, lit("x")],
  ]);
  const model = R.tableModel(data, LINKS);
  assert.deepEqual(model.columns, ["place", "name", "n"]);
  const typed = R.tableModel(results(["t"], [[uri("https://w3id.org/antq/ontology#rank")]]),
    { ...LINKS, prefixes: { antq: "https://w3id.org/antq/ontology#" } });
  assert.deepEqual(typed.rows[0][0],
    { text: "antq:rank", type: "uri", href: "/def/rank", iri: "https://w3id.org/antq/ontology#rank" });
  assert.equal(model.total, 2);
  assert.deepEqual(model.rows[0], [
    { text: ID + "place/p33", type: "uri", href: "/id/place/p33" },
    { text: "tỉnh Hưng Yên", type: "literal", lang: "vi" },
    { text: "161", type: "literal", datatype: XSD + "integer", numeric: true },
  ]);
  assert.deepEqual(model.rows[1], [{ text: "_:b0", type: "bnode" }, { text: "", type: null }, { text: "x", type: "literal" }]);
});

test("the table model draws at most the limit and still counts every row", () => {
  const data = results(["n"], Array.from({ length: 5 }, (_, i) => [int(i)]));
  const model = R.tableModel(data, LINKS, 2);
  assert.equal(model.rows.length, 2);
  assert.equal(model.total, 5);
});

test("the summary says rows or triples, one or many, in whole milliseconds", () => {
  assert.equal(R.summary(1, 3.4), "1 row in 3 ms");
  assert.equal(R.summary(10, 29.6), "10 rows in 30 ms");
  assert.equal(R.summary(0, 1, "triple"), "0 triples in 1 ms");
});

// -- the chart ------------------------------------------------------------------------------------

test("only literals of XSD numeric types with a number for text are numeric", () => {
  assert.ok(R.isNumeric(int(7)));
  assert.ok(R.isNumeric(lit("2.5", { datatype: XSD + "decimal" })));
  assert.ok(R.isNumeric(lit("1E3", { datatype: XSD + "double" })));
  assert.ok(!R.isNumeric(lit("7")));
  assert.ok(!R.isNumeric(lit("2019-04-30", { datatype: XSD + "date" })));
  assert.ok(!R.isNumeric(lit("NaN", { datatype: XSD + "double" })));
  assert.ok(!R.isNumeric(uri("http://example.org/7")));
  assert.ok(!R.isNumeric(undefined));
});

test("query 02's shape: the varying label column names the bars, the constant one goes to the caption", () => {
  const data = results(["province", "value", "unit"], [
    [lit("Hưng Yên"), int(860), lit("tổ hòa giải")],
    [lit("Hưng Yên"), int(161), lit("ban hoà giải")],
  ]);
  assert.deepEqual(R.detectChart(data), {
    value: "value",
    label: "unit",
    fixed: [{ name: "province", text: "Hưng Yên" }],
    bars: [{ label: "tổ hòa giải", value: 860, text: "860" }, { label: "ban hoà giải", value: 161, text: "161" }],
  });
});

test("one label column and one numeric column make a chart, whatever their order; IRIs named by prefix", () => {
  const prefixes = { antq: "https://w3id.org/antq/ontology#" };
  const data = results(["n", "kind"], [[int(3), uri("https://w3id.org/antq/ontology#Count")], [int(1), lit("b")]]);
  assert.deepEqual(R.detectChart(data, prefixes).bars.map((b) => [b.label, b.value]), [["antq:Count", 3], ["b", 1]]);
  assert.equal(R.detectChart(data).bars[0].label, "https://w3id.org/antq/ontology#Count");
});

test("no chart without exactly one numeric and one varying label column, or with fewer than two rows", () => {
  assert.equal(R.detectChart(results(["a", "n", "m"], [[lit("x"), int(1), int(2)], [lit("y"), int(1), int(2)]])), null);
  assert.equal(R.detectChart(results(["a", "b"], [[lit("x"), lit("y")], [lit("z"), lit("w")]])), null);
  assert.equal(R.detectChart(results(["n"], [[int(1)], [int(2)]])), null);
  assert.equal(R.detectChart(results(["a", "n"], [])), null);
  assert.equal(R.detectChart(results(["a", "n"], [[lit("x"), int(1)]])), null); // one bar is no chart
  // Two label columns that both vary (name and rank of query 10 over many articles): no single label.
  assert.equal(R.detectChart(results(["name", "rank", "n"], [[lit("A"), lit("r1"), int(1)], [lit("B"), lit("r2"), int(2)]])), null);
  // A column numeric in one row only is not numeric; an unbound cell drops its column.
  assert.equal(R.detectChart(results(["a", "n"], [[lit("x"), int(1)], [lit("y"), lit("many")]])), null);
  assert.equal(R.detectChart(results(["a", "n"], [[lit("x"), int(1)], [lit("y"), undefined]])), null);
  assert.equal(R.detectChart(results(["a", "n"], [[lit("x"), int(1)], [undefined, int(2)]])), null);
});

test("the SVG has one bar per row, lengths proportional to the values, text escaped", () => {
  const chart = R.detectChart(results(["label", "n"], [[lit("<b>&\"tổ\""), int(100)], [lit("ban"), int(25)]]));
  const svg = R.barChartSvg(chart, { width: 600 });
  const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
  assert.equal(widths.length, 2);
  assert.ok(Math.abs(widths[0] / widths[1] - 4) < 0.01, String(widths));
  assert.ok(svg.includes("&lt;b&gt;&amp;&quot;tổ&quot;"));
  assert.ok(!svg.includes("<b>"));
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*role="img"/);
  assert.match(svg, /<title>&lt;b&gt;&amp;&quot;tổ&quot;: 100<\/title>/);
});

test("negative values draw to the left of zero; long labels are shortened, the title keeps them whole", () => {
  const long = "cụm liên kết an toàn về an ninh trật tự của các xã, phường, thị trấn";
  const chart = R.detectChart(results(["label", "n"], [[lit(long), int(10)], [lit("b"), int(-10)]]));
  const svg = R.barChartSvg(chart, { maxLabel: 20 });
  const rects = [...svg.matchAll(/<rect x="([\d.]+)" y="\d+" width="([\d.]+)"/g)].map((m) => m.slice(1).map(Number));
  assert.ok(Math.abs(rects[0][1] - rects[1][1]) < 0.01); // same length either side
  assert.ok(Math.abs(rects[1][0] + rects[1][1] - rects[0][0]) < 0.01); // the negative bar ends where zero is
  assert.ok(svg.includes(">cụm liên kết an toà…<"));
  assert.ok(svg.includes(`<title>${long}: 10</title>`));
});

test("at most maxBars bars are drawn", () => {
  const rows = Array.from({ length: 12 }, (_, i) => [lit("u" + i), int(i + 1)]);
  const svg = R.barChartSvg(R.detectChart(results(["u", "n"], rows)), { maxBars: 5 });
  assert.equal((svg.match(/<rect /g) || []).length, 5);
});

// -- graph results ----------------------------------------------------------------------------------

test("N-Triples lines become subject/predicate/object rows with languages, datatypes and escapes", () => {
  const nt = [
    `<${ID}p/1> <http://xmlns.com/foaf/0.1/name> "Trần Huy Ngạn"@vi .`,
    `<${ID}p/1> <https://w3id.org/antq/ontology#statedValue> "161"^^<${XSD}integer> .`,
    `_:b1 <http://www.w3.org/2000/01/rdf-schema#comment> "a \\"quoted\\"\\tline\\n\\u00E0\\U0001F600" .`,
    "",
  ].join("\n");
  const data = R.parseNTriples(nt);
  assert.deepEqual(data.head.vars, ["subject", "predicate", "object"]);
  const [a, b, c] = data.results.bindings;
  assert.deepEqual(a.object, { type: "literal", value: "Trần Huy Ngạn", "xml:lang": "vi" });
  assert.deepEqual(b.object, { type: "literal", value: "161", datatype: XSD + "integer" });
  assert.deepEqual(c.subject, { type: "bnode", value: "b1" });
  assert.equal(c.object.value, 'a "quoted"\tline\nà😀');
});

test("a line that is not a triple is an error naming the line", () => {
  assert.throws(() => R.parseNTriples("<a> <b> <c> .\n<a> <b> .\n"), /line 2/);
  assert.throws(() => R.parseNTriples("<a> <b> <c>\n"), /line 1: no final/);
});

// -- downloads --------------------------------------------------------------------------------------

test("a download POSTs the query to /sparql with the format's media type as Accept", () => {
  const csv = { name: "csv", media_type: "text/csv", extension: "csv" };
  const request = R.downloadRequest("SELECT * {}", csv, "02-grassroots-unit-counts");
  assert.deepEqual(request, {
    url: "/sparql",
    init: {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", "Accept": "text/csv" },
      body: "SELECT * {}",
    },
    filename: "02-grassroots-unit-counts.csv",
  });
  const ttl = { name: "turtle", media_type: "text/turtle", extension: "ttl" };
  assert.equal(R.downloadRequest("DESCRIBE <x>", ttl).filename, "result.ttl");
});

test("the page link carries the whole query, percent-encoded once", () => {
  assert.equal(R.pageUrl('SELECT * { ?s ?p "100%" } # é&x'), "/?query=SELECT%20*%20%7B%20%3Fs%20%3Fp%20%22100%25%22%20%7D%20%23%20%C3%A9%26x");
});

// -- errors -----------------------------------------------------------------------------------------

test("the line and column of an endpoint's error message, in the forms endpoints write them", () => {
  assert.deepEqual(R.errorPosition("SPARQL syntax error at 2:14: expected one of ..."), { line: 2, column: 14 });
  assert.deepEqual(R.errorPosition("Parse error on line 3, column 7"), { line: 3, column: 7 });
  assert.deepEqual(R.errorPosition("Lexical error at line 4 col 1"), { line: 4, column: 1 });
  assert.equal(R.errorPosition("missing 'query' parameter"), null);
  assert.equal(R.errorPosition("timeout after 30 s at 12:00"), null);
  assert.equal(R.errorPosition("query stopped at 12:00: error 503"), null);
});

test("a line and column become an offset in the query; columns count code points", () => {
  const text = "SELECT *\nWHERE { ?s 😀 ?p }";
  assert.equal(R.offsetAt(text, 1, 1), 0);
  assert.equal(R.offsetAt(text, 2, 1), 9);
  assert.equal(text.slice(R.offsetAt(text, 2, 14)), "?p }"); // 😀 is one column, two UTF-16 units
  assert.equal(R.offsetAt(text, 9, 99), text.length); // clamped to the text
});

// -- prefixes ---------------------------------------------------------------------------------------

test("a prefix goes after the existing declarations and is never declared twice", () => {
  const query = "# Question\nPREFIX org: <http://www.w3.org/ns/org#>\n\nSELECT * {}";
  const added = R.addPrefix(query, "foaf", "http://xmlns.com/foaf/0.1/");
  assert.equal(added, "# Question\nPREFIX org: <http://www.w3.org/ns/org#>\nPREFIX foaf: <http://xmlns.com/foaf/0.1/>\n\nSELECT * {}");
  assert.equal(R.addPrefix(added, "foaf", "http://xmlns.com/foaf/0.1/"), added);
  assert.equal(R.addPrefix("prefix org: <x>\nSELECT * {}", "org", "y"), "prefix org: <x>\nSELECT * {}");
});

test("without declarations a prefix goes after the header comment, or first", () => {
  assert.equal(R.addPrefix("# Q\n# more\nSELECT * {}", "rdfs", "R#"), "# Q\n# more\nPREFIX rdfs: <R#>\nSELECT * {}");
  assert.equal(R.addPrefix("SELECT * {}", "rdfs", "R#"), "PREFIX rdfs: <R#>\nSELECT * {}");
  assert.equal(R.addPrefix("", "rdfs", "R#"), "PREFIX rdfs: <R#>\n");
});

test("the declared prefixes of a query, the empty prefix included", () => {
  assert.deepEqual([...R.declaredPrefixes("PREFIX : <x>\n  PREFIX sdmx-dimension: <y>\nSELECT * {}")], ["", "sdmx-dimension"]);
});
