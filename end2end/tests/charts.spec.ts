import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createAdr, uniqueTitle } from "./support";

const fixtures = join(__dirname, "..", "..", "app", "tests", "fixtures", "benchstat");

async function attach(request: import("@playwright/test").APIRequestContext, n: number, option: string, file: string) {
  const response = await request.post(`/api/v1/adrs/${n}/evidence?option=${option}`, {
    headers: { "content-type": "text/plain" },
    data: readFileSync(join(fixtures, file), "utf8"),
  });
  expect(response.status()).toBe(201);
}

test("the ADR page shows its charts, and the copy buttons put the right text on the clipboard", async ({ page, request, context, baseURL }) => {
  const n = await createAdr(request, {
    title: uniqueTitle("Charted language"),
    options: [{ name: "Go" }, { name: "Rust" }],
    chosen_option: "Rust",
  });
  await attach(request, n, "Go", "old.txt");
  await attach(request, n, "Rust", "new.txt");
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.goto(`/adr/${n}`);

  const figure = page.locator("figure[data-chart='benchmarks']");
  const image = figure.locator("img");
  await image.scrollIntoViewIfNeeded();
  await expect(image).toHaveAttribute("alt", `ADR-${String(n).padStart(4, "0")} benchmarks against Go`);
  // The image loaded and was drawn at its size (an image that failed has no natural width).
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(960);
  await expect(page.locator("figure[data-chart='relative'] img")).toBeVisible();
  // The table is still there beside the charts.
  await expect(page.getByTestId("comparison")).toBeVisible();

  // Both copy buttons have hydrated (each island marks itself from an effect).
  await expect(figure.locator("a.copy[data-hydrated='true']")).toHaveCount(2);
  const png = `${baseURL}/adr/${n}/charts/benchmarks.png?base=Go`;
  await figure.getByRole("link", { name: "Copy image link" }).click();
  await expect(figure.getByRole("status").first()).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(png);
  await figure.getByRole("link", { name: "Copy markdown" }).click();
  await expect(figure.getByRole("status").nth(1)).toHaveText("Copied");
  const markdown = `![ADR-${String(n).padStart(4, "0")} benchmarks](${png})`;
  // The link without JavaScript gives the same markdown.
  const linked = await request.get((await figure.getByRole("link", { name: "Copy markdown" }).getAttribute("href"))!);
  expect((await linked.text()).trim()).toBe(markdown);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(markdown);
  // The copied link is the picture.
  const fetched = await request.get(png);
  expect(fetched.headers()["content-type"]).toBe("image/png");
  // Copying did not leave the page.
  expect(page.url()).toContain(`/adr/${n}`);
});

test("the guide page shows its language chart", async ({ page }) => {
  await page.goto("/guide");
  const image = page.locator("figure[data-chart='languages'] img");
  await image.scrollIntoViewIfNeeded();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(800);
});

test("on a phone the charts fit the page, which does not scroll sideways", async ({ browser, request }) => {
  const n = await createAdr(request, { title: uniqueTitle("Phone charts"), options: [{ name: "Go" }, { name: "Rust" }] });
  await attach(request, n, "Go", "old.txt");
  await attach(request, n, "Rust", "new.txt");
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  for (const path of [`/adr/${n}`, "/guide"]) {
    await page.goto(path);
    const image = page.locator("figure.chart img").first();
    await image.scrollIntoViewIfNeeded();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const box = await image.boundingBox();
    expect(box!.x + box!.width, path).toBeLessThanOrEqual(375);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375);
  }
  await context.close();
});
