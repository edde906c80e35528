import * as assert from 'node:assert/strict';
import {
  defaultSettings,
  emptyWorkspaceConfig,
  parseSettings,
  parseVolumeSpec,
  parseWorkspaceConfig,
  resolveVolume,
  volumeAnnotationNear,
  featureFor,
} from '../../../src/core/config';

describe('parseVolumeSpec', () => {
  // A month is 30 days: hour = 720/month, day = 30, week = 30/7, year = 1/12.
  it('turns rates into calls per month by hand-checked factors', () => {
    assert.equal(parseVolumeSpec('20k/day'), 600_000); // 20,000 × 30
    assert.equal(parseVolumeSpec('50000/month'), 50_000);
    assert.equal(parseVolumeSpec('50000'), 50_000);
    assert.equal(parseVolumeSpec('500/hour'), 360_000); // 500 × 24 × 30
    assert.equal(parseVolumeSpec('7/week'), 30); // 7 × 30/7
    assert.equal(parseVolumeSpec('1,200/year'), 100); // 1,200 / 12
    assert.equal(parseVolumeSpec('1.5m/month'), 1_500_000);
    assert.equal(parseVolumeSpec('3,000/week'), 12_857.142857); // 3000 × 30 / 7 = 12857.142857…
    assert.equal(parseVolumeSpec('2K / d'), 60_000);
    assert.equal(parseVolumeSpec('10 calls per day'), 300);
    assert.equal(parseVolumeSpec('1_000/mo'), 1000);
    assert.equal(parseVolumeSpec('0/day'), 0);
  });

  it('rejects what is not a volume', () => {
    for (const bad of ['', 'lots', '-5/day', '20k/fortnight', '1,5k/day', '20k/m', '5 5/day', '1e3/day', '20,,000', 'day']) {
      assert.equal(parseVolumeSpec(bad), null, bad);
    }
  });

  it('rejects absurd volumes', () => {
    assert.equal(parseVolumeSpec('999999999999999999999/day'), null);
    assert.equal(parseVolumeSpec('100000m/day'), null); // 3e12/month: over the 1e12 limit
    assert.equal(parseVolumeSpec('1000m/day'), 3e10); // 1e9 × 30 is still accepted
  });
});

describe('volumeAnnotationNear', () => {
  it('finds a trailing // annotation on the line of the offset', () => {
    const text = 'const a = 1;\nawait client.chat.completions.create(x); // promptmeter: 20k/day\n';
    const offset = text.indexOf('await');
    const a = volumeAnnotationNear(text, offset)!;
    assert.equal(a.callsPerMonth, 600_000);
    assert.equal(a.text, 'promptmeter: 20k/day');
    assert.equal(text.slice(a.span.start, a.span.end), 'promptmeter: 20k/day');
  });

  it('finds a # annotation on the line above', () => {
    const text = 'x = 1\n# promptmeter: 50000/month\nresp = client.messages.create(\n';
    const a = volumeAnnotationNear(text, text.indexOf('resp') + 7)!;
    assert.equal(a.callsPerMonth, 50_000);
    assert.equal(text.slice(a.span.start, a.span.end), 'promptmeter: 50000/month');
  });

  it('reads block and Handlebars comments, stopping at the closer', () => {
    const block = '/* promptmeter: 1k/hour */\ncall();';
    assert.equal(volumeAnnotationNear(block, block.indexOf('call'))!.callsPerMonth, 720_000);
    assert.equal(volumeAnnotationNear(block, block.indexOf('call'))!.text, 'promptmeter: 1k/hour');
    const hbs = '{{! promptmeter: 300/day }}\nHello {{name}}';
    assert.equal(volumeAnnotationNear(hbs, hbs.indexOf('Hello'))!.callsPerMonth, 9000);
    const hbsLong = '{{!-- promptmeter: 10/day --}}\nHello';
    assert.equal(volumeAnnotationNear(hbsLong, hbsLong.indexOf('Hello'))!.callsPerMonth, 300);
  });

  it('reads the spec and leaves a trailing remark out', () => {
    const text = 'call(); // promptmeter: 20k/day (peak season)';
    const a = volumeAnnotationNear(text, 0)!;
    assert.equal(a.callsPerMonth, 600_000);
    assert.equal(a.text, 'promptmeter: 20k/day');
    assert.equal(text.slice(a.span.start, a.span.end), 'promptmeter: 20k/day');
    const words = '# promptmeter: 10 calls per day, more in December\nx()';
    assert.equal(volumeAnnotationNear(words, words.indexOf('x()'))!.callsPerMonth, 300);
    assert.equal(volumeAnnotationNear(words, words.indexOf('x()'))!.text, 'promptmeter: 10 calls per day');
  });

  it('prefers the line itself over the line above', () => {
    const text = '// promptmeter: 1/day\ncall(); // promptmeter: 2/day';
    assert.equal(volumeAnnotationNear(text, text.indexOf('call'))!.callsPerMonth, 60);
  });

  it('looks no further than the line above, and handles CRLF', () => {
    const text = '// promptmeter: 1/day\r\n\r\ncall();';
    assert.equal(volumeAnnotationNear(text, text.indexOf('call')), null);
    const crlf = '// promptmeter: 1/day\r\ncall();';
    assert.equal(volumeAnnotationNear(crlf, crlf.indexOf('call'))!.callsPerMonth, 30);
  });

  it('ignores annotations outside comments and specs that do not parse', () => {
    assert.equal(volumeAnnotationNear('s = "promptmeter: 5/day"\ncall()', 26), null);
    assert.equal(volumeAnnotationNear('// promptmeter: often\ncall()', 22), null);
    assert.equal(volumeAnnotationNear('// promptmeter-ignore PM001\ncall()', 28), null);
    assert.equal(volumeAnnotationNear('', 0), null);
  });
});

const WS = `
defaults:
  callsPerMonth: 2k/day
volumes:
  - glob: "src/**"
    calls: 100
  - glob: "src/chat/**"
    calls: 20k/day
  - glob: "src/chat/*.ts"
    calls: 300/day
  - site: "site-42"
    calls: 7
features:
  - name: Support
    globs: ["support/**"]
    tasksPerMonth: 60000
    callsPerTask: 2.5
  - name: Search
    globs: ["search/**"]
    sites: ["site-9"]
    tasksPerMonth: 1000
`;

describe('resolveVolume', () => {
  const { config: ws, problems } = parseWorkspaceConfig(WS);
  const q = (file: string, siteId = 's', annotation: { callsPerMonth: number; text: string; span: { start: number; end: number } } | null = null) => ({
    file,
    siteId,
    annotation,
  });

  it('parses the fixture without problems', () => assert.deepEqual(problems, []));

  it('an annotation wins over everything', () => {
    const v = resolveVolume(q('src/chat/a.ts', 'site-42', { callsPerMonth: 5, text: 'promptmeter: 5/month', span: { start: 1, end: 2 } }), ws, defaultSettings);
    assert.deepEqual(v, { callsPerMonth: 5, source: 'annotation', detail: 'promptmeter: 5/month', span: { start: 1, end: 2 } });
  });

  it('a site id wins over globs', () => {
    const v = resolveVolume(q('src/chat/a.ts', 'site-42'), ws, defaultSettings);
    assert.equal(v.callsPerMonth, 7);
    assert.equal(v.source, 'workspace');
    assert.equal(v.detail, 'promptmeter.yaml volumes: site site-42 (7/month)');
  });

  it('the most specific glob wins, whatever the order', () => {
    assert.equal(resolveVolume(q('src/chat/a.ts'), ws, defaultSettings).callsPerMonth, 9000); // 300 × 30
    assert.equal(resolveVolume(q('src/chat/sub/a.ts'), ws, defaultSettings).callsPerMonth, 600_000);
    const v = resolveVolume(q('src/other.py'), ws, defaultSettings);
    assert.equal(v.callsPerMonth, 100);
    assert.equal(v.detail, 'promptmeter.yaml volumes: "src/**" (100/month)');
  });

  it('a feature with tasks and calls per task sets the volume', () => {
    const v = resolveVolume(q('support/reply.ts'), ws, defaultSettings);
    assert.equal(v.callsPerMonth, 150_000); // 60,000 × 2.5
    assert.equal(v.source, 'feature');
    assert.equal(v.detail, 'feature "Support": 60,000 tasks/month × 2.5 calls/task');
  });

  it('a feature without calls per task leaves the default in force', () => {
    const v = resolveVolume(q('search/answer.ts'), ws, defaultSettings);
    assert.equal(v.callsPerMonth, 60_000); // defaults.callsPerMonth 2k/day × 30
    assert.equal(v.source, 'default');
    assert.equal(v.detail, 'promptmeter.yaml defaults.callsPerMonth (2k/day)');
  });

  it('falls back to the setting last', () => {
    const { settings } = parseSettings({ defaultCallsPerMonth: 1234 });
    const v = resolveVolume(q('x.ts'), emptyWorkspaceConfig, settings);
    assert.deepEqual(v, { callsPerMonth: 1234, source: 'default', detail: 'setting promptmeter.defaultCallsPerMonth (1,234/month)' });
    assert.equal(resolveVolume(q('x.ts'), emptyWorkspaceConfig, defaultSettings).callsPerMonth, 1000);
  });

  it('features: a site id wins over globs, then the first matching feature', () => {
    assert.equal(featureFor({ file: 'support/a.ts', siteId: 'site-9' }, ws)!.name, 'Search');
    assert.equal(featureFor({ file: 'support/a.ts', siteId: 'x' }, ws)!.name, 'Support');
    assert.equal(featureFor({ file: 'other/a.ts', siteId: 'x' }, ws), null);
  });
});
