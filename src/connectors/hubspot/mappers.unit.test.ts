import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../domain/config/parse.ts';
import { batchOutcomes } from './batch-outcomes.ts';
import {
  companyIdsOf,
  hubspotObjectSchema,
  mergeRemovals,
  toBatchUpdateInput,
  toCompanyAssociations,
  toCrmRecord,
  toEpochMs,
  toRemoval,
} from './mappers.ts';
import { propertiesFor } from './read-properties.ts';

describe('HubSpot object → CrmRecord', () => {
  it('maps a deal from the generated client (Date stamps) with its companies, primary first', () => {
    const record = toCrmRecord('deal', {
      id: '42',
      properties: {
        amount: '1200',
        dealstage: 'closedwon',
        closedate: null,
        hs_lastmodifieddate: '2026-01-02T00:00:00Z',
      },
      createdAt: new Date('2025-12-01T00:00:00Z'),
      updatedAt: new Date('2026-01-02T00:00:00.500Z'),
      archived: false,
      associations: {
        companies: {
          results: [
            { id: '7', type: 'deal_to_company_unlabeled' },
            { id: '9', type: 'deal_to_company' },
            { id: '9', type: 'deal_to_company_unlabeled' },
          ],
        },
      },
    });
    expect(record).toEqual({
      type: 'deal',
      id: '42',
      properties: {
        amount: '1200',
        dealstage: 'closedwon',
        closedate: null,
        hs_lastmodifieddate: '2026-01-02T00:00:00Z',
      },
      companyIds: ['9', '7'],
      modifiedAt: Date.parse('2026-01-02T00:00:00.500Z'),
      createdAt: Date.parse('2025-12-01T00:00:00Z'),
    });
  });

  it('maps a company from raw JSON (ISO strings) with no companyIds and falls back to hs_lastmodifieddate', () => {
    const record = toCrmRecord('company', {
      id: 3,
      properties: { name: 'Acme', hs_lastmodifieddate: '1767225600000', createdate: '2020-01-01T00:00:00Z' },
    });
    expect(record.id).toBe('3');
    expect(record.companyIds).toEqual([]);
    expect(record.modifiedAt).toBe(1_767_225_600_000);
    expect(record.createdAt).toBe(Date.parse('2020-01-01T00:00:00Z'));
  });

  it('takes the companies of a search result from the v4 batch read', () => {
    const ids = toCompanyAssociations('ticket', [
      {
        from: { id: '5' },
        to: [
          { toObjectId: 11, associationTypes: [{ typeId: 339, label: null }] },
          { toObjectId: 12, associationTypes: [{ typeId: 339 }, { typeId: 26, label: 'Primary' }] },
        ],
      },
    ]);
    expect(ids.get('5')).toEqual(['12', '11']);
    const record = toCrmRecord(
      'ticket',
      { id: '5', properties: {}, updatedAt: '2026-02-01T00:00:00Z' },
      ids.get('5'),
    );
    expect(record.companyIds).toEqual(['12', '11']);
  });

  it('rejects a payload without an id', () => {
    expect(() => toCrmRecord('company', { properties: {} })).toThrow();
  });

  it('reads every time format HubSpot uses', () => {
    expect(toEpochMs('2026-01-01')).toBe(Date.parse('2026-01-01'));
    expect(toEpochMs('1700000000000')).toBe(1_700_000_000_000);
    expect(toEpochMs(new Date(5))).toBe(5);
    expect(toEpochMs('not a date')).toBeNull();
    expect(toEpochMs(null)).toBeNull();
  });

  it('lists companies of v3 associations once each', () => {
    const object = hubspotObjectSchema.parse({
      id: '1',
      associations: {
        companies: {
          results: [
            { id: '2', type: 'ticket_to_company' },
            { id: '2', type: 'ticket_to_company' },
          ],
        },
      },
    });
    expect(companyIdsOf(object)).toEqual(['2']);
  });
});

describe('removals', () => {
  it('maps an archived record with its archivedAt', () => {
    expect(toRemoval('ticket', { id: '8', archived: true, archivedAt: '2026-03-01T00:00:00Z' })).toEqual({
      type: 'ticket',
      id: '8',
      mergedInto: null,
      removedAt: Date.parse('2026-03-01T00:00:00Z'),
    });
  });

  it('turns hs_merged_object_ids on a survivor into merge removals', () => {
    const survivor = toCrmRecord('company', {
      id: '10',
      properties: { hs_merged_object_ids: '11;12;10' },
      updatedAt: '2026-03-01T00:00:00Z',
    });
    expect(mergeRemovals(survivor)).toEqual([
      { type: 'company', id: '11', mergedInto: '10', removedAt: Date.parse('2026-03-01T00:00:00Z') },
      { type: 'company', id: '12', mergedInto: '10', removedAt: Date.parse('2026-03-01T00:00:00Z') },
    ]);
    expect(
      mergeRemovals(toCrmRecord('company', { id: '1', properties: { hs_merged_object_ids: '' } })),
    ).toEqual([]);
  });
});

describe('CompanyUpdate → batch input', () => {
  it('keeps empty strings, which clear a property in HubSpot', () => {
    expect(
      toBatchUpdateInput({
        companyId: '4',
        properties: { vigil_health_score: '71', vigil_churn_reasons: '' },
      }),
    ).toEqual({
      id: '4',
      properties: { vigil_health_score: '71', vigil_churn_reasons: '' },
    });
  });
});

describe('207 batch answers → per-record outcomes', () => {
  it('marks every input ok on a 200', () => {
    expect(batchOutcomes(['1', '2'], { status: 'COMPLETE', results: [{ id: '1' }, { id: '2' }] })).toEqual([
      { companyId: '1', ok: true },
      { companyId: '2', ok: true },
    ]);
  });

  it('attributes OBJECT_NOT_FOUND by context.ids and an unnamed VALIDATION_ERROR to the one left over', () => {
    const outcomes = batchOutcomes(['1', '2', '3', '4'], {
      status: 'COMPLETE',
      results: [{ id: '1' }, { id: '4' }],
      numErrors: 2,
      errors: [
        {
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          message: 'Could not find some',
          context: { ids: ['3'] },
        },
        {
          status: 'error',
          category: 'VALIDATION_ERROR',
          message: 'Property values were not valid',
          context: { propertyName: ['vigil_touch_tier'] },
        },
      ],
    });
    expect(outcomes).toEqual([
      { companyId: '1', ok: true },
      {
        companyId: '2',
        ok: false,
        error: { code: 'VALIDATION_ERROR', message: 'Property values were not valid', retryable: false },
      },
      {
        companyId: '3',
        ok: false,
        error: { code: 'OBJECT_NOT_FOUND', message: 'Could not find some', retryable: false },
      },
      { companyId: '4', ok: true },
    ]);
  });

  it('marks a record HubSpot did not mention as retryable, and an unreadable body as retryable for all', () => {
    expect(batchOutcomes(['1', '2'], { results: [{ id: '1' }] })[1]).toMatchObject({
      ok: false,
      error: { code: 'NOT_WRITTEN', retryable: true },
    });
    expect(batchOutcomes(['1'], 'garbage')[0]).toMatchObject({ ok: false, error: { retryable: true } });
  });
});

describe('properties to read', () => {
  it('follows the scoring mapping and adds the stamps the sync needs', () => {
    const mapping = defaultScoringConfig().mapping;
    const company = propertiesFor('company', mapping);
    expect(company).toEqual(
      expect.arrayContaining(['last_login_date', 'nps_score', 'hs_lastmodifieddate', 'hs_merged_object_ids']),
    );
    const remapped = propertiesFor('company', { ...mapping, company: { ...mapping.company, nps: 'my_nps' } });
    expect(remapped).toContain('my_nps');
    expect(remapped).not.toContain('nps_score');
    expect(propertiesFor('deal', mapping)).toEqual(
      expect.arrayContaining(['amount', 'dealstage', 'closedate', 'pipeline']),
    );
    expect(propertiesFor('ticket', mapping)).toEqual(
      expect.arrayContaining(['hs_ticket_priority', 'hs_pipeline_stage']),
    );
  });
});
