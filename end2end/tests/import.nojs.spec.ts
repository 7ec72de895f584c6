import { expect, test } from "@playwright/test";

test("without JavaScript, files upload through the plain form and the report links the ADRs", async ({ page }) => {
  const stamp = `${Date.now().toString(36)}${process.pid}`;
  await page.goto("/import");
  await page.locator("input[type=file]").setInputFiles([
    {
      name: `0001-imported-${stamp}.md`,
      mimeType: "text/markdown",
      buffer: Buffer.from(`# 1. Imported ${stamp}\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n\n## Context\n\nFrom adr-tools.\n`),
    },
    { name: "README.md", mimeType: "text/markdown", buffer: Buffer.from("# Decisions\n") },
  ]);
  await page.getByRole("button", { name: "Import" }).click();
  const report = page.getByTestId("import-report");
  await expect(page.getByTestId("import-summary")).toContainText("1 imported, 0 updated, 0 unchanged, 1 skipped, 0 failed");
  await expect(report.locator("tr[data-outcome='skipped']")).toContainText("README.md");
  // On a phone the report fits: the page does not scroll sideways.
  await page.setViewportSize({ width: 375, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await report.locator("tr[data-outcome='imported'] a").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Imported ${stamp}`);
  await expect(page.locator(".adr-status")).toContainText("Accepted");
});
