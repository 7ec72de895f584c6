import { expect, test } from "@playwright/test";
import { uniqueTitle, waitForIsland } from "./support";

test("a team adds a matrix in the grid editor and revises it", async ({ page }) => {
  const name = uniqueTitle("Queue choices");
  await page.goto("/matrices");
  await waitForIsland(page, ".matrix-grid");
  await page.getByLabel("Name", { exact: true }).fill(name);
  const grid = page.locator(".matrix-grid");
  // The starting grid has four columns: Scenario, Recommended, Avoid, Why.
  await grid.getByLabel("Row 1 column 1").fill("Event bus");
  await grid.getByLabel("Row 1 column 2").fill("NATS");
  await grid.getByLabel("Row 1 column 3").fill("Kafka");
  await grid.getByLabel("Row 1 column 4").fill("Fewer moving parts");
  await grid.getByRole("button", { name: "+ Row" }).click();
  await grid.getByLabel("Row 2 column 1").fill("Audit log");
  await grid.getByLabel("Row 2 column 2").fill("Kafka");
  await grid.getByLabel("Row 2 column 3").fill("NATS");
  await grid.getByLabel("Row 2 column 4").fill("Replay");
  await page.getByRole("button", { name: "Add matrix" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.locator("table.matrix")).toContainText("Audit log");
  await expect(page.locator("table.matrix tbody tr")).toHaveCount(2);

  // Revise as markdown: the grid and the markdown are two views of the same table.
  await waitForIsland(page, ".matrix-grid");
  await page.getByRole("button", { name: "Edit as markdown" }).click();
  const markdown = page.getByLabel("Markdown table");
  await expect(markdown).toHaveValue(/\| Event bus \| NATS \| Kafka \| Fewer moving parts \|/);
  await markdown.fill(
    "| Scenario | Recommended | Avoid | Why |\n| --- | --- | --- | --- |\n| Event bus | Kafka | NATS | Replay wins |",
  );
  await page.getByRole("button", { name: "Save revision" }).click();
  await expect(page.locator(".lede")).toContainText("Revision 2 of 2");
  await expect(page.locator("table.matrix tbody tr")).toHaveCount(1);
  await page.getByRole("link", { name: "Revision 1" }).click();
  await expect(page.locator("table.matrix")).toContainText("Audit log");
});

test("a malformed table is refused with the line and the text kept", async ({ page }) => {
  await page.goto("/matrices");
  await waitForIsland(page, ".matrix-grid");
  await page.getByLabel("Name", { exact: true }).fill("Broken");
  await page.getByRole("button", { name: "Edit as markdown" }).click();
  await page.getByLabel("Markdown table").fill("| A | B |\n| --- | --- |\n| only one cell |");
  await page.getByRole("button", { name: "Add matrix" }).click();
  await expect(page.getByTestId("matrix-error")).toContainText("line 3: 1 cells, but the header has 2 columns");
});
