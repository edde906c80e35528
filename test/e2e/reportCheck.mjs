// The workspace cost report in the UI check: run the command from the palette, then assert on the
// webview's DOM (totals, the sortable and filterable table, the three SVG charts, the what-if
// answer, Enter on a row revealing the code) and take screenshots. Called by uiCheck.mjs with
// its helpers, on the fixture workspace it opened.

/** The report's document inside the webview's two iframes (outer host frame, inner content). */
function reportFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

async function runCommand(page, title) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

export async function reportChecks(page, { check, shot, log }) {
  // The Problems panel from the earlier checks would hide half of the report.
  await runCommand(page, 'View: Hide Panel');
  await runCommand(page, 'Promptmeter: Show Workspace Cost Report');

  const doc = reportFrame(page);
  const table = doc.locator('#pm-sites');
  await table.waitFor({ timeout: 90000 });
  const rows = doc.locator('#pm-sites tbody tr');
  const files = await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-file')));
  check('report table lists the workspace\'s call sites and templates', files.includes('src/chat.ts') && files.includes('src/summarize.py') && files.length >= 4, files);
  const charts = await doc.locator('svg.pm-chart').evaluateAll((ss) => ss.map((s) => s.getAttribute('aria-label')));
  check('report shows the three SVG bar charts', ['Monthly cost by feature', 'Monthly cost by model', 'Monthly cost by file'].every((t) => charts.includes(t)), charts);
  const totals = (await doc.locator('.pm-totals').innerText()).replace(/\s+/g, ' ');
  check('report totals give monthly cost, sites and both shares', /Monthly cost \$[\d,.]+/.test(totals) && /On premium models \d+% of cost/.test(totals) && /Cacheable but uncached \d+% of cost/.test(totals), totals);
  // The webview's own script arrives through core's `scripts` option: its toolbar handlers answer.
  const scripts = await doc.locator('script[src]').evaluateAll((ss) => ss.map((s) => s.getAttribute('src')));
  check('the webview script is on the page', scripts.length === 1 && /media\/report\/report\.js$/.test(scripts[0]), scripts);
  await shot(page, '06-report');

  // Sort by monthly cost: each press flips the order the header announces (aria-sort); the rows follow it.
  const monthlyTh = doc.locator('#pm-sites th', { hasText: '$/month' });
  const monthlyCells = () => rows.evaluateAll((rs) => rs.map((r) => r.cells[8].getAttribute('data-v')).filter((v) => v !== '').map(Number));
  const sortedAs = (v, dir) => v.every((x, i) => i === 0 || (dir === 'ascending' ? v[i - 1] <= x : v[i - 1] >= x));
  const seen = [];
  for (let press = 0; press < 2; press++) {
    await monthlyTh.locator('button').click();
    const dir = await monthlyTh.getAttribute('aria-sort');
    const v = await monthlyCells();
    seen.push({ dir, v, ok: (dir === 'ascending' || dir === 'descending') && v.length > 1 && sortedAs(v, dir) });
  }
  check('the table sorts by $/month both ways', seen.every((x) => x.ok) && seen[0].dir !== seen[1].dir, seen);

  // Filter, then clear.
  await doc.locator('#pm-filter').fill('summarize');
  const visible = await rows.evaluateAll((rs) => rs.filter((r) => !r.hidden).map((r) => r.getAttribute('data-file')));
  check('the filter keeps only matching rows', visible.length === 1 && visible[0] === 'src/summarize.py', visible);
  await doc.locator('#pm-filter').fill('');

  // What-if: the whole workspace on gpt-4o-mini.
  await doc.locator('#pm-whatif-model').selectOption('gpt-4o-mini');
  await doc.locator('#pm-whatif-form button[type=submit]').click();
  const result = doc.locator('#pm-whatif-result .pm-after');
  await result.waitFor({ timeout: 20000 });
  const answer = (await doc.locator('#pm-whatif-result').innerText()).replace(/\s+/g, ' ');
  check('what-if answers with the monthly cost before and after', /Now \$[\d,.]+\/mo/.test(answer) && /Then \$[\d,.]+\/mo/.test(answer), answer);
  await doc.locator('#pm-whatif').scrollIntoViewIfNeeded();
  await shot(page, '07-report-whatif');

  // Keyboard: Enter on a focused row opens its code.
  const row = doc.locator('#pm-sites tbody tr[data-file="src/summarize.py"]');
  await row.focus();
  await row.press('Enter');
  await page.locator('.tab.active', { hasText: 'summarize.py' }).first().waitFor({ timeout: 20000 })
    .then(() => check('Enter on a report row reveals its code', true), (e) => check('Enter on a report row reveals its code', false, e.message));
  log('report checks done');
}
