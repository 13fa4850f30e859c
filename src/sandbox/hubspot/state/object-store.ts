import type { ObjectType } from './object-types.ts';

// Records of one object type in one portal. Kept compact so a `large` portal (900k records) fits:
// the properties object is the seed's own (never copied), ids are numeric strings, and one sorted
// array of numeric ids serves `after` paging with a binary search.

export interface CrmRecord {
  id: string;
  /** Stored values; null = no value. hs_object_id and the last-modified stamp are derived on read. */
  properties: Record<string, string | null>;
  createdAt: number;
  updatedAt: number;
  /** Epoch ms of archiving, or null while active. */
  archivedAt: number | null;
}

export interface RecordPage {
  records: CrmRecord[];
  /** The id to pass as `after` for the next page, or null at the end. */
  nextAfter: string | null;
}

export class ObjectStore {
  readonly type: ObjectType;
  private readonly byId = new Map<string, CrmRecord>();
  private ids: number[] = [];
  private sorted = true;
  private maxId: number;

  constructor(type: ObjectType, firstId: number) {
    this.type = type;
    this.maxId = firstId - 1;
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): CrmRecord | undefined {
    return this.byId.get(id);
  }

  getActive(id: string): CrmRecord | undefined {
    const r = this.byId.get(id);
    return r && r.archivedAt === null ? r : undefined;
  }

  /** HubSpot-style ids: increasing, never reused. */
  allocateId(): string {
    this.maxId += 1;
    return String(this.maxId);
  }

  insert(record: CrmRecord): void {
    const n = Number(record.id);
    if (this.byId.has(record.id)) throw new Error(`duplicate ${this.type} id ${record.id}`);
    this.byId.set(record.id, record);
    if (n > this.maxId) this.maxId = n;
    const last = this.ids[this.ids.length - 1];
    if (last !== undefined && n < last) this.sorted = false;
    this.ids.push(n);
  }

  /** Removes a record for good (the merged-away side of a merge). */
  remove(id: string): void {
    if (!this.byId.delete(id)) return;
    this.ensureSorted();
    const i = lowerBound(this.ids, Number(id));
    if (this.ids[i] === Number(id)) this.ids.splice(i, 1);
  }

  /** Records in id order from `after` (inclusive), active or archived ones only. */
  page(after: number | null, limit: number, archived: boolean): RecordPage {
    this.ensureSorted();
    const records: CrmRecord[] = [];
    let i = after === null ? 0 : lowerBound(this.ids, after);
    for (; i < this.ids.length && records.length < limit; i++) {
      const r = this.byId.get(String(this.ids[i]));
      if (r && (r.archivedAt !== null) === archived) records.push(r);
    }
    // Look ahead for the next matching record so the last page carries no `next`.
    for (; i < this.ids.length; i++) {
      const r = this.byId.get(String(this.ids[i]));
      if (r && (r.archivedAt !== null) === archived) return { records, nextAfter: r.id };
    }
    return { records, nextAfter: null };
  }

  /** Every record in id order (search scans these). */
  *scan(archived = false): Generator<CrmRecord> {
    this.ensureSorted();
    for (const n of this.ids) {
      const r = this.byId.get(String(n));
      if (r && (r.archivedAt !== null) === archived) yield r;
    }
  }

  private ensureSorted(): void {
    if (this.sorted) return;
    this.ids.sort((a, b) => a - b);
    this.sorted = true;
  }
}

function lowerBound(arr: readonly number[], value: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((arr[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
