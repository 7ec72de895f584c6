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
  workers: 2,
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
