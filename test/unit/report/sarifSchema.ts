import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { ROOT } from './golden';

/**
 * The SARIF 2.1.0 schema is written in JSON Schema draft-04, which Ajv 8 reads once the root
 * `id` is spelt `$id`; its keywords are otherwise the same in draft-07. One of its patterns is not
 * valid with the `u` flag, hence `unicodeRegExp: false`.
 */
export function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
  const { id, $schema: _draft, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  ajv.addFormat('uri-reference', /^[^\s]*$/);
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  return ajv.compile({ $id: id as string, ...rest });
}

