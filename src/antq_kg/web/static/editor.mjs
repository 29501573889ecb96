// The SPARQL editor: CodeMirror 6 (vendor/codemirror.mjs, bundled by scripts/vendor-codemirror.sh) with
// its SPARQL mode — highlighting, line numbers, bracket matching, undo, search — as a view over the
// page's textarea, which stays the one place query.js reads and writes the query:
// every edit is copied into the textarea; "antq:set" on the textarea replaces the editor's text;
// "antq:error-at" {line, column} puts the cursor where the endpoint's error points.
// Ctrl+Enter (⌘+Enter) runs the query; Tab is left to move the focus (no keyboard trap).
// Completion offers SPARQL keywords and the graph's prefixes; a prefixed name from the list also gets
// its PREFIX declaration (results.js addPrefix) when the query lacks it.
import {
  EditorView, EditorState, Prec, StreamLanguage, basicSetup, completeFromList, keymap, sparql,
} from "./vendor/codemirror.mjs";

const R = window.AntqResults;
const textarea = document.getElementById("query");
const form = document.getElementById("query-form");
const prefixes = window.ANTQ_PREFIXES || {};

const KEYWORDS = [
  "SELECT", "DISTINCT", "REDUCED", "WHERE", "FILTER", "OPTIONAL", "UNION", "MINUS", "GRAPH", "SERVICE",
  "BIND", "VALUES", "GROUP BY", "HAVING", "ORDER BY", "LIMIT", "OFFSET", "ASK", "CONSTRUCT", "DESCRIBE",
  "FROM", "FROM NAMED", "PREFIX", "BASE", "COUNT", "SUM", "AVG", "MIN", "MAX", "SAMPLE", "GROUP_CONCAT",
  "NOT EXISTS", "EXISTS", "STR", "LANG", "LANGMATCHES", "CONTAINS", "STRSTARTS", "REGEX", "COALESCE", "IF",
  "DESC", "ASC",
].map((label) => ({ label, type: "keyword" }));

const PREFIXED = Object.entries(prefixes).map(([name, iri]) => ({
  label: name + ":",
  type: "namespace",
  detail: iri,
  apply(view, completion, from, to) {
    const before = view.state.doc.toString();
    const typed = before.slice(0, from) + completion.label + before.slice(to);
    const declared = R.addPrefix(typed, name, iri);
    const added = declared.length - typed.length;
    view.dispatch({
      changes: { from: 0, to: before.length, insert: declared },
      selection: { anchor: from + completion.label.length + added },
    });
  },
}));

function run() {
  form.requestSubmit();
  return true;
}

const view = new EditorView({
  state: EditorState.create({
    doc: textarea.value,
    // Where query.js put the cursor before the editor came (an error's position, when the query ran first).
    selection: { anchor: Math.min(textarea.selectionStart || 0, textarea.value.length) },
    extensions: [
      Prec.highest(keymap.of([{ key: "Mod-Enter", run }])),
      basicSetup,
      StreamLanguage.define(sparql),
      EditorState.languageData.of(() => [{ autocomplete: completeFromList([...PREFIXED, ...KEYWORDS]) }]),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": "SPARQL query", "aria-multiline": "true" }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) textarea.value = update.state.doc.toString();
      }),
    ],
  }),
});

textarea.addEventListener("antq:set", () => {
  const text = textarea.value;
  if (text !== view.state.doc.toString()) {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  }
});
textarea.addEventListener("antq:error-at", (event) => {
  const { line, column } = event.detail;
  const offset = R.offsetAt(view.state.doc.toString(), line, column);
  view.dispatch({ selection: { anchor: offset }, scrollIntoView: true });
  view.focus();
});

textarea.after(view.dom);
textarea.hidden = true;
// The label names the editor now.
const label = document.querySelector('label[for="query"]');
if (label) {
  label.id = "query-label";
  label.addEventListener("click", () => view.focus());
  view.contentDOM.setAttribute("aria-labelledby", "query-label");
}
window.antqEditor = view;
document.body.dataset.editor = "codemirror";
