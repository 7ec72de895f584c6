import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createAdr, uniqueTitle } from "./support";

const fixtures = join(__dirname, "..", "..", "app", "tests", "fixtures", "benchstat");

test("attach benchmarks by pasting and by file, and read the comparison", async ({ page, request }) => {
  const n = await createAdr(request, {
    title: uniqueTitle("Parser language"),
    options: [{ name: "Go" }, { name: "Rust" }],
    chosen_option: "Rust",
  });
  await page.goto(`/adr/${n}`);
  await expect(page.getByTestId("no-comparison")).toBeVisible();
  const evidence = page.locator("#evidence .evidence-forms");

  // Paste the Go run.
  await evidence.getByLabel("Option").fill("Go");
  await evidence.getByLabel("Label").fill("laptop, 10 runs");
  await evidence.getByLabel("Paste output").fill(readFileSync(join(fixtures, "old.txt"), "utf8"));
  await evidence.getByRole("button", { name: "Attach evidence" }).click();
  await expect(page.locator(".evidence-side[data-side='Go']")).toContainText("laptop, 10 runs");

  // Drop the Rust run as a file.
  await page.locator("#evidence details.evidence-forms summary").click();
  await evidence.getByLabel("Option").fill("Rust");
  await evidence.getByLabel("Or drop a file").setInputFiles(join(fixtures, "new.txt"));
  await evidence.getByRole("button", { name: "Attach evidence" }).click();

  const table = page.getByTestId("comparison");
  const parse = table.locator("tr", { hasText: "BenchmarkParse-8" }).first();
  await expect(parse.locator("td.delta")).toHaveText("-16.56%");
  await expect(parse).toHaveClass(/significant better/);
  const yaml = table.locator("tr", { hasText: "BenchmarkParse/yaml-8" }).first();
  await expect(yaml.locator("td.delta")).toHaveText("~");
  const render = table.locator("tr", { hasText: "BenchmarkRender-8" }).first();
  await expect(render).toHaveClass(/significant worse/);

  // The raw text is one click away, byte for byte.
  const piece = page.locator(".evidence-side[data-side='Go'] details").first();
  await piece.locator("summary").click();
  const rawHref = await piece.getByRole("link", { name: "Raw text" }).getAttribute("href");
  const raw = await request.get(rawHref!);
  expect(await raw.text()).toBe(readFileSync(join(fixtures, "old.txt"), "utf8"));
});

test("a malformed paste is refused with its line and kept", async ({ page, request }) => {
  const n = await createAdr(request, { title: uniqueTitle("Bad paste"), options: [{ name: "Go" }] });
  await page.goto(`/adr/${n}`);
  const evidence = page.locator("#evidence .evidence-forms");
  await evidence.getByLabel("Option").fill("Go");
  await evidence.getByLabel("Format").selectOption("gobench");
  await evidence.getByLabel("Paste output").fill("BenchmarkX 10 five ns/op");
  await evidence.getByRole("button", { name: "Attach evidence" }).click();
  await expect(page.getByTestId("evidence-error")).toContainText("line 1, column 15");
  await expect(evidence.getByLabel("Paste output")).toHaveValue("BenchmarkX 10 five ns/op");
});

test("metrics are judged by the guide's rules and by a rule added on the page", async ({ page, request }) => {
  const n = await createAdr(request, { title: uniqueTitle("Worker pool"), options: [{ name: "Go" }] });
  await page.goto(`/adr/${n}`);
  const evidence = page.locator("#evidence .evidence-forms");
  await evidence.getByLabel("Option").fill("Go");
  await evidence
    .getByLabel("Paste output")
    .fill("# TYPE go_goroutines gauge\ngo_goroutines 12000\n# TYPE queue_depth gauge\nqueue_depth{queue=\"a\"} 7\nqueue_depth{queue=\"b\"} 3\n");
  await evidence.getByRole("button", { name: "Attach evidence" }).click();

  const verdicts = page.getByTestId("verdicts");
  const goroutines = verdicts.locator("tr", { hasText: "go_goroutines" });
  await expect(goroutines.locator("td.verdict")).toHaveAttribute("data-verdict", "fail");
  await expect(goroutines.locator("td.verdict")).toHaveText("fail (12000)");
  const red = await goroutines.locator("td.verdict").evaluate((td) => getComputedStyle(td).color);

  const form = page.locator("#evidence details.rule-form");
  await form.locator("summary").click();
  await form.getByLabel("Metric").fill("queue_depth");
  await form.getByLabel("Label matchers").fill("queue=b");
  await form.getByLabel("Across series").selectOption("max");
  await form.getByLabel("Threshold").fill("5");
  await form.getByLabel("Description").fill("queue b stays short");
  await form.getByRole("button", { name: "Add rule" }).click();
  const queue = page.getByTestId("verdicts").locator("tr", { hasText: "queue b stays short" });
  await expect(queue.locator("td.verdict")).toHaveAttribute("data-verdict", "pass");
  await expect(queue.locator("td.verdict")).toHaveText("pass (3)");
  const green = await queue.locator("td.verdict").evaluate((td) => getComputedStyle(td).color);
  expect(green).not.toBe(red);
});

test("two options' scrapes are compared rule by rule", async ({ page, request }) => {
  const n = await createAdr(request, {
    title: uniqueTitle("Scrapes"),
    options: [{ name: "Go" }, { name: "Rust" }],
  });
  for (const [option, goroutines] of [["Go", 12000], ["Rust", 9000]]) {
    const response = await request.post(`/api/v1/adrs/${n}/evidence?option=${option}&format=prometheus`, {
      headers: { "content-type": "text/plain" },
      data: `# TYPE go_goroutines gauge\ngo_goroutines ${goroutines}\n`,
    });
    expect(response.status()).toBe(201);
  }
  await page.goto(`/adr/${n}`);
  const verdicts = page.getByTestId("verdicts");
  await expect(verdicts.locator("thead th").last()).toHaveText("Change, Go → Rust");
  const row = verdicts.locator("tr", { hasText: "go_goroutines" });
  await expect(row.locator("td.verdict")).toHaveText(["fail (12000)", "pass (9000)"]);
  await expect(row.locator("td.metric-delta")).toHaveText("−3000 (-25.00%)");

  // Each option's parsed table lists its series with their values.
  const piece = page.locator(".evidence-side[data-side='Rust'] details").first();
  await piece.locator("summary").click();
  await expect(piece.locator("table.parsed tbody tr")).toHaveText([/go_goroutines\s*gauge\s*9000/]);
});
