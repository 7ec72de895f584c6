import { expect, test } from "@playwright/test";
import { createAdr, uniqueTitle, waitForIsland } from "./support";

async function goOrRust(request: Parameters<typeof createAdr>[0]) {
  return createAdr(request, {
    title: uniqueTitle("Language for the matching engine"),
    options: [{ name: "Go" }, { name: "Rust" }],
    chosen_option: "Go",
  });
}

test("assess an ADR with the decision matrix and watch the deviation mark appear and clear", async ({ page, request }) => {
  const n = await goOrRust(request);
  await page.goto(`/adr/${n}/assess?matrix=architecture-decision-matrix`);
  await page.getByLabel(/Sub-microsecond latency/).check();
  await page.getByRole("button", { name: "Cite the ticked rows" }).click();

  // The documented rule pre-fills the judgements: Go is what the row says to avoid.
  const row = page.locator('tr[data-row="sub-microsecond-latency"]');
  await expect(row.getByLabel("Go by sub-microsecond-latency")).toHaveValue("avoid");
  await expect(row.getByLabel("Rust by sub-microsecond-latency")).toHaveValue("recommended");
  await expect(row).toContainText("Recommended: Rust or C++");
  await expect(page.getByTestId("deviation")).toContainText("Deviates from the guide");

  await page.goto(`/adr/${n}`);
  await expect(page.getByTestId("deviation-mark")).toContainText("Deviates from the guide");
  await expect(page.locator("#against-the-guide")).toContainText("Avoid: Go (GC pauses)");
  await expect(page.locator("#against-the-guide")).toContainText("Why: GC is unacceptable at this level");
  await page.goto("/");
  await expect(page.getByTestId("awaiting-justification")).toContainText(`ADR-${String(n).padStart(4, "0")}`);

  await page.goto(`/adr/${n}/assess`);
  await page.getByLabel("Justification for the deviation").fill("Our p99 budget is 5 ms; GC pauses fit in it.");
  await page.getByRole("button", { name: "Save justification" }).click();
  await page.goto(`/adr/${n}`);
  await expect(page.getByTestId("deviation-mark")).toContainText("with a justification");
  await expect(page.locator("#against-the-guide")).toContainText("Our p99 budget is 5 ms");

  // Judging Go neither way clears the mark altogether.
  await page.goto(`/adr/${n}/assess`);
  await page.getByLabel("Go by sub-microsecond-latency").selectOption("neither");
  await page.getByRole("button", { name: "Save judgements" }).click();
  await page.goto(`/adr/${n}`);
  await expect(page.getByTestId("deviation-mark")).toHaveCount(0);
});

test("walking the decision tree answers at once and is kept", async ({ page, request }) => {
  const n = await goOrRust(request);
  await page.goto(`/adr/${n}/assess`);
  await waitForIsland(page, '[data-testid="tree-walker"]');
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  const walker = page.getByTestId("tree-walker");
  await walker.getByRole("button", { name: "< 10ms p99" }).click();
  await expect(walker.getByTestId("tree-question")).toContainText("Team size?");
  await walker.getByRole("button", { name: "5+ devs" }).click();
  await expect(walker.getByTestId("tree-outcome")).toContainText("Go — readability at scale");
  await expect(walker).toContainText("This agrees with the chosen option, Go.");
  // No page load happened: the marker set before the clicks is still there.
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

  // Saved in the background: a fresh load shows the same path.
  await expect
    .poll(async () => (await (await request.get(`/api/v1/adrs/${n}/assessment`)).json()).tree.answers)
    .toEqual(["< 10ms p99", "5+ devs"]);
  await page.reload();
  await expect(page.getByTestId("tree-outcome")).toContainText("Go — readability at scale");
  await waitForIsland(page, '[data-testid="tree-walker"]');
  await page.getByRole("button", { name: "Start over" }).click();
  await expect(page.getByTestId("tree-question")).toContainText("Latency requirement?");
  await page.getByTestId("tree-walker").getByRole("button", { name: "< 1us p99" }).click();
  await expect(page.getByTestId("tree-outcome")).toContainText("Rust or C++");
  await expect(page.getByTestId("tree-walker")).toContainText("The chosen option, Go, is not what the tree recommends.");
});

test("changing a weight changes the ranking live", async ({ page, request }) => {
  const n = await goOrRust(request);
  const put = await request.put(`/api/v1/adrs/${n}/assessment`, {
    data: {
      version: 0,
      criteria: [
        { id: "speed", name: "Speed", weight: 3 },
        { id: "learning", name: "Learning curve", weight: 2 },
      ],
      scores: [
        { criterion: "speed", option: "go", score: 3 },
        { criterion: "speed", option: "rust", score: 5 },
        { criterion: "learning", option: "go", score: 5 },
        { criterion: "learning", option: "rust", score: 2 },
      ],
    },
  });
  expect(put.status()).toBe(200);
  await page.goto(`/adr/${n}/assess`);
  await waitForIsland(page, '[data-testid="scoring"]');
  const ranking = page.getByTestId("ranking");
  // Go: 3*3 + 2*5 = 19; Rust: 3*5 + 2*2 = 19: a tie to start with.
  await expect(page.locator('.total[data-option="go"]')).toHaveText("19");
  await expect(page.locator('.total[data-option="rust"]')).toHaveText("19");

  await page.getByLabel("Weight of Speed").selectOption("5");
  // Go: 15 + 10 = 25; Rust: 25 + 4 = 29.
  await expect(page.locator('.total[data-option="rust"]')).toHaveText("29");
  await expect(ranking.locator("li").first()).toContainText("Rust — 29");
  await page.getByLabel("Weight of Learning curve").selectOption("5");
  // Go: 15 + 25 = 40; Rust: 25 + 10 = 35.
  await expect(ranking.locator("li").first()).toContainText("Go — 40");
  await expect(page.getByTestId("flips")).toContainText("No single weight change");

  await page.getByRole("button", { name: "Save scores" }).click();
  await expect(page.getByTestId("scoring-status")).toHaveText("Saved");
  const saved = await (await request.get(`/api/v1/adrs/${n}/assessment`)).json();
  expect(saved.ranking.winners).toEqual(["go"]);
});
