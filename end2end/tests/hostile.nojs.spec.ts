// Stored script injection is impossible, with JavaScript off: payloads that would set
// window.__xss are stored in every field (through the JSON API and through the plain forms),
// and every page that shows them is fetched and its HTML checked (no payload's markup
// unescaped, no event-handler attribute or script URL in any tag, every script carrying the
// response's CSP nonce, the user's text present escaped), then opened in the browser to check
// its DOM and that the text shows exactly as it was typed.
import { expect, test } from "@playwright/test";
import { createAdr } from "./support";
import {
  AssessedAdr,
  SeededAdr,
  SeededEvidence,
  attach,
  benchmarkPayloads,
  checkAdrs,
  checkAssessment,
  checkEvidence,
  cspNonce,
  expectEscapedIn,
  expectSafeApiResponse,
  fillAdrForm,
  fillOption,
  goBench,
  hostileDoc,
  kind,
  matrixOf,
  payloads,
  readMatrix,
  runTag,
  scrape,
  seedAssessment,
  seedDocumentAdrs,
  servedGuard,
  submitForm,
  checkReflections,
} from "./hostile-support";

test.describe.configure({ mode: "parallel" });

test("payloads typed into the plain ADR form are stored as typed and served escaped", async ({ page, request }) => {
  test.setTimeout(120_000);
  const tag = runTag();
  const ps = payloads(tag);
  const guard = servedGuard(page, request, ps);
  const typed = hostileDoc(
    ps,
    kind(ps, "mixed-case script tag"),
    [kind(ps, "closing title"), kind(ps, "OWASP: svg/onload"), kind(ps, "attribute breakout into a tag")],
    11,
  );

  await guard.open("/adr/new");
  await fillAdrForm(page, typed);
  await fillOption(page, 0, typed.options[0]);
  await page.getByLabel("Chosen option").first().check();
  // The preview without JavaScript: the form comes back with the rendered ADR beside it.
  const preview = await submitForm(page, page.getByRole("button", { name: "Preview" }));
  expect(preview.status()).toBe(200);
  await guard.served(preview, "the preview of a new ADR");
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(typed.title);
  await expect(page.getByLabel("Context and problem statement")).toHaveValue(typed.context);
  await expect(page.getByLabel("Option name").first()).toHaveValue(typed.options[0].name);
  await expect(page.getByTestId("preview").locator("ol.options > li > a")).toHaveText([typed.options[0].name]);

  const created = await submitForm(page, page.getByRole("button", { name: "Create ADR" }));
  expect(created.status()).toBe(303);
  const number = Number(/\/adr\/(\d+)-/.exec(page.url())?.[1]);
  expect(number).toBeGreaterThan(0);
  // Without JavaScript the form has one blank option block, so options are added a save at a time.
  for (const i of [1, 2]) {
    await guard.open(`/adr/${number}/edit`);
    await fillOption(page, i, typed.options[i]);
    expect((await submitForm(page, page.getByRole("button", { name: "Save changes" }))).status()).toBe(303);
    await expect(page).toHaveURL(new RegExp(`/adr/${number}-`));
  }

  // Someone else saves first: the conflict view is rendered on the server with both texts.
  const other = await page.context().newPage();
  const otherGuard = servedGuard(other, request, ps);
  await guard.open(`/adr/${number}/edit`);
  await otherGuard.open(`/adr/${number}/edit`);
  const theirs = [kind(ps, "closing textarea"), kind(ps, "iframe srcdoc"), kind(ps, "OWASP: malformed IMG")].map((p) => p.text).join("\n");
  const mine = [kind(ps, "closing script"), kind(ps, "details ontoggle")].map((p) => p.text).join("\n");
  await page.getByLabel("Context and problem statement").fill(theirs);
  expect((await submitForm(page, page.getByRole("button", { name: "Save changes" }))).status()).toBe(303);
  await other.getByLabel("Context and problem statement").fill(mine);
  const refused = await submitForm(other, other.getByRole("button", { name: "Save changes" }));
  expect(refused.status()).toBe(409);
  await otherGuard.served(refused, "the conflict view");
  const conflict = other.getByTestId("conflict");
  await expect(conflict).toContainText("Someone else saved this ADR");
  const shown = (await conflict.locator("td pre").allTextContents()).map((t) => t.replace(/\r\n/g, "\n"));
  expect(shown).toEqual(expect.arrayContaining([theirs, mine]));
  await expect(other.getByLabel("Context and problem statement")).toHaveValue(mine);
  await other.close();

  const saved: SeededAdr = {
    number,
    doc: { ...typed, context: theirs },
    first: { ...typed, options: [typed.options[0]] },
    version: 4,
    payloads: ps,
  };
  await checkAdrs(guard, tag, [saved]);
});

test("payloads stored through the API in every ADR field, evidence and rule are served escaped", async ({ page, request }) => {
  test.setTimeout(120_000);
  const tag = runTag();
  const ps = payloads(tag);
  const adrs = await seedDocumentAdrs(request, ps, tag);
  const guard = servedGuard(page, request, [...ps, ...benchmarkPayloads(tag)]);
  await checkAdrs(guard, tag, adrs);
});

test("payloads in matrices and in an assessment stored through the API are served escaped", async ({ page, request }) => {
  test.setTimeout(120_000);
  const tag = runTag();
  const ps = payloads(tag);
  const assessed = await seedAssessment(request, ps);
  const guard = servedGuard(page, request, ps);
  await checkAssessment(guard, tag, assessed);
});

test("payloads typed into the evidence, metric rule and benchmark name forms are served escaped", async ({ page, request }) => {
  test.setTimeout(120_000);
  const tag = runTag();
  const ps = payloads(tag);
  const bench = benchmarkPayloads(tag);
  const guard = servedGuard(page, request, [...ps, ...bench]);
  const option = kind(ps, "URL with a breakout").text;
  const n = await createAdr(request, {
    title: kind(ps, "OWASP: JaVaScRiPt: image source").text,
    options: [{ name: option }],
    chosen_option: option,
  });
  const side = kind(ps, "iframe srcdoc").text;
  const labels = [kind(ps, "closing textarea").text, kind(ps, "comment and closing script").text, kind(ps, "data: URL link").text];
  const help = kind(ps, "double-quote attribute breakout").text;
  const labelValue = kind(ps, "img onerror").text;
  const description = kind(ps, "details ontoggle").text;
  const metric = kind(ps, "HTML entities").text;
  const mappings = [
    `${kind(ps, "closing script").text} = ${kind(ps, "base href").text}`,
    `${kind(ps, "form action").text} = ${kind(ps, "svg onload").text}`,
  ].join("\n");

  await guard.open(`/adr/${n}`);
  const details = page.locator("#evidence details.evidence-forms");
  const forms = page.locator("#evidence .evidence-forms");
  const openForms = async () => {
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator("summary").click();
  };
  const attachThroughForm = async (fields: { option: string; label: string; format: string; text: string }) => {
    await openForms();
    await forms.getByLabel("Option").fill(fields.option);
    await forms.getByLabel("Label").fill(fields.label);
    await forms.getByLabel("Format").selectOption(fields.format);
    await forms.getByLabel("Paste output").fill(fields.text);
    expect((await submitForm(page, forms.getByRole("button", { name: "Attach evidence" }))).status()).toBe(303);
  };
  // A new option named by the form, the baseline, and a scrape for the existing option.
  await attachThroughForm({ option: side, label: labels[0], format: "gobench", text: goBench(bench.map((b) => b.text)) });
  await attachThroughForm({ option: "baseline", label: labels[1], format: "gobench", text: goBench(bench.map((b) => b.text)) });
  await attachThroughForm({ option, label: labels[2], format: "prometheus", text: scrape(help, labelValue) });

  const rules = page.locator("#evidence details.rule-form");
  await rules.locator("summary").click();
  await rules.getByLabel("Metric").fill("queue_depth");
  await rules.getByLabel("Label matchers").fill(`queue=${labelValue}`);
  await rules.getByLabel("Across series").selectOption("max");
  await rules.getByLabel("Threshold").fill("5");
  await rules.getByLabel("Description").fill(description);
  expect((await submitForm(page, rules.getByRole("button", { name: "Add rule" }))).status()).toBe(303);
  // Without a description the rule describes itself with its metric name.
  await rules.locator("summary").click();
  await rules.getByLabel("Metric").fill(metric);
  await rules.getByLabel("Measure").selectOption("quantile");
  await rules.getByLabel("Quantile", { exact: true }).fill("0.99");
  await rules.getByLabel("Threshold").fill("1");
  expect((await submitForm(page, rules.getByRole("button", { name: "Add rule" }))).status()).toBe(303);

  await openForms();
  await page.getByLabel("Benchmark names that are the same across tools").fill(mappings);
  expect((await submitForm(page, page.getByRole("button", { name: "Save names" }))).status()).toBe(303);

  // Stored as typed.
  const listed = await (await request.get(`/api/v1/adrs/${n}/evidence`)).json();
  expect(listed.items.map((i: { label: string }) => i.label)).toEqual(expect.arrayContaining(labels));
  const stored = await (await request.get(`/api/v1/adrs/${n}/metric-rules`)).json();
  expect(stored.rules.map((r: { description: string }) => r.description)).toEqual([description, `${metric} > 1`]);
  expect(stored.rules.map((r: { metric: string }) => r.metric)).toEqual(["queue_depth", metric]);
  expect(stored.rules[0].matchers).toEqual([{ label: "queue", negate: false, value: labelValue }]);

  const ev: SeededEvidence = {
    sides: [option, side, "baseline"],
    labels,
    benchmarks: ["BenchmarkX-8", ...bench.map((b) => b.text)],
    help,
    labelValue,
    rules: [
      { description, hint: " (queue_depth > 5)", verdict: "fail (7)" },
      { description: `${metric} > 1`, hint: ` (${metric} q0.99 > 1)` },
    ],
    metricsOption: option,
    comparison: ["baseline", side],
    mappings,
    cited: [],
  };
  await guard.open(`/adr/${n}`, { shown: [side, help, labelValue, description, metric, ...labels, ...bench.map((b) => b.text)] });
  await checkEvidence(page, ev);
  expect(await page.locator("#considered-options ol.options > li > a").allTextContents()).toEqual([option, side]);
  await guard.open(`/adr/${n}/history`);
  await guard.open(`/adr/${n}/edit`, { shown: [option, side] });
  await expect(page.getByLabel("Option name").nth(1)).toHaveValue(side);
});

test("payloads typed into the assessment and matrix forms are served escaped", async ({ page, request }) => {
  test.setTimeout(120_000);
  const tag = runTag();
  const ps = payloads(tag);
  const guard = servedGuard(page, request, ps);

  // A team matrix through the form, then a revision of it.
  const original = matrixOf(ps, "reference", 3);
  await guard.open("/matrices");
  await page.getByLabel("Name", { exact: true }).fill(original.name);
  await page.getByLabel("Markdown table").fill(original.markdown);
  expect((await submitForm(page, page.getByRole("button", { name: "Add matrix" }))).status()).toBe(303);
  const id = decodeURIComponent(new URL(page.url()).pathname.replace(/^\/matrices\//, ""));
  const first = await readMatrix(request, id);
  expect([first.name, first.columns, first.rows.map((r) => r.cells)]).toEqual([original.name, original.columns, original.rows]);
  const revised = matrixOf(ps, "reference", 19);
  await page.getByLabel("Name", { exact: true }).fill(revised.name);
  await page.getByLabel("Markdown table").fill(revised.markdown);
  expect((await submitForm(page, page.getByRole("button", { name: "Save revision" }))).status()).toBe(303);
  const reference = await readMatrix(request, id);
  expect([reference.name, reference.columns, reference.rows.map((r) => r.cells)]).toEqual([revised.name, revised.columns, revised.rows]);

  const listed = matrixOf(ps, "checklist", 9);
  await guard.open("/matrices");
  await page.getByLabel("Name", { exact: true }).fill(listed.name);
  await page.locator("select[name=use]").first().selectOption("checklist");
  await page.getByLabel("Markdown table").fill(listed.markdown);
  expect((await submitForm(page, page.getByRole("button", { name: "Add matrix" }))).status()).toBe(303);
  const checklist = await readMatrix(request, decodeURIComponent(new URL(page.url()).pathname.replace(/^\/matrices\//, "")));
  expect([checklist.name, checklist.rows.map((r) => r.cells)]).toEqual([listed.name, listed.rows]);

  // An ADR that deviates from a cited row of the matrix, with the checklist attached.
  const names = [kind(ps, "svg onload").text, kind(ps, "closing script").text];
  const title = kind(ps, "body onload").text;
  const created = await request.post("/api/v1/adrs", {
    data: { title, options: names.map((name) => ({ name })), chosen_option: names[0] },
  });
  expect(created.status()).toBe(201);
  const adr = await created.json();
  const ids: string[] = adr.options.map((o: { id: string }) => o.id);
  const put = await request.put(`/api/v1/adrs/${adr.number}/assessment`, {
    data: {
      version: 0,
      citations: [{ matrix: reference.id, row: reference.rows[0].id, judgements: { [ids[0]]: "avoid" } }],
      criteria: [{ id: "speed", name: "Speed", weight: 3 }],
      checklists: [{ matrix: checklist.id, items: [] }],
    },
  });
  expect(put.status(), await put.text()).toBe(200);
  expect((await put.json()).deviation.state).toBe("unjustified");

  // Every note and name through the assessment page's plain forms.
  const justification = [kind(ps, "closing textarea"), kind(ps, "math namespace confusion")].map((p) => p.text).join("\n\n");
  const criteria = [kind(ps, "closing title").text, kind(ps, "single-quote attribute breakout").text];
  const scoreNote = kind(ps, "double-quote attribute breakout").text;
  const checklistNotes = {
    [checklist.rows[0].id]: kind(ps, "img onerror").text,
    [checklist.rows[1].id]: kind(ps, "script tag").text,
  };
  const threats = {
    "secrets-leaked-in-logs": kind(ps, "OWASP: embedded tab").text,
    "goroutine-exhaustion-dos": kind(ps, "attribute breakout into a tag").text,
  };
  await guard.open(`/adr/${adr.number}/assess`);
  await page.getByLabel("Justification for the deviation").fill(justification);
  expect((await submitForm(page, page.getByRole("button", { name: "Save justification" }))).status()).toBe(303);
  await page.locator('input[name="criterion.0.name"]').fill(criteria[0]);
  await page.locator(`select[name="score.0.${ids[0]}"]`).selectOption("4");
  await page.locator(`input[name="note.0.${ids[0]}"]`).fill(scoreNote);
  await page.locator('input[name="new_criterion"]').fill(criteria[1]);
  expect((await submitForm(page, page.getByRole("button", { name: "Save scores" }))).status()).toBe(303);
  const list = page.locator(`fieldset[data-checklist="${checklist.id}"]`);
  for (const [row, note] of Object.entries(checklistNotes)) await list.locator(`input[name="c.0.${row}.note"]`).fill(note);
  await list.locator(`input[name="c.0.${checklist.rows[0].id}.done"]`).check();
  expect((await submitForm(page, page.getByRole("button", { name: "Save checklists" }))).status()).toBe(303);
  for (const [row, note] of Object.entries(threats)) {
    const threat = page.locator(`tr[data-threat="${row}"]`);
    await threat.locator('input[type="checkbox"]').check();
    await threat.locator("select").selectOption("in_progress");
    await threat.locator('input[type="text"]').fill(note);
  }
  expect((await submitForm(page, page.getByRole("button", { name: "Save threats" }))).status()).toBe(303);

  const report = await (await request.get(`/api/v1/adrs/${adr.number}/assessment`)).json();
  // Browsers post a textarea's line breaks as CRLF.
  expect(report.deviation.justification.replace(/\r\n/g, "\n")).toBe(justification);
  expect(report.criteria.map((c: { name: string }) => c.name)).toEqual(criteria);
  expect(report.threats.map((t: { note: string }) => t.note)).toEqual(expect.arrayContaining(Object.values(threats)));

  const assessed: AssessedAdr = {
    number: adr.number,
    title,
    options: ids.map((optionId, i) => ({ id: optionId, name: names[i] })),
    reference,
    referenceRevision: 2,
    referenceFirst: first,
    citesGuide: false,
    checklist,
    checklistNotes,
    done: [checklist.rows[0].id],
    threats,
    criteria,
    scoreNotes: [{ criterion: 0, option: ids[0], note: scoreNote }],
    justification,
    accepted: false,
  };
  await checkAssessment(guard, tag, assessed);
});

test("queries, error messages and refused forms that repeat the input serve it escaped", async ({ page, request }) => {
  test.setTimeout(120_000);
  const tag = runTag();
  const ps = payloads(tag);
  const guard = servedGuard(page, request, ps);
  const n = await createAdr(request, { title: kind(ps, "comment and closing script").text, options: [{ name: "Go" }] });
  await attach(request, n, { option: "Go", format: "gobench" }, goBench([]));
  await checkReflections(guard, ps, n);

  // A refused plain post is answered with the form again and the reasons, which quote the input.
  const title = kind(ps, "closing title").text;
  const optionName = kind(ps, "svg onload").text;
  const chosen = kind(ps, "closing textarea").text;
  const refusedChoice = await request.post("/adr/new", {
    form: { title, "option.0.name": optionName, chosen_option: chosen },
  });
  expect(refusedChoice.status()).toBe(422);
  const choiceHtml = await expectSafeApiResponse(refusedChoice, ps, "a new ADR refused for its chosen option");
  for (const text of [title, optionName, `chosen_option '${chosen}' is not the id or name of a considered option`]) {
    expectEscapedIn(choiceHtml, text, "a new ADR refused for its chosen option");
  }
  const date = kind(ps, "img onerror").text;
  const refusedDate = await request.post("/adr/new", { form: { title, date } });
  expect(refusedDate.status()).toBe(422);
  const dateHtml = await expectSafeApiResponse(refusedDate, ps, "a new ADR refused for its date");
  expectEscapedIn(dateHtml, `date '${date}' is not a calendar date in the form YYYY-MM-DD`, "a new ADR refused for its date");

  // A refused matrix comes back with its name and table.
  await guard.open("/matrices");
  const column = kind(ps, "OWASP: malformed IMG").text;
  const markdown = `| ${column} | ${column} |\n| --- | --- |\n| a | b |`;
  const name = kind(ps, "double-quote attribute breakout").text;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Markdown table").fill(markdown);
  const refusedMatrix = await submitForm(page, page.getByRole("button", { name: "Add matrix" }));
  expect(refusedMatrix.status()).toBe(422);
  await guard.served(refusedMatrix, "a refused matrix");
  await expect(page.getByTestId("matrix-error")).toContainText(`column name '${column}' is used twice`);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
  await expect(page.getByLabel("Markdown table")).toHaveValue(markdown);
});

test("every page has a Content-Security-Policy with a nonce new to each response", async ({ request }) => {
  const nonces: string[] = [];
  for (let i = 0; i < 2; i += 1) {
    const response = await request.get("/adr/new");
    expect(response.status()).toBe(200);
    const nonce = cspNonce(response.headers(), "/adr/new");
    expect(nonce, "the policy names a nonce for the page's scripts").toBeTruthy();
    expect(await response.text()).toContain(`nonce="${nonce}"`);
    nonces.push(nonce!);
  }
  expect(nonces[0]).not.toBe(nonces[1]);
  for (const path of ["/", "/guide", "/matrices"]) {
    cspNonce((await request.get(path)).headers(), path);
  }
});

test("payloads in imported files and their names are served escaped on the report and the ADR page", async ({ page, request }) => {
  const tag = runTag();
  const ps = payloads(tag);
  const guard = servedGuard(page, request, ps);
  // A file name holds no slash (the importer keeps only its last part), so it carries a
  // payload without one.
  const name = `0001-${kind(ps, "img onerror").text}.md`;
  const title = kind(ps, "closing title").text;
  const context = kind(ps, "script tag").text;
  const option = kind(ps, "double-quote attribute breakout").text;
  const text = `---\nstatus: on hold ${kind(ps, "closing textarea").text}\ntags: ["${tag}"]\n---\n# ${title}\n\n## Context and Problem Statement\n\n${context}\n\n## Considered Options\n\n* ${option}\n\n## Decision Outcome\n\nChosen option: "${option}"\n`;
  await guard.open("/import");
  await page.locator("input[type=file]").setInputFiles([{ name, mimeType: "text/markdown", buffer: Buffer.from(text) }]);
  const report = await submitForm(page, page.getByRole("button", { name: "Import" }));
  expect(report.status()).toBe(200);
  await guard.served(report, "the import report");
  await expect(page.getByTestId("import-summary")).toContainText("1 imported");
  await expect(page.locator("tr[data-outcome='imported'] code").first()).toHaveText(name);
  const href = await page.locator("tr[data-outcome='imported'] a").getAttribute("href");
  await guard.open(href!, { shown: [title, context, option] });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
});
