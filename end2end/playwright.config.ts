import { defineConfig, devices } from "@playwright/test";

// The release build serves on its own port with a fresh SQLite database and
// the demo accounts; the password is fixed here so the tests can log in.
export const DEMO_PASSWORD = "E2e-Demo-Password-42";
const PORT = 3100;

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
  },
  projects: [
    { name: "hydrated", use: { ...chromium, javaScriptEnabled: true } },
    // Public pages must work without JavaScript too.
    { name: "no-js", use: { ...chromium, javaScriptEnabled: false }, grep: /@public/ },
  ],
  webServer: {
    cwd: "..",
    command: "rm -rf target/e2e && exec target/release/server serve",
    url: `http://127.0.0.1:${PORT}/ready`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      DATABASE_URL: "sqlite://target/e2e/e2e.db",
      CE_MEDIA_DIR: "target/e2e/media",
      CE_LISTEN_ADDR: `127.0.0.1:${PORT}`,
      CE_DEMO: "true",
      CE_DEMO_PASSWORD: DEMO_PASSWORD,
      LEPTOS_SITE_ROOT: "target/site",
      LEPTOS_SITE_PKG_DIR: "pkg",
      LEPTOS_OUTPUT_NAME: "causal-edge",
      LEPTOS_ENV: "PROD",
      RUST_LOG: "warn",
      // The whole suite runs from one address; the per-address API and
      // lead limits (60/min and 5/min by default) are covered by the
      // integration tests. With the spec's 5 leads a minute, this suite's
      // lead forms failed whenever six of them fell in one clock minute.
      CE_API_RATE_LIMIT: "100000/min",
      CE_LEAD_RATE_LIMIT: "100000/min",
    },
  },
});
