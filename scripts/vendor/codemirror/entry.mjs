// What the query page uses of CodeMirror 6, bundled into one ES module (scripts/vendor-codemirror.sh).
export { basicSetup } from "codemirror";
export { EditorView, keymap } from "@codemirror/view";
export { EditorState, Prec } from "@codemirror/state";
export { StreamLanguage } from "@codemirror/language";
export { completeFromList } from "@codemirror/autocomplete";
export { sparql } from "@codemirror/legacy-modes/mode/sparql";
