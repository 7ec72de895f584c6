import { expect, test } from "@playwright/test";
import { createAdr, moveTo, uniqueTitle } from "./support";

test("an ADR moves through its lifecycle to superseded by another", async ({ page, request }) => {
  const oldTitle = uniqueTitle("Monolith first");
  const newTitle = uniqueTitle("Split the billing service");
  const oldN = await createAdr(request, { title: oldTitle });
  const newN = await createAdr(request, { title: newTitle });
  await moveTo(request, newN, ["proposed", "accepted"]);

  await page.goto(`/adr/${oldN}`);
  await expect(page).toHaveURL(new RegExp(`/adr/${oldN}-monolith-first`));
  const status = page.locator(".adr-status .badge");
  await expect(status).toHaveText("Draft");
  await page.getByRole("button", { name: "Propose" }).click();
  await expect(status).toHaveText("Proposed");
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(status).toHaveText("Accepted");

  // A move the lifecycle does not allow is not offered, and the API refuses it.
  await expect(page.getByRole("button", { name: "Propose" })).toHaveCount(0);

  await page.getByLabel("Superseded by (ADR numbers)").fill(`ADR-${String(newN).padStart(4, "0")}`);
  await page.getByRole("button", { name: "Mark superseded" }).click();
  await expect(status).toHaveText("Superseded");
  await expect(page.locator(".relations")).toContainText(`Superseded by ADR-${String(newN).padStart(4, "0")}`);
  await expect(page.locator(".transitions li")).toHaveCount(3);
  await expect(page.locator(".lifecycle")).toContainText("This status is final.");

  await page.getByRole("link", { name: `ADR-${String(newN).padStart(4, "0")}: ${newTitle}` }).click();
  await expect(page.locator(".relations")).toContainText(`Supersedes ADR-${String(oldN).padStart(4, "0")}`);
});
