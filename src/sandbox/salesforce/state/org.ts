import { toSecond } from '../format.ts';
import { KEY_PREFIX, normalizeId, recordId } from '../ids.ts';
import type { CpuHungryTrigger } from './apex-triggers.ts';
import { type FieldDef, SOBJECTS, type SObjectName, standardFields } from './fields.ts';
import { FieldSecurity } from './security.ts';
import {
  checkTaskStatuses,
  DEFAULT_TASK_STATUSES,
  type TaskStatusDef,
  taskStatusApiName,
} from './task-statuses.ts';
import { allPermissions, OWNED_RECORDS, USER_PERMISSIONS, type UserPermission } from './user-permissions.ts';
import { type Coerced, coerceInput, type FieldValue, toJson, type ValueError } from './values.ts';

// One Salesforce org: its records per sObject, the fields (standard, the customer's own custom
// fields, and those added through the Metadata API), field-level security, and the recycle bin that
// getDeleted reads. Every write stamps SystemModstamp to the second, as Salesforce does.

export interface SfRecord {
  readonly id: string;
  readonly values: Record<string, FieldValue>;
  deletedAt: number | null;
}

export interface SaveError {
  readonly statusCode: string;
  readonly message: string;
  readonly fields: string[];
}

export type SaveResult =
  | { ok: true; id: string; created: boolean }
  | { ok: false; id: string | null; errors: SaveError[] };

/** Recycle-bin retention, and so getDeleted's window ("earliestDateAvailable"). */
export const RECYCLE_BIN_MS = 15 * 86_400_000;

export class OrgState {
  readonly orgId: string;
  readonly userId: string;
  readonly username: string;
  readonly createdAt: number;
  readonly security = new FieldSecurity();
  readonly records = new Map<SObjectName, Map<string, SfRecord>>();
  /** sObject → lower-case field name → definition (SOQL field names are case-insensitive). */
  readonly fields = new Map<SObjectName, Map<string, FieldDef>>();
  /** CustomField metadata by full name ("Account.Vigil_Health_Score__c"), for readMetadata. */
  readonly customFieldMetadata = new Map<string, Record<string, unknown>>();
  /** Multi-currency enabled: CurrencyType exists, Organization.DefaultCurrencyIsoCode does not (orgs.ts). */
  multiCurrency = false;
  /** Custom fields per object this org's edition allows (Infinity = no limit). */
  customFieldLimit = Number.POSITIVE_INFINITY;
  /** Records a validation rule rejects (control API), with its message. */
  readonly failingRecords = new Map<string, string>();
  /** When each sObject's recycle bin was last emptied (physical deletion). */
  readonly purgedAt = new Map<SObjectName, number>();
  /** Account fields with history tracking on: a change of one writes an AccountHistory row. */
  readonly historyTracked = new Set<string>();
  /** The seeded history, written into AccountHistory the first time anything reads or adds to it. */
  #pendingHistory: (() => void) | null = null;
  /** The integration user's system permissions (user-permissions.ts); a System Administrator's by default. */
  readonly userPermissions: Record<UserPermission, boolean> = allPermissions();
  /** Apex triggers that exceed the CPU limit on large saves (apex-triggers.ts), by object. */
  readonly cpuHungryTriggers = new Map<SObjectName, CpuHungryTrigger>();
  /** The instance the org was moved to (auth/instance.ts); null: the sandbox's own base URL. */
  instanceUrl: string | null = null;
  /** Whether the edition includes API access (false: every call is API_DISABLED_FOR_ORG). */
  apiEnabled = true;
  readonly #counters = new Map<string, number>();
  readonly #now: () => number;

  constructor(orgNumber: number, now: () => number) {
    this.#now = now;
    this.createdAt = toSecond(now());
    this.orgId = recordId(KEY_PREFIX.Organization, orgNumber, '5g0000');
    for (const name of SOBJECTS) {
      this.records.set(name, new Map());
      this.fields.set(name, new Map(standardFields(name).map((def) => [def.name.toLowerCase(), def])));
    }
    this.userId = this.nextId('User');
    this.username = `integration@${this.orgId.toLowerCase()}.sandbox`;
    this.put('User', this.userId, {
      Username: this.username,
      Name: 'Integration User',
      FirstName: 'Integration',
      LastName: 'User',
      Email: `integration@${this.orgId.toLowerCase()}.example.com`,
      IsActive: true,
      UserType: 'Standard',
    });
    // The org's own record (Id = the org id): a US org until the seed says otherwise (org-locale.ts).
    this.put('Organization', this.orgId, {
      Name: `Sandbox org ${orgNumber}`,
      DefaultCurrencyIsoCode: 'USD',
      TimeZoneSidKey: 'America/Los_Angeles',
      LanguageLocaleKey: 'en_US',
      DefaultLocaleSidKey: 'en_US',
    });
    this.setUserPermissions({});
    this.setTaskStatuses(DEFAULT_TASK_STATUSES);
  }

  /** The Task status picklist (task-statuses.ts): TaskStatus rows and Task.Status's values (API names). */
  setTaskStatuses(statuses: readonly TaskStatusDef[]): void {
    checkTaskStatuses(statuses);
    const table = this.table('TaskStatus');
    table.clear();
    statuses.forEach((s, i) => {
      this.put('TaskStatus', recordId(KEY_PREFIX.TaskStatus, i + 1), {
        ApiName: taskStatusApiName(s),
        MasterLabel: s.label,
        SortOrder: i + 1,
        IsDefault: s.isDefault,
        IsClosed: s.closed,
      });
    });
    const status = this.field('Task', 'Status')!;
    this.addField('Task', { ...status, picklist: statuses.map(taskStatusApiName), restricted: true });
  }

  /** The API names of the statuses that close a Task. */
  closedTaskStatuses(): Set<string> {
    const out = new Set<string>();
    for (const r of this.table('TaskStatus').values())
      if (r.values['IsClosed'] === true) out.add(String(r.values['ApiName']));
    return out;
  }

  defaultTaskStatus(): string {
    for (const r of this.table('TaskStatus').values())
      if (r.values['IsDefault'] === true) return String(r.values['ApiName']);
    return 'Not Started';
  }

  /** A user who edits records in the Salesforce UI (control API, seeded changes), made when first needed. */
  uiUserId(): string {
    const username = `admin@${this.orgId.toLowerCase()}.sandbox`;
    for (const u of this.table('User').values()) if (u.values['Username'] === username) return u.id;
    const id = this.nextId('User');
    this.put('User', id, { Username: username, Name: 'Admin User', IsActive: true });
    return id;
  }

  /** Changes the integration user's permissions; its UserPermissionAccess row follows. */
  setUserPermissions(changes: Partial<Record<UserPermission, boolean>>): void {
    Object.assign(this.userPermissions, changes);
    const row: Record<string, FieldValue> = { LastCacheUpdate: this.now() };
    for (const p of USER_PERMISSIONS) row[`Permissions${p}`] = this.userPermissions[p];
    this.table('UserPermissionAccess').clear();
    this.put('UserPermissionAccess', recordId(KEY_PREFIX.UserPermissionAccess, 1), row);
  }

  /**
   * Whether the integration user sees the record: with View All Data (or Modify All Data) every
   * record; without, only those it owns (a Private sharing default, and no sharing rules).
   */
  sees(sobject: SObjectName, record: SfRecord): boolean {
    if (!OWNED_RECORDS.has(sobject)) return true;
    if (this.userPermissions.ViewAllData || this.userPermissions.ModifyAllData) return true;
    return record.values['OwnerId'] === this.userId;
  }

  /** Whether this org has the sObject at all: CurrencyType exists in multi-currency orgs only. */
  serves(sobject: SObjectName): boolean {
    return sobject !== 'CurrencyType' || this.multiCurrency;
  }

  now(): number {
    return toSecond(this.#now());
  }

  nextId(sobject: SObjectName | 'CustomField' | 'QueryLocator' | 'BulkJob'): string {
    const prefix = KEY_PREFIX[sobject];
    const n = (this.#counters.get(prefix) ?? 0) + 1;
    this.#counters.set(prefix, n);
    // Offset the counter by type so ids of different orgs and types never collide in tests.
    return recordId(prefix, 20_000_000_000 + n);
  }

  table(sobject: SObjectName): Map<string, SfRecord> {
    return this.records.get(sobject)!;
  }

  field(sobject: SObjectName, name: string): FieldDef | undefined {
    return this.fields.get(sobject)!.get(name.toLowerCase());
  }

  /** The field if the user may see it (standard, pre-existing custom, or granted by field-level security). */
  visibleField(sobject: SObjectName, name: string, access: 'read' | 'edit' = 'read'): FieldDef | undefined {
    const def = this.field(sobject, name);
    if (!def?.custom) return def;
    // Activity fields are granted per activity object (`Task.X__c`; metadata/components.ts).
    return this.security.can(this.userId, `${sobject}.${def.name}`, access) ? def : undefined;
  }

  addField(sobject: SObjectName, def: FieldDef): void {
    this.fields.get(sobject)!.set(def.name.toLowerCase(), def);
  }

  /** Stores a record as given (seeding, system objects): no validation, stamps as provided or now. */
  put(sobject: SObjectName, id: string, values: Record<string, FieldValue>): SfRecord {
    const now = this.now();
    const record: SfRecord = {
      id,
      values: {
        CreatedDate: now,
        LastModifiedDate: now,
        SystemModstamp: now,
        CreatedById: this.userId,
        LastModifiedById: this.userId,
        IsDeleted: false,
        ...values,
        Id: id,
      },
      deletedAt: null,
    };
    this.table(sobject).set(id, record);
    return record;
  }

  get(sobject: SObjectName, id: string): SfRecord | undefined {
    const full = normalizeId(id);
    const record = full === null ? undefined : this.table(sobject).get(full);
    return record && record.deletedAt === null ? record : undefined;
  }

  create(sobject: SObjectName, input: Record<string, unknown>): SaveResult {
    const checked = this.check(sobject, input, null);
    if (!checked.ok) return { ok: false, id: null, errors: checked.errors };
    for (const def of this.fields.get(sobject)!.values()) {
      if (
        def.required &&
        def.writable &&
        (checked.values[def.name] ?? null) === null &&
        !defaulted(sobject, def.name)
      )
        return { ok: false, id: null, errors: [requiredMissing(def.name)] };
    }
    if (sobject === 'Event') {
      const v = checked.values;
      const timed = v['ActivityDateTime'] !== undefined && v['ActivityDateTime'] !== null;
      const allDay =
        v['IsAllDayEvent'] === true && v['ActivityDate'] !== undefined && v['ActivityDate'] !== null;
      if (!timed && !allDay) return { ok: false, id: null, errors: [requiredMissing('ActivityDateTime')] };
      if (timed && (v['DurationInMinutes'] ?? null) === null)
        return { ok: false, id: null, errors: [requiredMissing('DurationInMinutes')] };
    }
    if (sobject === 'PermissionSetAssignment') {
      const refused = this.#assignment(checked.values);
      if (refused) return { ok: false, id: null, errors: [refused] };
    }
    const id = this.nextId(sobject);
    const record = this.put(sobject, id, {});
    Object.assign(record.values, defaults(sobject, this.table(sobject).size), checked.values);
    if (sobject === 'Task' && checked.values['Status'] === undefined)
      record.values['Status'] = this.defaultTaskStatus();
    // The creating user owns a new record unless one is named ("OwnerId", Object Reference).
    if (OWNED_RECORDS.has(sobject) && (record.values['OwnerId'] ?? null) === null)
      record.values['OwnerId'] = this.userId;
    derive(sobject, record.values, null, this.now(), this.closedTaskStatuses());
    this.#touchLastActivity(sobject, record.values);
    return { ok: true, id, created: true };
  }

  /**
   * `startedAt`: the change belongs to a transaction that began then and commits now — its stamps
   * are the transaction's start, earlier than changes already visible (control API, late commits).
   */
  update(
    sobject: SObjectName,
    rawId: string,
    input: Record<string, unknown>,
    options: { startedAt?: number; by?: string } = {},
  ): SaveResult {
    const id = normalizeId(rawId);
    if (id === null) return fail(null, 'MALFORMED_ID', `malformed id ${rawId}`);
    const record = this.get(sobject, id);
    if (!record) return fail(id, 'ENTITY_IS_DELETED', 'entity is deleted');
    const checked = this.check(sobject, input, id);
    if (!checked.ok) return { ok: false, id, errors: checked.errors };
    const before = { ...record.values };
    Object.assign(record.values, checked.values);
    const now = options.startedAt === undefined ? this.now() : toSecond(options.startedAt);
    if (sobject === 'Account') {
      for (const [name, value] of Object.entries(checked.values)) {
        if (this.historyTracked.has(name) && (before[name] ?? null) !== value)
          this.recordHistory(id, name, before[name] ?? null, value, now);
      }
    }
    record.values['LastModifiedDate'] = now;
    record.values['SystemModstamp'] = now;
    // Whoever made the change: the API's caller (the integration user) unless told otherwise.
    record.values['LastModifiedById'] = options.by ?? this.userId;
    derive(sobject, record.values, before, now, this.closedTaskStatuses());
    this.#touchLastActivity(sobject, record.values);
    return { ok: true, id, created: false };
  }

  /**
   * A Task's or Event's AccountId ("Task" / "Event", Object Reference, AccountId: "If the value of
   * WhatId is any of the following objects, then Salesforce uses that object's AccountId: Account,
   * Opportunity, Contract, Custom object that is a child of Account. If the value of the WhatId field
   * is any other object, and the value of the WhoId field is a contact object, then Salesforce uses
   * that contact's AccountId. Otherwise, Salesforce leaves the value of this field blank."). A Case
   * is "any other object": its activity rolls up through the WhoId's contact, not the Case's account.
   */
  accountOfActivity(v: Record<string, FieldValue>): string | null {
    const what = String(v['WhatId'] ?? '');
    const account = this.get('Account', what);
    if (account) return account.id;
    const opportunity = this.get('Opportunity', what);
    if (opportunity)
      return typeof opportunity.values['AccountId'] === 'string' ? opportunity.values['AccountId'] : null;
    const contact = this.get('Contact', String(v['WhoId'] ?? ''));
    return typeof contact?.values['AccountId'] === 'string' ? contact.values['AccountId'] : null;
  }

  /**
   * Account.LastActivityDate ("Account", Object Reference): whichever is the most recent of the due
   * date of the most recent event and the due date of the most recently closed task on the record —
   * whoever wrote the task, Vigil included. Activities roll up to the Account they are related to
   * through AccountId — an Opportunity's or a Contact's activity counts for its Account ("Guidelines
   * for Tracking Activities", Salesforce Help). A closed task without a due date counts on the day it
   * was completed (stricter than assuming it is ignored); an event counts on its ActivityDate.
   * Salesforce maintains the field without an edit of the Account, so the Account's own stamps are
   * left as they are.
   */
  #touchLastActivity(sobject: SObjectName, v: Record<string, FieldValue>): void {
    let due: FieldValue | undefined;
    if (sobject !== 'Task' && sobject !== 'Event') return;
    v['AccountId'] = this.accountOfActivity(v);
    if (sobject === 'Task' && v['IsClosed'] === true) due = v['ActivityDate'] ?? v['CompletedDateTime'];
    else if (sobject === 'Event') due = v['ActivityDate'];
    else return;
    const account = this.get('Account', String(v['AccountId'] ?? ''));
    if (!account || typeof due !== 'number') return;
    const day = Math.floor(due / 86_400_000) * 86_400_000;
    const current = account.values['LastActivityDate'];
    if (typeof current !== 'number' || current < day) account.values['LastActivityDate'] = day;
  }

  delete(sobject: SObjectName, rawId: string): SaveResult {
    const id = normalizeId(rawId);
    if (id === null) return fail(null, 'MALFORMED_ID', `malformed id ${rawId}`);
    const record = this.get(sobject, id);
    if (!record) return fail(id, 'ENTITY_IS_DELETED', 'entity is deleted');
    const now = this.now();
    record.deletedAt = now;
    record.values['IsDeleted'] = true;
    record.values['SystemModstamp'] = now;
    return { ok: true, id, created: false };
  }

  /**
   * A merge (SOAP `merge()`, or the UI's Merge Accounts): the losing record goes to the recycle bin
   * with `MasterRecordId` naming the survivor, which getDeleted does not report but queryAll does.
   */
  merge(sobject: SObjectName, masterId: string, mergedId: string): SaveResult {
    const master = this.get(sobject, masterId);
    if (!master) return fail(normalizeId(masterId), 'ENTITY_IS_DELETED', 'entity is deleted');
    const result = this.delete(sobject, mergedId);
    if (!result.ok) return result;
    const merged = this.table(sobject).get(result.id)!;
    merged.values['MasterRecordId'] = master.id;
    master.values['LastModifiedDate'] = merged.deletedAt;
    master.values['SystemModstamp'] = merged.deletedAt;
    return { ok: true, id: master.id, created: false };
  }

  /**
   * Emptying the recycle bin (an admin, or Salesforce when the bin outgrows its share of storage)
   * physically deletes its records: getDeleted can no longer report them, and its
   * `earliestDateAvailable` moves up to now ("the timestamp … of the last physically deleted object").
   */
  emptyRecycleBin(sobject: SObjectName): number {
    let purged = 0;
    for (const [id, record] of this.table(sobject))
      if (record.deletedAt !== null) {
        this.table(sobject).delete(id);
        purged++;
      }
    this.purgedAt.set(sobject, this.now());
    return purged;
  }

  /** getDeleted's `earliestDateAvailable`: the recycle bin's reach, or its last emptying if later. */
  earliestDeletedAvailable(sobject: SObjectName): number {
    return Math.max(this.now() - RECYCLE_BIN_MS, this.purgedAt.get(sobject) ?? 0);
  }

  /** Seeded field history is large and rarely read: it is written on first use. */
  deferHistory(write: () => void): void {
    this.#pendingHistory = write;
  }

  #materializeHistory(): void {
    const write = this.#pendingHistory;
    this.#pendingHistory = null;
    write?.();
  }

  /** An AccountHistory row: `field` of the account changed from `oldValue` to `newValue` at `at`. */
  recordHistory(
    accountId: string,
    field: string,
    oldValue: FieldValue,
    newValue: FieldValue,
    at: number,
  ): void {
    this.#materializeHistory();
    const def = this.field('Account', field);
    if (def === undefined) return;
    this.put('AccountHistory', this.nextId('AccountHistory'), {
      CreatedDate: toSecond(at),
      AccountId: accountId,
      Field: def.name,
      OldValue: toJson(def, oldValue),
      NewValue: toJson(def, newValue),
    });
  }

  /** Active (not deleted) records; with `all`, also those in the recycle bin (queryAll). */
  *scan(sobject: SObjectName, all = false): Iterable<SfRecord> {
    if (sobject === 'AccountHistory') this.#materializeHistory();
    const earliest = this.now() - RECYCLE_BIN_MS;
    for (const record of this.table(sobject).values()) {
      if (record.deletedAt === null || (all && record.deletedAt >= earliest)) yield record;
    }
  }

  /** A PermissionSetAssignment takes effect at once: the user gains the set's field permissions. */
  #assignment(values: Record<string, FieldValue>): SaveError | null {
    if (!this.userPermissions.AssignPermissionSets && !this.userPermissions.ModifyAllData)
      return {
        statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
        message: 'insufficient access rights on object id',
        fields: [],
      };
    const userId = String(values['AssigneeId'] ?? '');
    const psId = String(values['PermissionSetId'] ?? '');
    if (!this.get('User', userId) || !this.security.permissionSets.has(psId))
      return { statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [] };
    if (!this.security.assign(userId, psId))
      return { statusCode: 'DUPLICATE_VALUE', message: 'Duplicate PermissionSetAssignment', fields: [] };
    return null;
  }

  check(
    sobject: SObjectName,
    input: Record<string, unknown>,
    id: string | null,
  ): { ok: true; values: Record<string, FieldValue> } | { ok: false; errors: SaveError[] } {
    if (id !== null && this.failingRecords.has(id))
      return {
        ok: false,
        errors: [
          {
            statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            message: this.failingRecords.get(id)!,
            fields: [],
          },
        ],
      };
    const values: Record<string, FieldValue> = {};
    for (const [name, raw] of Object.entries(input)) {
      if (name === 'attributes' || name === 'Id' || name === 'id') continue;
      const def = this.visibleField(sobject, name, 'edit');
      if (!def) {
        return {
          ok: false,
          errors: [
            {
              statusCode: 'INVALID_FIELD',
              message: `No such column '${name}' on sobject of type ${sobject}`,
              fields: [],
            },
          ],
        };
      }
      if (!def.writable || (id !== null && def.createOnly === true))
        return {
          ok: false,
          errors: [
            {
              statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
              message: `Unable to create/update fields: ${def.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
              fields: [def.name],
            },
          ],
        };
      const coerced: Coerced = coerceInput(def, raw);
      if (!coerced.ok) return { ok: false, errors: [withField(coerced.error, def.name)] };
      if (def.required && coerced.value === null) return { ok: false, errors: [requiredMissing(def.name)] };
      values[def.name] = coerced.value;
    }
    return { ok: true, values };
  }
}

function withField(error: ValueError, field: string): SaveError {
  return { statusCode: error.statusCode, message: error.message, fields: [field] };
}

function requiredMissing(field: string): SaveError {
  return {
    statusCode: 'REQUIRED_FIELD_MISSING',
    message: `Required fields are missing: [${field}]`,
    fields: [field],
  };
}

function fail(id: string | null, statusCode: string, message: string): SaveResult {
  return { ok: false, id, errors: [{ statusCode, message, fields: [] }] };
}

function defaulted(sobject: SObjectName, field: string): boolean {
  return sobject === 'Task' && field === 'Status';
}

function defaults(sobject: SObjectName, n: number): Record<string, FieldValue> {
  if (sobject === 'Task') return { Status: 'Not Started', Priority: 'Normal' };
  if (sobject === 'Case')
    return { Status: 'New', Priority: 'Medium', IsEscalated: false, CaseNumber: String(n).padStart(8, '0') };
  return {};
}

/**
 * Fields Salesforce computes from others: an Opportunity's IsClosed / IsWon from its stage, a
 * Case's IsClosed and ClosedDate from its status, a Task's IsClosed and CompletedDateTime.
 */
export function derive(
  sobject: SObjectName,
  v: Record<string, FieldValue>,
  before: Record<string, FieldValue> | null,
  now: number,
  closedTaskStatuses: ReadonlySet<string> = new Set(['Completed']),
): void {
  if (sobject === 'Opportunity') {
    const stage = v['StageName'];
    v['IsWon'] = stage === 'Closed Won';
    v['IsClosed'] = stage === 'Closed Won' || stage === 'Closed Lost';
  } else if (sobject === 'Case') {
    const closed = v['Status'] === 'Closed';
    if (closed && before?.['IsClosed'] !== true) v['ClosedDate'] = now;
    if (!closed) v['ClosedDate'] = null;
    v['IsClosed'] = closed;
  } else if (sobject === 'Event') {
    const at = v['ActivityDateTime'];
    if (typeof at === 'number' && v['IsAllDayEvent'] !== true)
      v['ActivityDate'] = Math.floor(at / 86_400_000) * 86_400_000;
  } else if (sobject === 'Task') {
    const closed = closedTaskStatuses.has(String(v['Status']));
    if (closed && before?.['IsClosed'] !== true) v['CompletedDateTime'] = now;
    v['IsClosed'] = closed;
  }
}
