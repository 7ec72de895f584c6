import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { createAdr, uniqueTitle } from "./support";

test("an ADR downloads as markdown, and its copy buttons put its link on the clipboard", async ({ page, request, context, baseURL }) => {
  const title = uniqueTitle("Shared decision");
  const n = await createAdr(request, { title, tickets: ["PLAT-7"] });
  const key = `ADR-${String(n).padStart(4, "0")}`;
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.goto(`/adr/${n}`);
  const share = page.locator(".adr-share");
  await expect(share.locator("a.copy[data-hydrated='true']")).toHaveCount(2);

  const url = page.url();
  await share.getByRole("link", { name: "Copy link", exact: true }).click();
  await expect(share.getByRole("status").first()).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await share.getByRole("link", { name: "Copy markdown link" }).click();
  await expect(share.getByRole("status").nth(1)).toHaveText("Copied");
  const markdown = `[${key}: ${title}](${url})`;
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(markdown);
  expect(page.url()).toBe(url);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    share.getByTestId("export-md").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${String(n).padStart(4, "0")}-shared-decision-[a-z0-9-]+\\.md$`));
  const path = await download.path();
  const text = readFileSync(path, "utf8");
  expect(text).toContain(`# ${key}: ${title}`);
  expect(text).toContain('tickets: ["PLAT-7"]');
});

test("the home page exports its filter as a zip", async ({ page, request }) => {
  const tag = `zip${Date.now().toString(36)}`;
  await createAdr(request, { title: uniqueTitle("Zipped"), tags: [tag] });
  await page.goto(`/?tag=${tag}`);
  const link = page.getByTestId("export-zip");
  await expect(link).toHaveAttribute("href", `/export.zip?tag=${tag}`);
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("tradeoff-decisions.zip");
  const bytes = readFileSync(await download.path());
  // A zip starts with its local file header.
  expect(bytes.subarray(0, 4).toString("hex")).toBe("504b0304");
});
