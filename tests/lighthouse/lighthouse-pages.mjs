#!/usr/bin/env node
// Lighthouse (desktop preset) on many pages from one Node process and one Chromium: the
// test-only runner of tests/test_validators.py. The pinned Lighthouse is the one `make
// lighthouse` installs into .tools/lighthouse/ (tests/lighthouse/package-lock.json).
//
// Usage: lighthouse-pages.mjs <node_modules folder> <report.json> <categories,comma,separated> <url>...
// Environment: CHROME_PATH (the Chromium to launch), KB_CHROME_FLAGS (its flags, as JSON).
// Writes, per URL: each category's score, and each audit below 1 (weighted or not) with the first items
// of its details (selectors and snippets), so that a failure names what to fix.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [modules, output, categories, ...urls] = process.argv.slice(2);
if (!modules || !output || !categories || urls.length === 0) {
  console.error("usage: lighthouse-pages.mjs <node_modules> <report.json> <categories> <url>...");
  process.exit(2);
}
const load = (path) => import(pathToFileURL(join(modules, path)).href);
const { default: lighthouse } = await load("lighthouse/core/index.js");
const { default: desktop } = await load("lighthouse/core/config/desktop-config.js");
const chromeLauncher = await load("chrome-launcher/dist/index.js");

const flags = JSON.parse(process.env.KB_CHROME_FLAGS || "[]");
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: ["--headless=new", ...flags],
});

function item(entry) {
  const node = entry.node || entry;
  return node.selector || node.snippet || entry.url || entry.source?.url || JSON.stringify(entry).slice(0, 200);
}

const QUICK = {
  pauseAfterFcpMs: 250,
  pauseAfterLoadMs: 250,
  networkQuietThresholdMs: 250,
  cpuQuietThresholdMs: 250,
  skipAboutBlank: true,
};

const report = {};
try {
  for (const url of urls) {
    const result = await lighthouse(
      url,
      {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: categories.split(","),
        // Time, not findings: no screenshots; when Performance is not asked, shorter waits for a
        // quiet page (a static page served from this machine is quiet at once).
        disableFullPageScreenshot: true,
        ...(categories.split(",").includes("performance") ? {} : QUICK),
      },
      desktop,
    );
    const lhr = result.lhr;
    const scores = {};
    const failing = {};
    for (const [id, category] of Object.entries(lhr.categories)) {
      scores[id] = category.score;
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        // Audits that count for nothing in the score (weight 0) but still find a fault, such as
        // accessibility's label-content-name-mismatch, are reported too.
        if (audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== "informative") {
          const items = (audit.details?.items || []).slice(0, 5).map(item);
          failing[ref.id] = { title: audit.title, score: audit.score, items };
        }
      }
    }
    const metrics = lhr.audits.metrics?.details?.items?.[0] || {};
    report[url] = {
      runtimeError: lhr.runtimeError?.message || null,
      scores,
      failing,
      lcp: metrics.largestContentfulPaint ?? null,
      cls: metrics.cumulativeLayoutShift ?? null,
      bytes: lhr.audits["total-byte-weight"]?.numericValue ?? null,
    };
  }
} finally {
  await chrome.kill();
}
writeFileSync(output, JSON.stringify(report, null, 1));
