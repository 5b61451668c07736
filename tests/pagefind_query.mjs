// Query a built site's Pagefind index from Node, as the search page does in a
// browser: `node pagefind_query.mjs SITE_DIR TERM...` prints
// {term: [{url, meta, excerpt}]} as JSON.  Node has no fetch for file: URLs,
// so fetch is pointed at the files on disk; everything else is Pagefind's own
// pagefind.js (an ES module) and its WebAssembly, unchanged.
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const [siteDir, ...terms] = process.argv.slice(2);
globalThis.fetch = async (input) =>
  new Response(await readFile(fileURLToPath(new URL(String(input)))));
const pagefind = await import(pathToFileURL(path.resolve(siteDir, "pagefind", "pagefind.js")).href);
await pagefind.options({ baseUrl: "/" });
const found = {};
for (const term of terms) {
  const search = await pagefind.search(term);
  found[term] = await Promise.all(search.results.map(async (result) => {
    const data = await result.data();
    return { url: data.url, meta: data.meta, excerpt: data.excerpt };
  }));
}
process.stdout.write(JSON.stringify(found));
