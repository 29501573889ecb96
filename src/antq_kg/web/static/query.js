// The query page: send the form's query to /sparql (SPARQL 1.1 Protocol, POST application/sparql-query)
// asking for SPARQL JSON results, and draw them as a table. No framework, no build step.
"use strict";

(function () {
  const form = document.getElementById("query-form");
  const textarea = document.getElementById("query");
  const results = document.getElementById("results");
  const status = document.getElementById("status");

  function termText(term) {
    if (!term) return "";
    if (term.type === "bnode") return "_:" + term.value;
    return term.value;
  }

  // A data IRI ({base}id/…) links to its page on this server, /id/… (which answers 303 to /doc/…),
  // an ontology term (antq:…) to /def/…; the same encoding as antq_kg.web.urls.Urls:
  // encodeURI, with "#" and "?" escaped too.
  const idPrefix = window.ANTQ_ID_PREFIX || "";
  const defPrefix = window.ANTQ_DEF_PREFIX || "";

  function local(iri, prefix, path) {
    if (!prefix || !iri.startsWith(prefix) || iri.length === prefix.length) return null;
    return path + encodeURI(iri.slice(prefix.length)).replace(/#/g, "%23").replace(/\?/g, "%3F");
  }

  function href(iri) {
    return local(iri, idPrefix, "/id/") || local(iri, defPrefix, "/def/") || iri;
  }

  function cell(term) {
    const td = document.createElement("td");
    if (term && term.type === "uri") {
      const a = document.createElement("a");
      a.href = href(term.value);
      a.textContent = term.value;
      td.appendChild(a);
    } else {
      td.textContent = termText(term);
      if (term && term["xml:lang"]) td.lang = term["xml:lang"];
    }
    if (term) td.dataset.type = term.type;
    return td;
  }

  function drawTable(data) {
    const table = document.createElement("table");
    table.id = "results-table";
    const head = table.createTHead().insertRow();
    for (const v of data.head.vars) {
      const th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const binding of data.results.bindings) {
      const tr = body.insertRow();
      for (const v of data.head.vars) tr.appendChild(cell(binding[v]));
    }
    return table;
  }

  function show(node, message, isError) {
    results.replaceChildren(node);
    status.textContent = message;
    status.className = isError ? "error" : "";
    document.body.dataset.state = isError ? "error" : "done";
  }

  async function run() {
    status.textContent = "Running…";
    document.body.dataset.state = "running";
    const started = performance.now();
    let response;
    try {
      response = await fetch("/sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/sparql-query",
          "Accept": "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: textarea.value,
      });
    } catch (err) {
      show(document.createTextNode(""), "Network error: " + err, true);
      return;
    }
    const ms = Math.round(performance.now() - started);
    const type = response.headers.get("Content-Type") || "";
    if (!response.ok) {
      const p = document.createElement("p");
      p.className = "error";
      p.id = "error";
      p.textContent = (await response.text()).trim();
      show(p, "Error " + response.status, true);
      return;
    }
    if (type.startsWith("application/sparql-results+json")) {
      const data = await response.json();
      if (typeof data.boolean === "boolean") {
        const p = document.createElement("p");
        p.id = "boolean";
        p.textContent = data.boolean ? "true" : "false";
        show(p, "ASK answered in " + ms + " ms", false);
      } else {
        const n = data.results.bindings.length;
        show(drawTable(data), n + (n === 1 ? " row" : " rows") + " in " + ms + " ms", false);
      }
    } else {
      const pre = document.createElement("pre");
      pre.id = "graph";
      pre.textContent = await response.text();
      show(pre, "Graph result in " + ms + " ms", false);
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  for (const button of document.querySelectorAll(".load-query")) {
    button.addEventListener("click", function () {
      textarea.value = button.dataset.query;
      run();
    });
  }
  // "#q=<name>" loads and runs the competency query of that name (a shareable link).
  const wanted = decodeURIComponent(location.hash.replace(/^#q=/, ""));
  const named = location.hash.startsWith("#q=") &&
    Array.from(document.querySelectorAll(".load-query")).find((b) => b.dataset.name === wanted);
  if (named) named.click();
  else if (window.ANTQ_AUTORUN) run();
})();
