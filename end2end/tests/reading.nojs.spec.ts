import { expect, test } from "@playwright/test";
import { createAdr, uniqueTitle } from "./support";

test("pages read fully and forms work with JavaScript disabled", async ({ page, request }) => {
  const title = uniqueTitle("Read without scripts");
  const n = await createAdr(request, {
    title,
    context: "Plain *HTML* for everyone.",
    options: [{ name: "Server rendering", good: ["works everywhere"] }],
    chosen_option: "Server rendering",
  });

  await page.goto("/");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.locator("#context em")).toHaveText("HTML");
  await expect(page.locator(".chosen-option")).toContainText("Server rendering");

  // Create through the plain form.
  await page.goto("/adr/new");
  const created = uniqueTitle("Made without scripts");
  await page.getByLabel("Title").fill(created);
  await page.getByLabel("Context and problem statement").fill("Posted as a form.");
  await page.getByRole("button", { name: "Create ADR" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(created);

  // A refused post comes back with the text and the reason.
  await page.goto("/adr/new");
  await page.getByLabel("Title").fill("   ");
  await page.getByLabel("Context and problem statement").fill("Keep this");
  await page.getByRole("button", { name: "Create ADR" }).click();
  await expect(page.locator(".field-error").first()).toContainText("title must not be empty");
  await expect(page.getByLabel("Context and problem statement")).toHaveValue("Keep this");

  // Edit through the plain form, then move the status with the plain lifecycle form.
  await page.goto(`/adr/${n}/edit`);
  await page.getByLabel("Context and problem statement").fill("Edited without scripts.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("#context")).toContainText("Edited without scripts.");
  await page.getByRole("button", { name: "Propose" }).click();
  await expect(page.locator(".adr-status .badge")).toHaveText("Proposed");

  // Search is a plain GET form.
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search" }).fill("Edited without scripts");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});
