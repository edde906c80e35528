import * as assert from 'node:assert/strict';
import { partText, py, ts } from './helpers';

describe('detect: LangChain recogniser', () => {
  it('takes model and cap from the constructor and text from the chain template', async () => {
    const src = [
      'from langchain_openai import ChatOpenAI',
      'from langchain_core.prompts import ChatPromptTemplate',
      'llm = ChatOpenAI(model="gpt-4o", max_tokens=100)',
      'prompt = ChatPromptTemplate.from_messages([("system", "You answer {topic} questions."), ("human", "{question}")])',
      'chain = prompt | llm',
      'chain.invoke({"topic": "x", "question": "q"})',
    ].join('\n');
    const [s, ...rest] = await py(src);
    assert.equal(rest.length, 0, 'the constructor is used, so it is not a site of its own');
    assert.deepEqual([s?.provider, s?.api, s?.model?.id, s?.cap?.param, s?.cap?.value], ['langchain', 'ChatOpenAI.invoke', 'gpt-4o', 'max_tokens', 100]);
    assert.equal(partText(s!, 'system'), 'You answer {topic} questions.');
    assert.equal(partText(s!, 'user'), '{question}');
    assert.equal(s?.args?.kind, 'kwargs');
  });

  it('reads message classes and tuples given to invoke, and a constructor with no invoke', async () => {
    const src = [
      'from langchain_anthropic import ChatAnthropic',
      'from langchain.chat_models import init_chat_model',
      'from langchain_core.messages import SystemMessage, HumanMessage',
      'llm = ChatAnthropic(model="claude-3-5-sonnet-latest", max_tokens=1024).bind_tools([])',
      'def f(q):',
      '    return llm.invoke([SystemMessage(content="be brief"), HumanMessage(q)])',
      'agent_llm = init_chat_model("openai:gpt-4.1", temperature=0)',
    ].join('\n');
    const sites = await py(src);
    assert.deepEqual(
      sites.map((s) => [s.api, s.model?.id, s.cap?.value ?? null]),
      [
        ['ChatAnthropic.invoke', 'claude-3-5-sonnet-latest', 1024],
        ['init_chat_model', 'openai:gpt-4.1', null],
      ],
    );
    assert.equal(partText(sites[0]!, 'system'), 'be brief');
    assert.equal(partText(sites[0]!, 'user'), '{q}');
  });

  it('reads LangChain JS: constructor options, fromMessages templates and pipe()', async () => {
    const src = [
      "import { ChatOpenAI } from '@langchain/openai';",
      "import { ChatPromptTemplate } from '@langchain/core/prompts';",
      "const model = new ChatOpenAI({ model: 'gpt-4o-mini', maxTokens: 256, streaming: true });",
      "const prompt = ChatPromptTemplate.fromMessages([['system', 'Be {style}'], ['human', '{input}']]);",
      "export const e = () => prompt.pipe(model).stream({ style: 'terse', input: 'x' });",
    ].join('\n');
    const [s] = await ts(src);
    assert.deepEqual([s?.api, s?.model?.id, s?.cap?.param, s?.cap?.value, s?.streaming], ['ChatOpenAI.stream', 'gpt-4o-mini', 'maxTokens', 256, true]);
    assert.equal(partText(s!, 'system'), 'Be {style}');
  });
});

describe('detect LangChain bind', () => {
  it('takes the cap from .bind(max_tokens=…) over the constructor', async () => {
    const sites = await py('from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model_name="gpt-4", max_tokens=100)\nllm.bind(max_tokens=50).invoke("hi")\n');
    const s = sites.find((x) => x.api.endsWith('.invoke'));
    assert.equal(s?.model?.id, 'gpt-4');
    assert.equal(s?.cap?.value, 50);
  });
});
