// The query page's logic without the DOM, so node's test runner checks it (tests/browser/js/):
// SPARQL 1.1 Query Results JSON (https://www.w3.org/TR/sparql11-results-json/) → a table model and a bar
// chart, N-Triples (https://www.w3.org/TR/n-triples/) → the same rows, the download request for a format
// of the endpoint, PREFIX declarations, and the position in an endpoint's error message.
// A classic script (no build step, no module loader): in the browser it defines window.AntqResults,
// under node it is module.exports.
"use strict";

(function (root, factory) {
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.AntqResults = api;
})(typeof self !== "undefined" ? self : this, function () {
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  // XML Schema 1.1 Part 2 §3.3: decimal, the IEEE floats and every type derived from decimal.
  const NUMERIC = new Set(
    ["decimal", "integer", "double", "float", "long", "int", "short", "byte", "nonNegativeInteger",
      "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
      "unsignedShort", "unsignedByte"].map((t) => XSD + t),
  );

  /** A term of SPARQL JSON results (or none) as plain text: blank nodes as `_:id`. */
  function termText(term) {
    if (!term) return "";
    if (term.type === "bnode") return "_:" + term.value;
    return term.value;
  }

  /** Whether a term is a literal of an XSD numeric type whose text is a finite number. */
  function isNumeric(term) {
    return Boolean(term) && (term.type === "literal" || term.type === "typed-literal") &&
      NUMERIC.has(term.datatype) && Number.isFinite(Number(term.value));
  }

  /**
   * Where a result IRI links on this server: a data IRI ({base}id/…) to /id/… (which answers 303 to
   * /doc/…), an ontology term to /def/…, anything else to itself. The path is encoded like
   * antq_kg.web.urls.Urls: encodeURI, with "#" and "?" escaped too.
   */
  function hrefFor(iri, links) {
    for (const [prefix, path] of [[links.idPrefix, "/id/"], [links.defPrefix, "/def/"]]) {
      if (prefix && iri.startsWith(prefix) && iri.length > prefix.length) {
        return path + encodeURI(iri.slice(prefix.length)).replace(/#/g, "%23").replace(/\?/g, "%3F");
      }
    }
    return iri;
  }

  /**
   * An IRI as a prefixed name when a namespace of `prefixes` ({name: namespace}) starts it and the rest
   * is a plain local name (letters, digits, '_', '-', '.'; not ending in '.'); else the IRI itself.
   * The longest namespace wins.
   */
  function compactIri(iri, prefixes) {
    let best = null;
    for (const [name, ns] of Object.entries(prefixes || {})) {
      if (iri.startsWith(ns) && (!best || ns.length > best[1].length)) best = [name, ns];
    }
    if (!best) return iri;
    const local = iri.slice(best[1].length);
    return /^[\p{L}\p{N}_]([\p{L}\p{N}_.-]*[\p{L}\p{N}_-])?$/u.test(local) ? best[0] + ":" + local : iri;
  }

  /**
   * One table cell: its text, link, language and kind, ready for the DOM. An IRI shows as a prefixed
   * name of `links.prefixes` when it has one, the full IRI kept in `iri`.
   */
  function cellModel(term, links) {
    if (!term) return { text: "", type: null };
    const cell = { text: termText(term), type: term.type };
    if (term.type === "uri") {
      cell.href = hrefFor(term.value, links);
      cell.text = compactIri(term.value, links.prefixes);
      if (cell.text !== term.value) cell.iri = term.value;
    }
    if (term["xml:lang"]) cell.lang = term["xml:lang"];
    if (term.datatype) cell.datatype = term.datatype;
    if (isNumeric(term)) cell.numeric = true;
    return cell;
  }

  /**
   * SELECT results as a table: column names, the first `limit` rows as cells, and the total count.
   * @param {{head: {vars: string[]}, results: {bindings: object[]}}} data
   */
  function tableModel(data, links, limit) {
    const columns = data.head.vars.slice();
    const bindings = data.results.bindings;
    const shown = bindings.slice(0, limit === undefined ? bindings.length : limit);
    return {
      columns,
      rows: shown.map((b) => columns.map((v) => cellModel(b[v], links))),
      total: bindings.length,
    };
  }

  /**
   * A bar chart when the result has one label column and one numeric column (every row bound in both),
   * over two rows or more: each row a bar named by the label. Other columns whose value is the same in
   * every row (query 02's province) do not count as labels: they go into the caption. Null otherwise.
   */
  function detectChart(data, prefixes) {
    const vars = data.head.vars;
    const rows = data.results.bindings;
    if (rows.length < 2) return null;
    const bound = vars.filter((v) => rows.every((r) => r[v]));
    const numeric = bound.filter((v) => rows.every((r) => isNumeric(r[v])));
    const others = vars.filter((v) => !numeric.includes(v));
    const text = (term) => (term && term.type === "uri" ? compactIri(term.value, prefixes) : termText(term));
    const varying = others.filter((v) => new Set(rows.map((r) => text(r[v]))).size > 1);
    if (numeric.length !== 1 || varying.length !== 1 || !bound.includes(varying[0])) return null;
    const [label] = varying;
    const value = numeric[0];
    return {
      value,
      label,
      fixed: others.filter((v) => v !== label && rows[0][v]).map((v) => ({ name: v, text: text(rows[0][v]) })),
      bars: rows.map((r) => ({ label: text(r[label]), value: Number(r[value].value), text: r[value].value })),
    };
  }

  function escapeXml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&apos;");
  }

  function shorten(text, max) {
    return text.length <= max ? text : text.slice(0, max - 1) + "…";
  }

  /**
   * The chart as SVG markup: horizontal bars (labels are long Vietnamese phrases), each with its
   * label on the left, its value at its end and a <title> with both. At most `maxBars` bars.
   */
  function barChartSvg(chart, options) {
    const opts = Object.assign({ width: 760, barHeight: 22, gap: 6, maxBars: 40, maxLabel: 42 }, options);
    const bars = chart.bars.slice(0, opts.maxBars);
    const labelChars = Math.max(...bars.map((b) => Math.min(b.label.length, opts.maxLabel)), 4);
    const labelWidth = Math.min(Math.round(labelChars * 7.2) + 12, Math.round(opts.width * 0.45));
    const valueWidth = 64;
    const plot = opts.width - labelWidth - valueWidth;
    const lo = Math.min(0, ...bars.map((b) => b.value));
    const hi = Math.max(0, ...bars.map((b) => b.value));
    const span = hi - lo || 1;
    const x = (v) => labelWidth + ((v - lo) / span) * plot;
    const height = bars.length * (opts.barHeight + opts.gap) + opts.gap;
    const title = chart.value + " by " + chart.label;
    const parts = [
      `<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" role="img" aria-label="${escapeXml(title)}"` +
        ` width="${opts.width}" height="${height}" viewBox="0 0 ${opts.width} ${height}">`,
      `<title>${escapeXml(title)}</title>`,
    ];
    bars.forEach((bar, i) => {
      const y = opts.gap + i * (opts.barHeight + opts.gap);
      const x0 = x(Math.min(0, bar.value));
      const w = Math.max(x(Math.max(0, bar.value)) - x0, 1);
      const mid = y + opts.barHeight / 2;
      parts.push(
        `<g class="bar"><title>${escapeXml(bar.label)}: ${escapeXml(bar.text)}</title>` +
          `<text class="label" x="${labelWidth - 8}" y="${mid}" text-anchor="end" dominant-baseline="central">` +
          `${escapeXml(shorten(bar.label, opts.maxLabel))}</text>` +
          `<rect x="${x0.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${opts.barHeight}"` +
          ` data-value="${escapeXml(bar.text)}"></rect>` +
          `<text class="value" x="${(x0 + w + 6).toFixed(1)}" y="${mid}" dominant-baseline="central">` +
          `${escapeXml(bar.text)}</text></g>`,
      );
    });
    parts.push("</svg>");
    return parts.join("");
  }

  // N-Triples terms: <iri>, _:label, "literal" with @lang or ^^<datatype>.
  const NT_ESCAPES = { t: "\t", b: "\b", n: "\n", r: "\r", f: "\f", '"': '"', "'": "'", "\\": "\\" };
  const NT_TERM = /\s*(?:<([^>]*)>|_:(\S+)|"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?)/y;

  function unescapeNt(text) {
    return text.replace(/\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))/g, (_, u4, u8, c) =>
      u4 || u8 ? String.fromCodePoint(parseInt(u4 || u8, 16)) : NT_ESCAPES[c]);
  }

  /**
   * N-Triples text (what the endpoint sends for CONSTRUCT/DESCRIBE) as rows of SPARQL JSON terms, so a
   * graph result is shown by the same table. Throws on a line that is not a triple.
   */
  function parseNTriples(text) {
    const rows = [];
    text.split("\n").forEach((line, i) => {
      if (!line.trim() || line.trim().startsWith("#")) return;
      const terms = [];
      NT_TERM.lastIndex = 0;
      for (let n = 0; n < 3; n++) {
        const m = NT_TERM.exec(line);
        if (!m) throw new Error(`N-Triples line ${i + 1}: cannot read term ${n + 1}`);
        if (m[1] !== undefined) terms.push({ type: "uri", value: unescapeNt(m[1]) });
        else if (m[2] !== undefined) terms.push({ type: "bnode", value: m[2] });
        else {
          const term = { type: "literal", value: unescapeNt(m[3]) };
          if (m[4]) term["xml:lang"] = m[4];
          else if (m[5]) term.datatype = m[5];
          terms.push(term);
        }
      }
      if (!/^\s*\.\s*$/.test(line.slice(NT_TERM.lastIndex))) {
        throw new Error(`N-Triples line ${i + 1}: no final '.'`);
      }
      rows.push({ subject: terms[0], predicate: terms[1], object: terms[2] });
    });
    return { head: { vars: ["subject", "predicate", "object"] }, results: { bindings: rows } };
  }

  /**
   * The request that downloads the current query's result in one format of the endpoint: the query
   * POSTed to /sparql (SPARQL 1.1 Protocol §2.1.3) with that format's media type as Accept, and the
   * file name to save it under.
   * @param {{name: string, media_type: string, extension: string}} format
   */
  function downloadRequest(query, format, basename) {
    return {
      url: "/sparql",
      init: {
        method: "POST",
        headers: { "Content-Type": "application/sparql-query", "Accept": format.media_type },
        body: query,
      },
      filename: (basename || "result") + "." + format.extension,
    };
  }

  /** A link to this page that loads and runs the query (for sharing). */
  function pageUrl(query) {
    return "/?query=" + encodeURIComponent(query);
  }

  /** `N rows in T ms` (or `triples`), the line under a result. */
  function summary(count, ms, noun) {
    const word = noun || "row";
    return count + " " + (count === 1 ? word : word + "s") + " in " + Math.round(ms) + " ms";
  }

  /**
   * The line and column (both from 1) an endpoint's error message names: `line 3, column 14`,
   * `line 3 col 14`, or `… error at 3:14` (Oxigraph's form; "error" first, so a time is no position).
   * Null when it names none.
   */
  function errorPosition(message) {
    const m = /\bline\s+(\d+)\s*,?\s*col(?:umn)?\s+(\d+)/i.exec(message) ||
      /\berror\b.*?\bat\s+(\d+):(\d+)\b/i.exec(message);
    return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
  }

  /** The code-unit offset of a line and column (from 1; columns count code points) in `text`. */
  function offsetAt(text, line, column) {
    const lines = text.split("\n");
    const l = Math.min(Math.max(line, 1), lines.length);
    let offset = 0;
    for (let i = 0; i < l - 1; i++) offset += lines[i].length + 1;
    const chars = Array.from(lines[l - 1]);
    return offset + chars.slice(0, Math.min(Math.max(column - 1, 0), chars.length)).join("").length;
  }

  const DECLARED = /^\s*PREFIX\s+([A-Za-z][\w.-]*)?:/gim;

  /** The prefix names a query declares. */
  function declaredPrefixes(query) {
    return new Set(Array.from(query.matchAll(DECLARED), (m) => m[1] || ""));
  }

  /**
   * The query with `PREFIX name: <iri>` added after its leading comments and declarations (where a
   * reader looks for it), or unchanged when it already declares `name:`.
   */
  function addPrefix(query, name, iri) {
    if (declaredPrefixes(query).has(name)) return query;
    const lines = query.split("\n");
    let lastDeclaration = -1;
    let lastComment = -1;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (/^(PREFIX|BASE)\b/i.test(line)) lastDeclaration = i;
      else if (line.startsWith("#")) {
        if (lastDeclaration < 0) lastComment = i;
      } else if (line !== "") break;
    }
    const at = lastDeclaration >= 0 ? lastDeclaration + 1 : lastComment + 1;
    lines.splice(at, 0, `PREFIX ${name}: <${iri}>`);
    return lines.join("\n");
  }

  return {
    addPrefix, barChartSvg, cellModel, compactIri, declaredPrefixes, detectChart, downloadRequest, errorPosition,
    hrefFor, isNumeric, offsetAt, pageUrl, parseNTriples, summary, tableModel, termText,
  };
});
