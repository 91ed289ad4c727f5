// t/bench/browser-query.js: the 往来对账 page in Chromium (playwright-core
// from t/browser/node_modules), run by t/bench/browser-query.sh, which sets
// BQ_CASES ("label|url|documents|budget-ms;...", budget - for a reference
// without one), BQ_USER, BQ_PW, BQ_RUNS (BQ_DEBUG=1 lists the long tasks).
//
// What is measured, all from the browser's own clocks:
//  - TTI (time to interactive): from navigation start to the later of
//    (a) the first frame painted after query.js has wired the page (it
//        leaves performance.mark('dz-query-wired'); a page without the mark
//        counts from the end of DOMContentLoaded, where the old script
//        wired itself) and
//    (b) the end of the last long task or long animation frame (>= 50 ms,
//        Long Tasks and Long Animation Frames APIs) before the main thread
//        stayed free for 500 ms.
//    So: the page shows its rows, the script has wired them, and a click
//    would be handled at once. NOTE: query.js wires its handlers first and
//    then reads the rows' amounts in slices of ~8 ms (short tasks, not
//    counted as long); a tick that came before they were all read would
//    read the rest first, inside that tick's own time.
//  - load: navigation start to loadEventEnd (Navigation Timing).
//  - tick: a real mouse click on a document's tick box (scrolled into view
//    first, the page quiet) to the end of the first frame painted after the
//    page's change handlers ran: the click's event.timeStamp to a timer
//    queued from the requestAnimationFrame that follows the change event
//    (that timer runs once the frame's style, layout and paint are done).
//    The footer's 期末余额 must have changed by then, or the tick does not
//    count as "to the updated totals" (reported as "totals unchanged").
// Each figure is the median of BQ_RUNS page loads (ticks: of 5 per load).
'use strict';
const { launch, signIn, env } = require('../browser/lib');

const runs = Number(env.BQ_RUNS || 3);
const TICK_BUDGET = 100;

// Injected before any page script: long tasks, long animation frames, the
// frame after query.js's mark, and the tick probe.
function instrument() {
	const dz = window.__dzb = { long: [], wiredPaint: null, ticks: [] };
	const after = (fn) => requestAnimationFrame(() => setTimeout(fn, 0));
	for (const type of ['longtask', 'long-animation-frame']) {
		try {
			new PerformanceObserver((l) => {
				for (const e of l.getEntries())
					dz.long.push([e.startTime, e.startTime + e.duration]);
			}).observe({ type, buffered: true });
		} catch (e) { /* not supported: the other one counts */ }
	}
	new PerformanceObserver((l) => {
		for (const e of l.getEntries())
			if (e.name === 'dz-query-wired' && dz.wiredPaint === null) {
				dz.wiredMark = e.startTime;
				after(() => { dz.wiredPaint = performance.now(); });
			}
	}).observe({ type: 'mark', buffered: true });
	document.addEventListener('DOMContentLoaded', () => {
		setTimeout(() => after(() => { dz.dclPaint = performance.now(); }), 0);
	});
	let pending = null;
	window.addEventListener('click', (ev) => {
		if (ev.target && ev.target.name === 'doc')
			pending = { t0: ev.timeStamp };
	}, true);
	window.addEventListener('change', (ev) => {
		if (!pending || ev.target.name !== 'doc')
			return;
		const p = pending;
		pending = null;
		p.handled = performance.now();
		after(() => {
			const c = document.getElementById('closing');
			p.t1 = performance.now();
			p.closing = c ? c.textContent : '';
			dz.ticks.push(p);
		});
	});
}

const median = (a) => {
	const s = a.slice().sort((x, y) => x - y);
	return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const ms = (v) => (Number.isFinite(v) ? `${Math.round(v)} ms` : 'n/a');
const ratio = (v, b) => (Number.isFinite(v) && b > 0 ? `${Math.round(v / b * 100)} % of ${b} ms` : '');

// Poll from node: page.waitForFunction evaluates a string, which the
// site's CSP (no unsafe-eval) refuses.
async function until(page, fn, arg) {
	const end = Date.now() + 60000;
	while (Date.now() < end) {
		if (await page.evaluate(fn, arg))
			return;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('timed out waiting for the page');
}

async function quiet(page) {
	// wait until the main thread has been free of long tasks for 500 ms
	await until(page, () => {
		const d = window.__dzb, now = performance.now();
		const last = d.long.reduce((m, e) => Math.max(m, e[1]), 0);
		const wired = d.wiredPaint !== null || (d.dclPaint !== undefined &&
			!performance.getEntriesByName('dz-query-wired').length);
		return document.readyState === 'complete' && wired && now - last >= 500;
	});
}

async function one(page, c) {
	const res = await page.goto(c.url, { waitUntil: 'load', timeout: 60000 });
	const bytes = (await res.body()).length;
	await quiet(page);
	const m = await page.evaluate(() => {
		const d = window.__dzb;
		const nav = performance.getEntriesByType('navigation')[0];
		const wired = d.wiredPaint !== null ? d.wiredPaint : d.dclPaint;
		const last = d.long.reduce((x, e) => Math.max(x, e[1]), 0);
		return { tti: Math.max(wired, last), load: nav.loadEventEnd, wired,
			long: d.long.map((e) => e.map(Math.round).join('-')).join(' '),
			parts: [nav.responseStart, nav.responseEnd, nav.domInteractive,
				nav.domContentLoadedEventEnd].map(Math.round),
			marked: d.wiredPaint !== null,
			rows: document.querySelectorAll('#pick input[name=doc]').length };
	});
	m.bytes = bytes;
	// five ticks at rows spread over the list
	m.ticks = [];
	m.unchanged = 0;
	for (const f of m.rows > 0 ? [0.5, 0.25, 0.75, 0.1, 0.9] : []) {
		const box = page.locator('#pick input[name=doc]').nth(Math.floor(m.rows * f));
		await box.scrollIntoViewIfNeeded();
		await quiet(page);
		const before = await page.locator('#closing').textContent();
		const n = await page.evaluate(() => window.__dzb.ticks.length);
		await box.click();
		await until(page, (k) => window.__dzb.ticks.length > k, n);
		const t = await page.evaluate((k) => window.__dzb.ticks[k], n);
		m.ticks.push(t.t1 - t.t0);
		if (t.closing === before)
			m.unchanged++;
	}
	return m;
}

(async () => {
	const browser = await launch();
	const ctx = await browser.newContext({ ignoreHTTPSErrors: true,
		viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
	ctx.setDefaultTimeout(60000);
	const page = await ctx.newPage();
	const r = await signIn(page, env.BQ_USER, env.BQ_PW);
	if (!r || new URL(page.url()).pathname !== '/') {
		console.log(`cannot sign in as ${env.BQ_USER} (${page.url()})`);
		process.exit(1);
	}
	await page.close();
	for (const spec of env.BQ_CASES.split(';')) {
		const [label, url, docs, budget] = spec.split('|');
		const c = { url, budget: Number(budget) || 0 };
		const all = [];
		for (let i = 0; i < runs; i++) {
			const p = await ctx.newPage();
			await p.addInitScript(instrument);
			all.push(await one(p, c));
			await p.close();
		}
		const tti = median(all.map((m) => m.tti));
		const load = median(all.map((m) => m.load));
		const ticks = [].concat(...all.map((m) => m.ticks));
		const tick = median(ticks);
		const unchanged = all.reduce((s, m) => s + m.unchanged, 0);
		console.log(`== ${label}: ${docs} documents, ${all[0].rows} rows, page ${Math.round(all[0].bytes / 1024)} KB` +
			(all[0].rows > 0 ? ` (${Math.round(all[0].bytes / all[0].rows)} bytes a row)` : '') +
			`, ${runs} loads` +
			(all[0].marked ? '' : ' (no dz-query-wired mark: TTI from DOMContentLoaded)'));
		console.log(`   first byte, last byte, DOM parsed, DOMContentLoaded (ms): ` +
			all.map((m) => m.parts.join(' ')).join(' | '));
		if (env.BQ_DEBUG)
			for (const m of all)
				console.log(`   wired+frame ${Math.round(m.wired)} ms; long tasks (start-end): ${m.long}`);
		console.log(`   TTI   ${ms(tti).padStart(8)}  (runs: ${all.map((m) => Math.round(m.tti)).join(', ')})  ` +
			`${ratio(tti, c.budget)}`);
		console.log(`   load  ${ms(load).padStart(8)}  (runs: ${all.map((m) => Math.round(m.load)).join(', ')})  ` +
			`${ratio(load, c.budget)}`);
		if (ticks.length > 0)
			console.log(`   tick  ${ms(tick).padStart(8)}  (max ${ms(Math.max(...ticks))} of ` +
				`${ticks.length})  ${ratio(tick, TICK_BUDGET)}` + (unchanged ?
				`  -- totals unchanged after ${unchanged} of ${ticks.length} ticks` : ''));
	}
	await browser.close();
})().catch((e) => { console.log(`bench failed: ${e && e.stack}`); process.exit(1); });
