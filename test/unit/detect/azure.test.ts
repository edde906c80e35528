/** Azure OpenAI: the deployment routes the call; its name is not a model id. */
import * as assert from 'node:assert/strict';
import { py, ts } from './helpers';

describe('detect Azure OpenAI deployments', () => {
  it('takes azure_deployment from the client over the call model, marked dynamic', async () => {
    const sites = await py('from openai import AzureOpenAI\nclient = AzureOpenAI(azure_deployment="deployment-name", api_version="2024-06-01")\nclient.chat.completions.create(model="<ignored>", messages=[], max_tokens=5)\n');
    assert.deepEqual({ id: sites[0]?.model?.id, origin: sites[0]?.model?.origin }, { id: 'deployment-name', origin: 'dynamic' });
  });

  it('reads deployment in JS; a call model on an Azure client is a deployment name (dynamic)', async () => {
    const a = await ts("import { AzureOpenAI } from 'openai';\nconst c = new AzureOpenAI({ deployment: 'gpt-4o', apiVersion: 'x' });\nc.chat.completions.create({ model: '', messages: [], max_tokens: 5 });\n");
    assert.equal(a[0]?.model?.id, 'gpt-4o');
    const b = await py('from openai import AzureOpenAI\nclient = AzureOpenAI()\nclient.chat.completions.create(model="deployment-name", messages=[], max_tokens=5)\n');
    assert.deepEqual({ id: b[0]?.model?.id, origin: b[0]?.model?.origin }, { id: 'deployment-name', origin: 'dynamic' });
  });

  it('leaves a plain OpenAI client model as written', async () => {
    const sites = await py('from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o", messages=[], max_tokens=5)\n');
    assert.equal(sites[0]?.model?.origin, 'literal');
  });
});
