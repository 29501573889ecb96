// Write the licence notice of every npm package esbuild put into the bundle, read from its metafile:
// node licences.mjs META_JSON OUT_FILE. Fails when a bundled package ships no licence file.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [metaPath, outPath] = process.argv.slice(2);
const meta = JSON.parse(readFileSync(metaPath, "utf8"));
const dirs = new Set();
for (const input of Object.keys(meta.inputs)) {
  const m = input.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (m) dirs.add(m[1]);
}
const parts = [];
for (const name of [...dirs].sort()) {
  const dir = join("node_modules", name);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  if (!file) throw new Error(`${name}: no licence file in the package`);
  parts.push(`${"=".repeat(78)}\n${name} ${pkg.version} (${pkg.license})\n${"=".repeat(78)}\n` +
    readFileSync(join(dir, file), "utf8").trim() + "\n");
}
writeFileSync(outPath, parts.join("\n"));
console.log(`${dirs.size} packages: ${[...dirs].sort().join(", ")}`);
