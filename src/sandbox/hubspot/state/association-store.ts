import type { ObjectType } from './object-types.ts';

// Associations of one portal, kept in both directions. Plain arrays per record: a `large` portal has
// ~800k pairs, and a Set per record would cost several times the memory for no gain at these sizes.

export class AssociationStore {
  private readonly maps = new Map<string, Map<string, string[]>>();

  private map(from: ObjectType, to: ObjectType): Map<string, string[]> {
    const key = `${from}->${to}`;
    let m = this.maps.get(key);
    if (!m) {
      m = new Map();
      this.maps.set(key, m);
    }
    return m;
  }

  /** Adds the pair both ways; false if it already existed. */
  add(from: ObjectType, fromId: string, to: ObjectType, toId: string): boolean {
    if (!pushUnique(this.map(from, to), fromId, toId)) return false;
    pushUnique(this.map(to, from), toId, fromId);
    return true;
  }

  /** Removes the pair both ways; false if it did not exist. */
  remove(from: ObjectType, fromId: string, to: ObjectType, toId: string): boolean {
    if (!removeFrom(this.map(from, to), fromId, toId)) return false;
    removeFrom(this.map(to, from), toId, fromId);
    return true;
  }

  /** Ids of `to` records associated with `fromId`, in the order they were associated. */
  get(from: ObjectType, fromId: string, to: ObjectType): readonly string[] {
    return this.maps.get(`${from}->${to}`)?.get(fromId) ?? [];
  }

  /** Every (type, id) pair associated with the record, for merges and deletions. */
  all(type: ObjectType, id: string): Array<{ to: ObjectType; toId: string }> {
    const out: Array<{ to: ObjectType; toId: string }> = [];
    for (const [key, m] of this.maps) {
      const [from, to] = key.split('->') as [ObjectType, ObjectType];
      if (from !== type) continue;
      for (const toId of m.get(id) ?? []) out.push({ to, toId });
    }
    return out;
  }
}

function pushUnique(m: Map<string, string[]>, key: string, value: string): boolean {
  const list = m.get(key);
  if (!list) {
    m.set(key, [value]);
    return true;
  }
  if (list.includes(value)) return false;
  list.push(value);
  return true;
}

function removeFrom(m: Map<string, string[]>, key: string, value: string): boolean {
  const list = m.get(key);
  if (!list) return false;
  const i = list.indexOf(value);
  if (i < 0) return false;
  list.splice(i, 1);
  if (list.length === 0) m.delete(key);
  return true;
}
