import { strict as assert } from 'node:assert';
import { messageFraming } from '../../../src/core/tokens';

describe('messageFraming', () => {
  it("OpenAI: 3 per message, 1 per name, 3 to prime the reply (the cookbook's num_tokens_from_messages)", () => {
    // system + user + assistant + user, one with a name: 4×3 + 1 + 3 = 16
    assert.deepEqual(messageFraming('openai', { messages: 4, named: 1 }), { tokens: 16, exact: true });
    assert.deepEqual(messageFraming('azure', { messages: 1 }), { tokens: 6, exact: true });
  });

  it('OpenAI tools: 7 per function and 12 once, on top of the schema text; not exact', () => {
    // 2 messages (6) + priming (3) + 2 tools (14) + end (12) = 35
    assert.deepEqual(messageFraming('openai', { messages: 2, tools: 2 }), { tokens: 35, exact: false });
  });

  it("Anthropic: the tool-use system prompt (346) once when tools exist", () => {
    const without = messageFraming('anthropic', { messages: 2 });
    const withTools = messageFraming('anthropic', { messages: 2, tools: 3 });
    assert.equal(without.exact, false);
    assert.equal(withTools.tokens - without.tokens, 346 + 3 * 53);
  });

  it('Llama 3 chat template: 5 per message (header, role, header end, blank line, eot) and 5 per request', () => {
    assert.deepEqual(messageFraming('meta', { messages: 3 }), { tokens: 20, exact: false });
  });

  it('an empty request has no framing; an unknown provider gets OpenAI numbers, labelled inexact', () => {
    assert.equal(messageFraming('openai', { messages: 0 }).tokens, 0);
    assert.deepEqual(messageFraming('acme', { messages: 1 }), { tokens: 6, exact: false });
    assert.equal(messageFraming('Gemini', { messages: 5 }).tokens, 0);
  });
});
