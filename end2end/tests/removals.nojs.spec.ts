import { expect, test } from "@playwright/test";
import { createAdr, moveTo, uniqueTitle } from "./support";

// Every removal works as a plain form behind a step the user opens first.

test("delete a draft from its page; its page then says who deleted it", async ({ page, request }) => {
  const title = uniqueTitle("Draft to delete");
  const n = await createAdr(request, { title });
  await page.goto(`/adr/${n}`);
  const step = page.locator("details.delete-draft");
  const button = step.getByRole("button", { name: /^Delete ADR-/ });
  await expect(button).toBeHidden();
  await step.locator("summary", { hasText: "Delete this draft" }).click();
  await expect(step).toContainText("Its number is not reused");
  await button.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Deleted");
  await expect(page.locator(".page-error")).toContainText("was deleted by anonymous at");
  await page.goto(`/?q=${encodeURIComponent(title)}`);
  await expect(page.locator("main")).not.toContainText(title);
});

test("a proposed ADR offers no delete step", async ({ page, request }) => {
  const n = await createAdr(request, { title: uniqueTitle("Proposed, kept") });
  await moveTo(request, n, ["proposed"]);
  await page.goto(`/adr/${n}`);
  await expect(page.getByText("Lifecycle")).toBeVisible();
  await expect(page.locator("details.delete-draft")).toHaveCount(0);
});

test("remove a relation from the page, behind its own step", async ({ page, request }) => {
  const a = await createAdr(request, { title: uniqueTitle("Relation source") });
  const b = await createAdr(request, { title: uniqueTitle("Relation target") });
  const linked = await request.post(`/api/v1/adrs/${a}/links`, { data: { type: "relates", target: b } });
  expect(linked.status()).toBe(201);
  await page.goto(`/adr/${a}`);
  const relation = page.locator(".relations li[data-relation=relates]");
  await expect(relation).toHaveCount(1);
  await relation.getByLabel(/^Remove the relation: relates to ADR-/).click();
  await relation.getByRole("button", { name: /^Remove "relates to ADR-/ }).click();
  await expect(page.locator(".relations")).toContainText("No related decisions yet.");
  await expect(page.locator(".history")).toContainText("relation removed: relates to");
});

test("archive a team matrix from its page and restore it", async ({ page, request }) => {
  const name = uniqueTitle("Archivable matrix");
  const created = await request.post("/api/v1/matrices", {
    data: { name, markdown: "| Case | Recommended | Avoid |\n|---|---|---|\n| Pricing | Go | Rust |" },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  await page.goto(`/matrices/${id}`);
  await page.locator("summary", { hasText: "Archive this matrix" }).click();
  await page.getByRole("button", { name: "Archive", exact: true }).click();
  await expect(page.getByTestId("archived")).toContainText("no longer offered for new assessments");
  await expect(page.getByRole("button", { name: "Save revision" })).toHaveCount(0);
  await page.getByRole("button", { name: "Restore this matrix" }).click();
  await expect(page.getByTestId("archived")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save revision" })).toBeVisible();
});
