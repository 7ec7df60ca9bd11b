// Resolves the local `$ref`s of a bundled spec in memory: the one dereferencer of the project
// (generation, the docs build and the tests all use it), so a spec is bundled once per use.
type Json = unknown;

export function dereference<T>(root: T): T {
  const resolve = (node: Json, trail: string[]): Json => {
    if (Array.isArray(node)) return node.map((item) => resolve(item, trail));
    if (node === null || typeof node !== 'object') return node;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/')) {
      if (trail.includes(ref)) return node; // a recursive schema keeps its reference
      return resolve(pointer(root, ref), [...trail, ref]);
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolve(value, trail)]));
  };
  return resolve(root, []) as T;
}

/** The value a JSON pointer such as `#/components/schemas/User` names. */
function pointer(root: Json, ref: string): Json {
  let node = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) throw new Error(`unresolvable $ref ${ref}`);
    node = (node as Record<string, Json>)[key];
  }
  return node;
}
