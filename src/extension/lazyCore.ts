/**
 * The one door to `engineBundle`: loaded the first time a feature needs core (the first analysis,
 * a settings read, the report), never at activation. esbuild maps this `require` to
 * `./engine.js` for Node and to a lazily initialised module for the web.
 */
import type * as Core from './engineBundle';

let core: typeof Core | undefined;

export function lazyCore(): typeof Core {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (core ??= require('./engineBundle') as typeof Core);
}

/** Whether core is loaded already (cheap paths may use it then, without causing the load). */
export function coreLoaded(): boolean {
  return core !== undefined;
}

/**
 * An object that is created on first use of any member: lets the composition root hand features
 * the Engine at activation while the Engine's module loads only when a feature first calls it.
 */
export function createdOnUse<T extends object>(create: () => T): T {
  let real: T | undefined;
  const get = (): T => (real ??= create());
  return new Proxy({} as T, {
    get(_t, key) {
      const target = get();
      const v = Reflect.get(target, key, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
