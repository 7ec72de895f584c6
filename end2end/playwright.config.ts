import { defineConfig } from "@playwright/test";

// Debian's Chromium, started the way this machine needs: no sandbox (root), no background
// networking (the network is closed), no GPU.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "./tests",
  globalSetup: "./global-setup.ts",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  // One worker: under two workers' load a page has been seen, rarely, to arrive with the
  // fallback Content-Security-Policy instead of its nonce policy (the header set through
  // leptos_axum's ResponseOptions went missing), which blocks Leptos' own inline scripts.
  // That defect is open (see the hostile-input issue's note); this keeps CI from flaking on it
  // until the nonce and its header come from one middleware.
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: process.env.BASE_URL ?? "http://127.0.0.1:3000",
    launchOptions: chromium,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "javascript",
      testIgnore: /nojs\.spec\.ts/,
      use: { javaScriptEnabled: true },
    },
    {
      name: "no-javascript",
      testMatch: /nojs\.spec\.ts/,
      use: { javaScriptEnabled: false },
    },
  ],
});
