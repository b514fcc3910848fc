// Drives the live page of a running RestServer in headless Chromium. Run by LivePageIT and by the screenshot
// step of docs/live-page.md:
//   node live-page.mjs check <url of /ui?token=...> <config JSON>   steps printed one JSON line each
//   node live-page.mjs shoot <url of /ui?token=...> <png> [settle ms]
// config: {"elements": [ids the page must draw], "push": {"element": id, "body": JSON text, "count": n},
//          "stop": id}
import { chromium } from 'playwright-core';

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const [mode, url, arg, settle] = process.argv.slice(2);

function step(name, data) {
  console.log(JSON.stringify(Object.assign({ step: name }, data)));
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  const problems = [];
  page.on('pageerror', e => problems.push('page error: ' + e.message));
  page.on('console', m => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
  const response = await page.goto(url);
  step('opened', { url: page.url(), status: response.status() });
  await page.waitForSelector('g.element');
  if (mode === 'shoot') {
    await page.waitForSelector('#status.ok', { timeout: 10000 });
    await page.waitForTimeout(Number(settle || 2500));
    const size = await page.evaluate(() => {
      const svg = document.getElementById('topology');
      return { w: Math.ceil(svg.getBoundingClientRect().width) + 40, h: Math.ceil(svg.getBoundingClientRect().bottom) + 20 };
    });
    await page.setViewportSize({ width: Math.max(900, Math.min(size.w, 2400)), height: Math.max(400, Math.min(size.h, 2400)) });
    await page.waitForTimeout(300);
    await page.screenshot({ path: arg, fullPage: true });
    step('shot', { path: arg });
  } else if (mode === 'check') {
    const config = JSON.parse(arg);
    for (const id of config.elements) {
      await page.waitForSelector(`g.element[data-element="${id}"]`, { timeout: 10000 });
    }
    const drawn = await page.$$eval('g.element', gs => gs.map(g => g.getAttribute('data-element')));
    const starts = await page.$$eval('g.element [data-start]', ts => ts.map(t => t.getAttribute('data-start')));
    const links = await page.$$eval('g.edge', gs => gs.map(g => g.getAttribute('data-from') + '>' + g.getAttribute('data-to')));
    step('rendered', { elements: drawn, starts, links });

    const rates = page.locator(`[data-rates="${config.push.element}"]`);
    const before = await rates.textContent();
    await page.waitForSelector('#status.ok', { timeout: 10000 });
    // push through the page's own session cookie, as a person's browser would
    const dot = config.push.element.indexOf('.');
    const path = `/loops/${config.push.element.slice(0, dot)}/elements/${config.push.element.slice(dot + 1)}`;
    const statuses = await page.evaluate(async ({ path, body, count }) => {
      const out = [];
      for (let i = 0; i < count; i++) {
        const r = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
        out.push(r.status);
      }
      return out;
    }, { path, body: config.push.body, count: config.push.count });
    await page.waitForFunction(({ id, before }) => {
      const t = document.querySelector(`[data-rates="${id}"]`).textContent;
      return t !== before && !t.startsWith('in 0/s');
    }, { id: config.push.element, before }, { timeout: 10000 });
    step('rate', { before, after: await rates.textContent(), statuses });

    await page.click(`g.element[data-element="${config.stop}"] .btn[data-action="stop"]`);
    await page.waitForSelector(`g.element.stopped[data-element="${config.stop}"]`, { timeout: 10000 });
    step('stopped', { element: config.stop });
  } else {
    throw new Error('mode must be check or shoot, got ' + mode);
  }
  if (problems.length) {
    step('problems', { problems });
  }
} finally {
  await browser.close();
}
