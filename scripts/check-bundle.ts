/**
 * The client's size budget, checked on the production build (`npm run build` first). What the
 * first page load needs (the entry script, its preloaded imports and the stylesheet) must stay
 * small, and no lazily loaded chunk may grow past its own budget. Sizes are gzip, as served.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const dist = path.resolve(import.meta.dirname, "../dist/client");
const FIRST_LOAD_BUDGET = 60 * 1024;
const CHUNK_BUDGET = 50 * 1024;

const gz = (file: string) => gzipSync(readFileSync(path.join(dist, file))).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

const html = readFileSync(path.join(dist, "index.html"), "utf8");
const firstLoad = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
const firstLoadBytes = firstLoad.reduce((sum, file) => sum + gz(file), 0);

const problems: string[] = [];
if (firstLoad.length === 0) problems.push("index.html references no assets: is the build broken?");
if (firstLoadBytes > FIRST_LOAD_BUDGET) {
  problems.push(`first load is ${kb(firstLoadBytes)} gzip, over the ${kb(FIRST_LOAD_BUDGET)} budget`);
}
const chunks = readdirSync(path.join(dist, "assets")).filter((f) => f.endsWith(".js"));
for (const chunk of chunks) {
  const size = gz(`assets/${chunk}`);
  if (!firstLoad.includes(`assets/${chunk}`) && size > CHUNK_BUDGET) {
    problems.push(`lazy chunk ${chunk} is ${kb(size)} gzip, over the ${kb(CHUNK_BUDGET)} budget`);
  }
}

console.log(`First load: ${firstLoad.length} files, ${kb(firstLoadBytes)} gzip (budget ${kb(FIRST_LOAD_BUDGET)}).`);
console.log(`Lazy chunks: ${chunks.length - firstLoad.filter((f) => f.endsWith(".js")).length}.`);
if (problems.length) {
  for (const p of problems) console.error(`Over budget: ${p}`);
  process.exitCode = 1;
}
