// Shared steps: unique titles, creating ADRs through the API, waiting for islands.
import { APIRequestContext, Page, expect } from "@playwright/test";

let counter = 0;

/** A title no other test uses, so tests share one database safely. */
export function uniqueTitle(what: string): string {
  counter += 1;
  return `${what} ${Date.now().toString(36)}${process.pid}${counter}`;
}

/** Creates an ADR through the JSON API and returns its number. */
export async function createAdr(request: APIRequestContext, body: Record<string, unknown>): Promise<number> {
  const response = await request.post("/api/v1/adrs", { data: body });
  expect(response.status()).toBe(201);
  return (await response.json()).number;
}

export async function moveTo(request: APIRequestContext, n: number, statuses: string[]) {
  for (const status of statuses) {
    const response = await request.post(`/api/v1/adrs/${n}/status`, { data: { status } });
    expect(response.status()).toBe(200);
  }
}

/** Waits until the editor island has hydrated (it marks itself from an effect). */
export async function waitForEditor(page: Page) {
  await page.locator('form.adr-form[data-hydrated="true"]').waitFor();
}

/** Waits until an island marked with data-hydrated has hydrated. */
export async function waitForIsland(page: Page, selector: string) {
  await page.locator(`${selector}[data-hydrated="true"]`).waitFor();
}
