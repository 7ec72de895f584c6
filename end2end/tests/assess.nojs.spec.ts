import { expect, test } from "@playwright/test";
import { createAdr, uniqueTitle } from "./support";

test("walk the decision tree with JavaScript disabled, one question per page", async ({ page, request }) => {
  const n = await createAdr(request, {
    title: uniqueTitle("Tree without scripts"),
    options: [{ name: "Python" }, { name: "Go" }],
    chosen_option: "Python",
  });
  await page.goto(`/adr/${n}/assess`);
  const walker = page.getByTestId("tree-walker");
  await expect(walker.getByTestId("tree-question")).toContainText("Latency requirement?");
  await walker.getByRole("button", { name: "< 100ms p99" }).click();
  await expect(page.getByTestId("tree-question")).toContainText("Team size?");
  await page.getByTestId("tree-walker").getByRole("button", { name: "1-5 devs" }).click();
  await page.getByTestId("tree-walker").getByRole("button", { name: "Python/Django" }).click();
  await page.getByTestId("tree-walker").getByRole("button", { name: "No", exact: true }).click();
  await expect(page.getByTestId("tree-outcome")).toContainText("Keep Python");
  await expect(page.getByTestId("tree-walker")).toContainText("This agrees with the chosen option, Python.");
  await expect(page.getByTestId("tree-path").locator("li")).toHaveCount(4);

  await page.getByRole("button", { name: "Start over" }).click();
  await page.getByTestId("tree-walker").getByRole("button", { name: "None of these" }).click();
  await expect(page.getByTestId("tree-outcome")).toContainText("The guide gives no recommendation");

  // Scores save as a plain form, and the server ranks them.
  await page.getByLabel("Python score for Compilation speed").selectOption("2");
  await page.getByLabel("Go score for Compilation speed").selectOption("5");
  await page.getByRole("button", { name: "Save scores" }).click();
  await expect(page.getByTestId("ranking").locator("li").first()).toContainText("Go — 15");
});
