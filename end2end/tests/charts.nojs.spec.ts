import { expect, test } from "@playwright/test";
import { createAdr, uniqueTitle } from "./support";

test("without JavaScript the copy buttons are links to what they would copy", async ({ page, request, baseURL }) => {
  const n = await createAdr(request, { title: uniqueTitle("Scored"), options: [{ name: "Go" }, { name: "Rust" }] });
  const saved = await request.put(`/api/v1/adrs/${n}/assessment`, {
    data: {
      version: 0,
      criteria: [{ id: "speed", name: "Speed", weight: 3 }],
      scores: [
        { criterion: "speed", option: "go", score: 4 },
        { criterion: "speed", option: "rust", score: 5 },
      ],
    },
  });
  expect(saved.ok()).toBeTruthy();
  await page.goto(`/adr/${n}/assess`);
  const figure = page.locator("figure[data-chart='scores']");
  await figure.scrollIntoViewIfNeeded();
  await expect.poll(() => figure.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(900);
  const label = `ADR-${String(n).padStart(4, "0")}`;
  await expect(figure.getByRole("link", { name: "Copy image link" })).toHaveAttribute("href", `${baseURL}/adr/${n}/charts/scores.png`);
  await figure.getByRole("link", { name: "Copy markdown" }).click();
  await expect(page.locator("body")).toHaveText(`![${label} scores](${baseURL}/adr/${n}/charts/scores.png)`);
});
