// The search page: queries the Pagefind index (pagefind/pagefind.js, built
// with the site) in the browser and lists matching briefs with their kicker,
// answer and an excerpt.  Loaded only by search/index.html; no inline script.
(function () {
  "use strict";
  const form = document.getElementById("search-form");
  if (!form) return;
  const input = document.getElementById("search-input");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const fallback = document.getElementById("search-fallback");
  const root = new URL(form.dataset.siteRoot, document.baseURI);
  const indexUrl = new URL(form.dataset.index, document.baseURI).href;
  let pagefind = null;
  let latest = 0;
  let timer = 0;

  async function loadIndex() {
    if (!pagefind) {
      pagefind = await import(indexUrl);
      await pagefind.options({ baseUrl: root.pathname });
    }
    return pagefind;
  }

  // Pagefind's excerpt is HTML with <mark> around matches: copy only text and marks.
  function excerptNodes(html) {
    const parsed = new DOMParser().parseFromString(html, "text/html");
    return Array.from(parsed.body.childNodes, (node) => {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        return mark;
      }
      return document.createTextNode(node.textContent);
    });
  }

  function paragraph(className, content) {
    const p = document.createElement("p");
    p.className = className;
    if (typeof content === "string") p.textContent = content;
    else p.append(...content);
    return p;
  }

  function render(query, results) {
    list.replaceChildren(...results.map((data) => {
      const item = document.createElement("li");
      item.className = "search-result";
      const link = document.createElement("a");
      link.href = data.url;
      link.textContent = data.meta.title || data.url;
      const heading = document.createElement("h2");
      heading.append(link);
      if (data.meta.kicker) item.append(paragraph("kicker", data.meta.kicker));
      item.append(heading);
      if (data.meta.answer) item.append(paragraph("search-answer", data.meta.answer));
      item.append(paragraph("search-excerpt", excerptNodes(data.excerpt)));
      return item;
    }));
    const count = results.length;
    status.textContent = count === 0 ? `No briefs match “${query}”.`
      : `${count} brief${count === 1 ? "" : "s"} match “${query}”.`;
  }

  async function run(query) {
    const ticket = ++latest;
    query = query.trim();
    const url = new URL(location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    try {
      const index = await loadIndex();
      const search = await index.search(query);
      const results = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
      if (ticket === latest) render(query, results);
    } catch (error) {
      if (ticket === latest) {
        status.textContent = "Search is not available: this site was built without its index.";
        fallback.hidden = false;
      }
    }
  }

  fallback.hidden = true;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(input.value);
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), 150);
  });
  const initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
