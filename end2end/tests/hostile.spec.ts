// Stored script injection is impossible, with JavaScript on: payloads that set window.__xss
// if they ever run are stored in every field a user can fill (through the JSON API, the
// editor island and the matrix grid island), and every page that shows them is opened and
// checked: window.__xss stays undefined, no CSP violation fires, nothing is logged as an
// error, the DOM holds no dangerous markup, and the text shows exactly as it was typed.
import { expect, test } from "@playwright/test";
import { createAdr, uniqueTitle, waitForIsland } from "./support";
import {
  AdrDoc,
  EDITOR,
  GRID,
  SeededAdr,
  attach,
  checkAdrs,
  checkAssessment,
  checkMatrixPages,
  checkReflections,
  fillAdrForm,
  fillOption,
  goBench,
  hostileDoc,
  kind,
  matrixTable,
  payloads,
  readMatrix,
  runTag,
  scriptGuard,
  submitForm,
  seedAssessment,
  seedDocumentAdrs,
} from "./hostile-support";

test.describe.configure({ mode: "parallel" });

test("payloads stored through the API in every ADR field, evidence and rule never run", async ({ page, request }) => {
  test.setTimeout(120_000);
  const tag = runTag();
  const ps = payloads(tag);
  const adrs = await seedDocumentAdrs(request, ps, tag);
  const guard = await scriptGuard(page);
  await checkAdrs(guard, tag, adrs);
});

test("payloads in matrices and in an assessment never run where they are shown", async ({ page, request }) => {
  test.setTimeout(120_000);
  const tag = runTag();
  const ps = payloads(tag);
  const assessed = await seedAssessment(request, ps);
  const guard = await scriptGuard(page);
  await checkAssessment(guard, tag, assessed);
});

test("payloads typed into the editor island are saved as typed and never run", async ({ page }) => {
  test.setTimeout(120_000);
  const tag = runTag();
  const ps = payloads(tag);
  const guard = await scriptGuard(page);
  const typed: AdrDoc = hostileDoc(ps, kind(ps, "script tag"), [kind(ps, "img onerror"), kind(ps, "svg onload"), kind(ps, "body onload")], 5);

  await guard.open("/adr/new", { islands: [EDITOR] });
  await fillAdrForm(page, typed);
  for (const [i, option] of typed.options.entries()) {
    if (i > 0) await page.getByRole("button", { name: "Add another option" }).click();
    await fillOption(page, i, option);
  }
  await page.getByLabel("Chosen option").first().check();
  // The live preview is the server's HTML put into the page.
  await expect(page.getByTestId("preview").locator("ol.options > li > a")).toHaveText(typed.options.map((o) => o.name));
  await guard.check("the editor's live preview");
  let loaded = page.waitForEvent("load");
  await page.getByRole("button", { name: "Create ADR" }).click();
  await loaded;
  await page.waitForLoadState("networkidle");
  await guard.check("the page the editor opened after saving");
  const number = Number(/\/adr\/(\d+)-/.exec(page.url())?.[1]);
  expect(number).toBeGreaterThan(0);

  // The island hydrates from the stored payloads and saves a new title through its server function.
  await guard.open(`/adr/${number}/edit`, { islands: [EDITOR] });
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(typed.title);
  await expect(page.getByLabel("Context and problem statement")).toHaveValue(typed.context);
  const renamed = kind(ps, "closing textarea").text;
  await page.getByLabel("Title", { exact: true }).fill(renamed);
  loaded = page.waitForEvent("load");
  await page.getByRole("button", { name: "Save changes" }).click();
  await loaded;
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(renamed);
  await guard.check("the ADR after renaming it in the editor");

  // Someone else saves first: the conflict view shows their payloads as text.
  const other = await page.context().newPage();
  const otherGuard = await scriptGuard(other);
  await guard.open(`/adr/${number}/edit`, { islands: [EDITOR] });
  await otherGuard.open(`/adr/${number}/edit`, { islands: [EDITOR] });
  const theirs = [kind(ps, "closing title"), kind(ps, "iframe srcdoc"), kind(ps, "OWASP: malformed IMG")].map((p) => p.text).join("\n");
  const mine = [kind(ps, "closing script"), kind(ps, "details ontoggle")].map((p) => p.text).join("\n");
  await page.getByLabel("Context and problem statement").fill(theirs);
  loaded = page.waitForEvent("load");
  await page.getByRole("button", { name: "Save changes" }).click();
  await loaded;
  await other.getByLabel("Context and problem statement").fill(mine);
  await other.getByRole("button", { name: "Save changes" }).click();
  const conflict = other.getByTestId("conflict");
  await expect(conflict).toContainText("Someone else saved this ADR");
  const shown = (await conflict.locator("td pre").allTextContents()).map((t) => t.replace(/\r\n/g, "\n"));
  expect(shown).toEqual(expect.arrayContaining([theirs, mine]));
  await expect(other.getByLabel("Context and problem statement")).toHaveValue(mine);
  await otherGuard.check("the editor's conflict view");
  await other.close();

  const saved: SeededAdr = {
    number,
    doc: { ...typed, title: renamed, context: theirs },
    first: typed,
    version: 3,
    payloads: ps,
  };
  await checkAdrs(guard, tag, [saved]);
});

test("payloads typed into the matrix grid island are saved as typed and never run", async ({ page, request }) => {
  test.setTimeout(60_000);
  const tag = runTag();
  const ps = payloads(tag);
  const guard = await scriptGuard(page);
  const name = kind(ps, "closing textarea").text;
  const columns = ["script tag", "closing title", "img onerror"].map((k) => kind(ps, k).text);
  const rows = [
    ["svg onload", "details ontoggle", "double-quote attribute breakout"],
    ["closing script", "HTML entities", "OWASP: extraneous open brackets"],
  ].map((r) => r.map((k) => kind(ps, k).text));

  await guard.open("/matrices", { islands: [GRID] });
  await page.getByLabel("Name", { exact: true }).fill(name);
  const grid = page.locator(GRID);
  // The starting grid has four columns and one row; drop the fourth column.
  await grid.locator('button[title="Remove this column"]').nth(3).click();
  for (const [c, column] of columns.entries()) await grid.getByLabel(`Column ${c + 1} name`).fill(column);
  for (const [r, cells] of rows.entries()) {
    if (r > 0) await grid.getByRole("button", { name: "+ Row" }).click();
    for (const [c, cell] of cells.entries()) await grid.getByLabel(`Row ${r + 1} column ${c + 1}`).fill(cell);
  }
  await guard.check("the grid editor");
  const loaded = page.waitForEvent("load");
  await page.getByRole("button", { name: "Add matrix" }).click();
  await loaded;
  const id = decodeURIComponent(new URL(page.url()).pathname.replace(/^\/matrices\//, ""));
  const matrix = await readMatrix(request, id);
  expect(matrix.name).toBe(name);
  expect(matrix.columns).toEqual(columns);
  expect(matrix.rows.map((r) => r.cells)).toEqual(rows);
  await checkMatrixPages(guard, matrix, 1);

  // Editing as markdown shows the same table as text.
  await guard.open(`/matrices/${encodeURIComponent(id)}`, { islands: [GRID] });
  await page.getByRole("button", { name: "Edit as markdown" }).click();
  await expect(page.getByLabel("Markdown table")).toBeVisible();
  await expect(page.getByLabel("Markdown table")).toHaveValue(matrixTable(columns, rows));
  await guard.check("the grid editor showing markdown");
});

test("queries, error messages and refused forms that repeat the input never run it", async ({ page, request }) => {
  test.setTimeout(120_000);
  const tag = runTag();
  const ps = payloads(tag);
  const n = await createAdr(request, { title: kind(ps, "comment and closing script").text, options: [{ name: "Go" }] });
  await attach(request, n, { option: "Go", format: "gobench" }, goBench([]));
  const guard = await scriptGuard(page);
  await checkReflections(guard, ps, n);

  // A refused matrix comes back in the grid island, which reads its header from the text.
  await guard.open("/matrices", { islands: [GRID] });
  const column = kind(ps, "closing title").text;
  const markdown = `| ${column} | ${column} |\n| --- | --- |\n| a | b |`;
  await page.getByLabel("Name", { exact: true }).fill(kind(ps, "img onerror").text);
  await page.getByRole("button", { name: "Edit as markdown" }).click();
  await page.getByLabel("Markdown table").fill(markdown);
  const refused = await submitForm(page, page.getByRole("button", { name: "Add matrix" }));
  expect(refused.status()).toBe(422);
  await guard.served(refused, "a refused matrix");
  await waitForIsland(page, GRID);
  await expect(page.getByTestId("matrix-error")).toContainText(`column name '${column}' is used twice`);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(kind(ps, "img onerror").text);
  await expect(page.locator(GRID).getByLabel("Column 1 name")).toHaveValue(column);
  await guard.check("a refused matrix");
});

test("raw evidence is plain text that is never sniffed as HTML or run", async ({ page, request }) => {
  const tag = runTag();
  const n = await createAdr(request, { title: uniqueTitle("Raw evidence"), options: [{ name: "Go" }] });
  const body = [
    "goos: linux",
    `<!DOCTYPE html><html><head><script>window.__xss=101</script></head>`,
    `<body onload=window.__xss=102><img src=x onerror=window.__xss=103><svg onload=window.__xss=104>${tag}</body></html>`,
    "BenchmarkX-8 10 100 ns/op",
    "BenchmarkX-8 10 104 ns/op",
    "BenchmarkX-8 10 102 ns/op",
    "",
  ].join("\n");
  const id = await attach(request, n, { option: "Go", label: "html inside", format: "gobench" }, body);
  const parsed = await (await request.get(`/api/v1/evidence/${id}`)).json();
  expect(parsed.skipped.length, "the HTML lines are skipped, not refused").toBeGreaterThan(0);

  const raw = await request.get(`/api/v1/evidence/${id}/raw`);
  expect(raw.status()).toBe(200);
  expect(await raw.text()).toBe(body);
  const headers = raw.headers();
  expect(headers["content-type"]).toMatch(/^text\/plain\b/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["content-disposition"]).toMatch(/^attachment\b/);

  // In the browser it downloads (or, at worst, shows as text); it never runs.
  const guard = await scriptGuard(page);
  await guard.open(`/adr/${n}`);
  const rawUrl = `/api/v1/evidence/${id}/raw`;
  const downloaded = page.waitForEvent("download", { timeout: 5_000 }).catch(() => null);
  const shownInline = await page.goto(rawUrl).catch(() => null);
  if (shownInline) {
    expect(await page.evaluate(() => document.contentType)).toBe("text/plain");
  } else {
    expect(await downloaded, "navigating to the raw text downloads it").not.toBeNull();
  }
  await guard.check("the raw evidence");
});

test("static files, the API and errors carry the security headers too", async ({ request }) => {
  for (const path of ["/favicon.svg", "/pkg/tradeoff.css", "/pkg/tradeoff.js", "/api/v1/adrs", "/api/v1/nothing", "/no/such/page"]) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    const policy = headers["content-security-policy"] ?? "";
    expect(policy, path).toContain("frame-ancestors 'none'");
    expect(policy, path).toContain("object-src 'none'");
    expect(policy, path).not.toContain("unsafe-inline");
    if ((headers["content-type"] ?? "").startsWith("text/html")) {
      expect(policy, path).toMatch(/script-src 'self' 'nonce-[^']+'/);
    } else {
      expect(policy, path).toMatch(/^default-src 'none'/);
    }
  }
});

test("payloads drawn into charts stay text, in the chart opened on its own and on its page", async ({ page, request }) => {
  test.setTimeout(120_000);
  const tag = runTag();
  const ps = payloads(tag);
  const [adr] = await seedDocumentAdrs(request, ps, tag);
  const assessed = await seedAssessment(request, ps);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("dialog", (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  const charts = [
    ...["benchmarks", "relative", "history", "metrics"].map((c) => `/adr/${adr.number}/charts/${c}.svg`),
    `/adr/${assessed.number}/charts/scores.svg`,
  ];
  // The payloads each chart draws: option names, benchmark names, rule and criterion names.
  const drawn = [
    kind(ps, "script inside svg").text,
    kind(ps, "iframe srcdoc").text,
    `Benchmark<img/src=x/onerror=window.__xss=${ps.length + 1}>${tag}-8`,
    assessed.options[0].name,
  ];
  let seen = "";
  for (const url of charts) {
    const response = await page.goto(url);
    expect(response!.status(), url).toBe(200);
    expect(response!.headers()["content-type"]).toBe("image/svg+xml");
    await page.waitForTimeout(200);
    const found = await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: number }).__xss,
      root: document.documentElement.localName,
      dangerous: Array.from(document.querySelectorAll("*"))
        .filter(
          (e) =>
            ["script", "foreignObject", "iframe", "object", "a", "image", "use"].includes(e.localName) ||
            // Data attributes may hold any text; only event handlers and links could act on it.
            Array.from(e.attributes).some((a) => /^on/i.test(a.name) || (/href$|^src$/i.test(a.name) && /javascript:/i.test(a.value))),
        )
        .map((e) => e.outerHTML.slice(0, 80)),
      text: document.documentElement.textContent ?? "",
    }));
    expect(found.root, url).toBe("svg");
    expect(found.xss, url).toBeUndefined();
    expect(found.dangerous, url).toEqual([]);
    seen += found.text;
  }
  // The text reads as typed, in the charts' labels and tooltips.
  for (const text of drawn) expect(seen, text).toContain(text);
  // The pages that show them: their alt texts and copy buttons are attributes, escaped.
  const guard = await scriptGuard(page);
  await guard.open(`/adr/${adr.number}`);
  const chart = page.locator("figure.chart img").first();
  await chart.scrollIntoViewIfNeeded();
  await expect(chart).toBeVisible();
  await guard.check("the ADR page with its charts loaded");
  await guard.open(`/adr/${assessed.number}/assess`);
  expect(errors).toEqual([]);
});
