// The query page: send the query to /sparql (SPARQL 1.1 Protocol, POST application/sparql-query) and show
// the answer — a table with a row count and the time taken, a bar chart when the result has one numeric
// column, buttons that download it in every format of the endpoint — or the endpoint's error with its
// line and column. The logic without the DOM is results.js (tested under node); the editor is a view over
// the textarea added by editor.mjs (CodeMirror), so without it the plain textarea works the same.
"use strict";

(function () {
  const R = window.AntqResults;
  const form = document.getElementById("query-form");
  const textarea = document.getElementById("query");
  const status = document.getElementById("status");
  const downloads = document.getElementById("downloads");
  const chartBox = document.getElementById("chart");
  const output = document.getElementById("output");
  const links = {
    idPrefix: window.ANTQ_ID_PREFIX || "",
    defPrefix: window.ANTQ_DEF_PREFIX || "",
    prefixes: window.ANTQ_PREFIXES || {},
  };
  const formats = window.ANTQ_FORMATS || { results: [], rdf: [] };
  /** Rows drawn at most; the downloads carry all of them. */
  const MAX_ROWS = 2000;
  let loadedName = null; // the competency query in the editor, for the download's file name
  let loadedText = null;

  /** Put a query into the textarea and tell the editor (editor.mjs) to show it. */
  function setQuery(text) {
    textarea.value = text;
    textarea.dispatchEvent(new CustomEvent("antq:set"));
  }

  function cell(model) {
    const td = document.createElement("td");
    if (model.href) {
      const a = document.createElement("a");
      a.href = model.href;
      a.textContent = model.text;
      if (model.iri) a.title = model.iri;
      td.appendChild(a);
    } else {
      td.textContent = model.text;
      if (model.lang) td.lang = model.lang;
    }
    if (model.type) td.dataset.type = model.type;
    if (model.numeric) td.className = "num";
    if (model.datatype) td.title = R.compactIri(model.datatype, links.prefixes);
    return td;
  }

  function drawTable(model) {
    const table = document.createElement("table");
    table.id = "results-table";
    const head = table.createTHead().insertRow();
    for (const name of model.columns) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const row of model.rows) {
      const tr = body.insertRow();
      for (const c of row) tr.appendChild(cell(c));
    }
    return table;
  }

  function drawChart(data) {
    const chart = R.detectChart(data, links.prefixes);
    chartBox.replaceChildren();
    chartBox.hidden = !chart;
    if (!chart) return;
    const caption = document.createElement("figcaption");
    caption.textContent = chart.value + " by " + chart.label +
      chart.fixed.map((f) => "; " + f.name + ": " + f.text).join("");
    const svg = new DOMParser().parseFromString(R.barChartSvg(chart), "image/svg+xml").documentElement;
    chartBox.append(caption, document.importNode(svg, true));
  }

  function basename() {
    return loadedName && textarea.value === loadedText ? loadedName : "result";
  }

  async function download(format, button) {
    const query = textarea.value;
    const request = R.downloadRequest(query, format, basename());
    button.disabled = true;
    try {
      const response = await fetch(request.url, request.init);
      if (!response.ok) throw new Error("Error " + response.status + ": " + (await response.text()).trim());
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = request.filename;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      status.textContent = "Downloaded " + request.filename;
    } catch (err) {
      status.textContent = String(err.message || err);
      status.className = "error";
    } finally {
      button.disabled = false;
    }
  }

  function drawDownloads(kind) {
    downloads.replaceChildren();
    const label = document.createElement("span");
    label.textContent = "Download:";
    downloads.appendChild(label);
    for (const format of formats[kind] || []) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "download";
      button.dataset.format = format.name;
      button.textContent = format.label;
      button.title = format.media_type;
      button.addEventListener("click", () => download(format, button));
      downloads.appendChild(button);
    }
    const link = document.createElement("a");
    link.href = R.pageUrl(textarea.value);
    link.id = "query-link";
    link.textContent = "Link to this query";
    downloads.appendChild(link);
    downloads.hidden = false;
  }

  function clear() {
    downloads.replaceChildren();
    downloads.hidden = true;
    chartBox.replaceChildren();
    chartBox.hidden = true;
    output.replaceChildren();
  }

  function finish(message, isError) {
    status.textContent = message;
    status.className = isError ? "error" : "";
    document.body.dataset.state = isError ? "error" : "done";
  }

  function showTable(data, ms, noun) {
    const model = R.tableModel(data, links, MAX_ROWS);
    const line = R.summary(model.total, ms, noun);
    output.appendChild(drawTable(model));
    if (model.total > model.rows.length) {
      const note = document.createElement("p");
      note.className = "note";
      note.textContent = "Showing the first " + model.rows.length + " of " + model.total +
        " rows; the downloads hold them all.";
      output.appendChild(note);
    }
    finish(line, false);
  }

  function showError(httpStatus, message) {
    const p = document.createElement("p");
    p.className = "error";
    p.id = "error";
    p.textContent = message;
    output.appendChild(p);
    const at = R.errorPosition(message);
    if (at) {
      const where = document.createElement("p");
      where.id = "error-position";
      where.textContent = "At line " + at.line + ", column " + at.column + " of the query.";
      output.appendChild(where);
      const offset = R.offsetAt(textarea.value, at.line, at.column);
      textarea.setSelectionRange(offset, offset);
      textarea.dispatchEvent(new CustomEvent("antq:error-at", { detail: at }));
    }
    finish("Error " + httpStatus, true);
  }

  async function run() {
    clear();
    status.textContent = "Running…";
    status.className = "";
    document.body.dataset.state = "running";
    const query = textarea.value;
    const started = performance.now();
    let response;
    let body;
    try {
      response = await fetch("/sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/sparql-query",
          // SELECT/ASK as SPARQL JSON; CONSTRUCT/DESCRIBE as N-Triples, one triple a line for the table.
          "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
        },
        body: query,
      });
      body = await response.text();
    } catch (err) {
      finish("Network error: " + err, true);
      return;
    }
    const ms = performance.now() - started;
    const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
    if (!response.ok) {
      showError(response.status, body.trim());
      return;
    }
    try {
      if (type === "application/sparql-results+json") {
        const data = JSON.parse(body);
        drawDownloads("results");
        if (typeof data.boolean === "boolean") {
          const p = document.createElement("p");
          p.id = "boolean";
          p.textContent = data.boolean ? "true" : "false";
          output.appendChild(p);
          finish("ASK answered in " + Math.round(ms) + " ms", false);
        } else {
          drawChart(data);
          showTable(data, ms, "row");
        }
      } else if (type === "application/n-triples") {
        drawDownloads("rdf");
        showTable(R.parseNTriples(body), ms, "triple");
      } else {
        const pre = document.createElement("pre");
        pre.id = "graph";
        pre.textContent = body;
        output.appendChild(pre);
        finish("Result (" + type + ") in " + Math.round(ms) + " ms", false);
      }
    } catch (err) {
      showError(response.status, "Cannot read the result: " + err.message);
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  // Ctrl+Enter (⌘+Enter) runs from the plain textarea; editor.mjs binds the same keys in the editor.
  textarea.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  for (const button of document.querySelectorAll(".load-query")) {
    button.addEventListener("click", function () {
      loadedName = button.dataset.name;
      loadedText = button.dataset.query;
      for (const other of document.querySelectorAll(".load-query[aria-current]")) other.removeAttribute("aria-current");
      button.setAttribute("aria-current", "true");
      setQuery(button.dataset.query);
      run();
    });
  }
  for (const button of document.querySelectorAll(".insert-prefix")) {
    button.addEventListener("click", function () {
      setQuery(R.addPrefix(textarea.value, button.dataset.prefix, button.dataset.iri));
    });
  }
  // "#q=<name>" loads and runs the competency query of that name (a shareable link).
  const wanted = decodeURIComponent(location.hash.replace(/^#q=/, ""));
  const named = location.hash.startsWith("#q=") &&
    Array.from(document.querySelectorAll(".load-query")).find((b) => b.dataset.name === wanted);
  if (named) named.click();
  else if (window.ANTQ_AUTORUN) run();
})();
