/**
 * @peculiar/x509 pulls in tsyringe, which refuses to load without the `reflect-metadata`
 * API. That package is not installed here, and x509 only needs this small subset
 * (define/get metadata on classes), so a WeakMap-backed stand-in is enough.
 */
type Key = unknown;
type Store = Map<Key, Map<string | symbol | undefined, unknown>>;

const stores = new WeakMap<object, Store>();

function ownStore(target: object, create: boolean): Store | undefined {
  let store = stores.get(target);
  if (!store && create) {
    store = new Map();
    stores.set(target, store);
  }
  return store;
}

const api = {
  defineMetadata(key: Key, value: unknown, target: object, property?: string | symbol): void {
    const store = ownStore(target, true)!;
    let byProperty = store.get(key);
    if (!byProperty) store.set(key, (byProperty = new Map()));
    byProperty.set(property, value);
  },
  getOwnMetadata(key: Key, target: object, property?: string | symbol): unknown {
    return ownStore(target, false)?.get(key)?.get(property);
  },
  hasOwnMetadata(key: Key, target: object, property?: string | symbol): boolean {
    return ownStore(target, false)?.get(key)?.has(property) ?? false;
  },
  getMetadata(key: Key, target: object, property?: string | symbol): unknown {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t) as object | null) {
      if (api.hasOwnMetadata(key, t, property)) return api.getOwnMetadata(key, t, property);
    }
    return undefined;
  },
  hasMetadata(key: Key, target: object, property?: string | symbol): boolean {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t) as object | null) {
      if (api.hasOwnMetadata(key, t, property)) return true;
    }
    return false;
  },
  metadata(key: Key, value: unknown) {
    return (target: object, property?: string | symbol) => api.defineMetadata(key, value, target, property);
  },
};

const reflect = Reflect as unknown as Record<string, unknown>;
if (typeof reflect.getMetadata !== "function") {
  for (const [name, fn] of Object.entries(api)) reflect[name] = fn;
}
