/** AWS Bedrock runtime: `converse` and `invoke_model` (boto3) and their commands (AWS SDK for JS v3). */
import type { SdkSpec, SiteEntry } from './types';

const runtime = { values: ['bedrock-runtime'], keyword: 'service_name' };

function py(name: string, shape: SiteEntry['shape'], streaming = false): SiteEntry {
  return { from: ['client'], path: [name], api: name, shape, loose: true, ...(streaming ? { streaming } : {}) };
}

/** A JS v3 command object; the API is named by its operation, as in the AWS docs (`converseStream`). */
function cmd(name: string, shape: SiteEntry['shape'], streaming = false): SiteEntry {
  const op = name.replace(/Command$/, '');
  return { from: ['module'], path: [name], api: op.charAt(0).toLowerCase() + op.slice(1), shape, ...(streaming ? { streaming } : {}) };
}

export const bedrock: SdkSpec = {
  provider: 'bedrock',
  modules: { js: ['@aws-sdk/client-bedrock-runtime'], python: ['boto3', 'aioboto3'] },
  transitions: [
    { from: 'module', path: ['client'], to: 'client', firstArgIn: runtime },
    { from: 'module', path: ['Session'], to: 'session' },
    { from: 'module', path: ['session', 'Session'], to: 'session' },
    { from: 'session', path: ['client'], to: 'client', firstArgIn: runtime },
  ],
  sites: [
    py('converse', 'bedrock-converse'),
    py('converse_stream', 'bedrock-converse', true),
    py('invoke_model', 'bedrock-invoke'),
    py('invoke_model_with_response_stream', 'bedrock-invoke', true),
    cmd('ConverseCommand', 'bedrock-converse'),
    cmd('ConverseStreamCommand', 'bedrock-converse', true),
    cmd('InvokeModelCommand', 'bedrock-invoke'),
    cmd('InvokeModelWithResponseStreamCommand', 'bedrock-invoke', true),
  ],
};
