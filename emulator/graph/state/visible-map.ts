/**
 * Replication lag. Entra ID and entitlement management are eventually consistent: an object
 * that a write just created is not yet on the replica that serves the next read, so for a
 * while it is missing from GETs by id, from lists and filters, and as a reference in other
 * objects' bodies. A VisibleMap stores such objects with the time they become visible and
 * hides them from every read until then. Routes read through the ordinary Map interface, so
 * every read path lags without knowing it.
 *
 * Writes still see everything (`rawGet`, `rawValues`): uniqueness is decided by the primary,
 * so a second create of a lagging object still conflicts, as it does in Graph.
 */

export interface Visibility {
  /** the World clock, in ms */
  now(): number;
  /** the lag to apply to an object created now, in ms (0 = visible at once) */
  lagMs(): number;
}

export class VisibleMap<V> extends Map<string, V> {
  private readonly visibleAt = new Map<string, number>();

  constructor(private readonly visibility: Visibility) {
    super();
  }

  /** A new key lags; replacing an existing value (an update) keeps its visibility. */
  override set(key: string, value: V): this {
    // Map's constructor calls set() before the field initialisers run.
    if (this.visibleAt && !super.has(key)) {
      const lag = this.visibility.lagMs();
      if (lag > 0) this.visibleAt.set(key, this.visibility.now() + lag);
    }
    return super.set(key, value);
  }

  override get(key: string): V | undefined {
    return this.isVisible(key) ? super.get(key) : undefined;
  }

  override has(key: string): boolean {
    return super.has(key) && this.isVisible(key);
  }

  override delete(key: string): boolean {
    this.visibleAt.delete(key);
    return super.delete(key);
  }

  override clear(): void {
    this.visibleAt.clear();
    super.clear();
  }

  override get size(): number {
    let n = 0;
    for (const key of super.keys()) if (this.isVisible(key)) n++;
    return n;
  }

  override *entries(): MapIterator<[string, V]> {
    for (const entry of super.entries()) if (this.isVisible(entry[0])) yield entry;
  }

  override *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  override *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  override [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: string, map: Map<string, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  /** Every stored value, visible or not (for uniqueness checks and deletes). */
  rawValues(): V[] {
    return [...super.values()];
  }

  rawGet(key: string): V | undefined {
    return super.get(key);
  }

  rawHas(key: string): boolean {
    return super.has(key);
  }

  private isVisible(key: string): boolean {
    const at = this.visibleAt.get(key);
    if (at === undefined) return true;
    if (this.visibility.now() < at) return false;
    this.visibleAt.delete(key);
    return true;
  }
}
