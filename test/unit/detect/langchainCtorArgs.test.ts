/**
 * LangChain constructors as the rules need them: an empty JS argument list is handed over (as
 * Python's is), and options only known at run time mark the cap unknown rather than absent.
 */
import * as assert from 'node:assert/strict';
import { at, py, ts } from './helpers';

const imp = "import { ChatOpenAI } from '@langchain/openai';";

describe('detect: LangChain constructor arguments', () => {
  it('hands over the empty () of new ChatOpenAI() as an options container with nothing in it', async () => {
    const src = [imp, 'const llm = new ChatOpenAI();', "await llm.invoke('Hi');"].join('\n');
    const [s, ...rest] = await ts(src);
    assert.equal(rest.length, 0);
    assert.equal(s?.api, 'ChatOpenAI.invoke');
    assert.equal(s?.model, null);
    assert.equal(s?.args?.kind, 'object');
    assert.equal(at(src, s!.args!.span), '()');
    assert.deepEqual(s?.args?.properties, []);
    assert.equal(s?.capUnknown, undefined);
  });

  it('does the same for a constructor never invoked (the constructor is the site)', async () => {
    const src = [imp, 'export const llm = new ChatOpenAI( );'].join('\n');
    const [s] = await ts(src);
    assert.equal(s?.api, 'ChatOpenAI');
    assert.equal(at(src, s!.args!.span), '( )');
  });

  it('matches Python, whose ChatOpenAI() was already an empty keyword list', async () => {
    const src = ['from langchain_openai import ChatOpenAI', 'llm = ChatOpenAI()', 'llm.invoke("Hi")'].join('\n');
    const [s] = await py(src);
    assert.deepEqual([s?.args?.kind, at(src, s!.args!.span), s?.args?.properties.length, s?.capUnknown], ['kwargs', '()', 0, undefined]);
  });

  it('marks the cap unknown for options only known at run time: a parameter, or one spread in', async () => {
    const opaque = [imp, 'export async function run(cfg: object) {', '  const llm = new ChatOpenAI(cfg);', "  return llm.invoke('Hi');", '}'].join('\n');
    const [a] = await ts(opaque);
    assert.deepEqual([a?.api, a?.capUnknown, a?.args, a?.cap], ['ChatOpenAI.invoke', true, undefined, null]);

    const spread = [imp, 'export async function run(base: object) {', '  const llm = new ChatOpenAI({ ...base, temperature: 0 });', "  return llm.invoke('Hi');", '}'].join('\n');
    const [b] = await ts(spread);
    assert.equal(b?.capUnknown, true);
    assert.equal(at(spread, b!.args!.span), '{ ...base, temperature: 0 }');

    const kw = ['from langchain_openai import ChatOpenAI', 'def run(**kw):', '    llm = ChatOpenAI(**kw)', '    return llm.invoke("Hi")'].join('\n');
    const [c] = await py(kw);
    assert.deepEqual([c?.api, c?.capUnknown], ['ChatOpenAI.invoke', true]);
  });

  it('marks an uninvoked constructor with opaque options too', async () => {
    const [s] = await ts([imp, 'export const make = (cfg: object) => new ChatOpenAI(cfg);'].join('\n'));
    assert.deepEqual([s?.api, s?.capUnknown], ['ChatOpenAI', true]);
  });

  it('keeps a cap written beside a spread as known, and a spread of a literal in view as visible', async () => {
    const capped = [imp, 'export function run(base: object) {', '  return new ChatOpenAI({ ...base, maxTokens: 5 }).invoke("Hi");', '}'].join('\n');
    const [a] = await ts(capped);
    assert.deepEqual([a?.cap?.param, a?.cap?.value, a?.capUnknown], ['maxTokens', 5, undefined]);

    const local = [imp, 'const base = { temperature: 0 };', 'const llm = new ChatOpenAI({ ...base });', 'await llm.invoke("Hi");'].join('\n');
    const [b] = await ts(local);
    assert.deepEqual([b?.cap, b?.capUnknown], [null, undefined]);
  });

  it('leaves new ChatOpenAI({ model, maxTokens }) as it was', async () => {
    const src = [imp, "const llm = new ChatOpenAI({ model: 'gpt-4o', maxTokens: 100 });", "await llm.invoke('Hi');"].join('\n');
    const [s] = await ts(src);
    assert.deepEqual([s?.model?.id, s?.cap?.param, s?.cap?.value, s?.capUnknown], ['gpt-4o', 'maxTokens', 100, undefined]);
    assert.equal(at(src, s!.args!.span), "{ model: 'gpt-4o', maxTokens: 100 }");
    assert.deepEqual(s?.args?.properties.map((p) => p.name), ['model', 'maxTokens']);
  });

  it('does not lend the empty () of an SDK client to a call whose request is opaque', async () => {
    const src = ["import OpenAI from 'openai';", 'const client = new OpenAI();', 'export const ask = (params: any) => client.chat.completions.create(params);'].join('\n');
    const [s] = await ts(src);
    assert.deepEqual([s?.api, s?.args, s?.capUnknown], ['chat.completions.create', undefined, true]);
  });
});
