import { describe, expect, it } from 'vitest';
import { classifyDeal } from '../../domain/signals/deals.ts';
import { propertiesToRead } from '../../sync/read-properties.ts';
import { fieldsToSelect, salesforceMapping, toCrmRecord, toText } from './mapping.ts';
import { customFieldComponents, SUMMARY_MAX, toAccountFields, VIGIL_FIELDS } from './vigil-fields.ts';

describe('Salesforce rows → CrmRecord', () => {
  it('maps an Opportunity from REST JSON', () => {
    const record = toCrmRecord('deal', {
      attributes: { type: 'Opportunity', url: '/x' },
      Id: '0065g0000AukyoaAQA',
      AccountId: '0015g00000q3gdXAAQ',
      Amount: 4390,
      IsWon: true,
      CloseDate: '2024-12-19',
      Type: null,
      SystemModstamp: '2026-03-01T10:20:30.000+0000',
      CreatedDate: '2024-11-01T00:00:00.000+0000',
    });
    expect(record).toEqual({
      type: 'deal',
      id: '0065g0000AukyoaAQA',
      properties: {
        Id: '0065g0000AukyoaAQA',
        AccountId: '0015g00000q3gdXAAQ',
        Amount: '4390',
        IsWon: 'true',
        CloseDate: '2024-12-19',
        Type: null,
        SystemModstamp: '2026-03-01T10:20:30.000Z',
        CreatedDate: '2024-11-01T00:00:00.000Z',
      },
      companyIds: ['0015g00000q3gdXAAQ'],
      modifiedAt: Date.UTC(2026, 2, 1, 10, 20, 30),
      createdAt: Date.UTC(2024, 10, 1),
    });
  });

  it('maps a Case from a Bulk CSV row the same way (strings, empty = null)', () => {
    const record = toCrmRecord('ticket', {
      Id: '5005g0000AukyoaAQA',
      AccountId: '',
      IsEscalated: 'false',
      ClosedDate: '',
      SystemModstamp: '2026-03-01T10:20:30.000Z',
      CreatedDate: '2026-02-01T00:00:00.000Z',
    });
    expect(record.companyIds).toEqual([]);
    expect(record.properties).toMatchObject({
      IsEscalated: 'false',
      ClosedDate: null,
      SystemModstamp: '2026-03-01T10:20:30.000Z',
    });
    expect(toText(Number.NaN)).toBeNull();
  });
});

describe('salesforceMapping', () => {
  it('names Salesforce fields the sync reads, plus the stamps and the Account lookup', () => {
    const m = salesforceMapping();
    expect(fieldsToSelect('deal', propertiesToRead('deal', m))).toEqual(
      expect.arrayContaining([
        'Id',
        'SystemModstamp',
        'AccountId',
        'Amount',
        'StageName',
        'IsWon',
        'IsClosed',
        'CloseDate',
        'Type',
      ]),
    );
    expect(propertiesToRead('ticket', m)).toEqual([
      'ClosedDate',
      'CreatedDate',
      'IsClosed',
      'IsEscalated',
      'Priority',
      'Status',
    ]);
    expect(propertiesToRead('company', m)).toContain('Last_Login_Date__c');
  });

  it('classifies Opportunity types as new business, expansion, contraction and renewal', () => {
    const m = salesforceMapping().deal;
    const kind = (Type: string) =>
      classifyDeal(
        {
          id: 'x',
          properties: { Type, Amount: '100', IsWon: 'true', IsClosed: 'true', CloseDate: '2026-01-01' },
        },
        m,
        [],
        Date.UTC(2026, 5, 1),
      ).kind;
    expect(kind('New Customer')).toBe('new_business');
    expect(kind('Existing Customer - Upgrade')).toBe('expansion');
    expect(kind('Existing Customer - Downgrade')).toBe('contraction');
    expect(kind('Renewal')).toBe('renewal');
    const lost = classifyDeal(
      {
        id: 'y',
        properties: { Type: 'Renewal', IsWon: 'false', IsClosed: 'true', StageName: 'Closed Lost' },
      },
      m,
      [],
      0,
    );
    expect(lost.outcome).toBe('lost');
  });
});

describe('Vigil fields', () => {
  it('maps neutral property values to Account field values, clearing with null', () => {
    const long = 'x'.repeat(SUMMARY_MAX + 10);
    expect(
      toAccountFields({
        vigil_health_score: '72',
        vigil_health_status: '',
        vigil_churn_reasons: 'no_login;low_adoption',
        vigil_churn_summary: long,
        vigil_scored_at: '2026-06-01T00:00:00.000Z',
      }),
    ).toEqual({
      Vigil_Health_Score__c: 72,
      Vigil_Health_Status__c: null,
      Vigil_Churn_Reasons__c: 'no_login;low_adoption',
      Vigil_Churn_Summary__c: `${'x'.repeat(SUMMARY_MAX - 1)}…`,
      Vigil_Scored_At__c: '2026-06-01T00:00:00.000Z',
    });
  });

  it('defines every field of DESIGN §2 once, plus the Task external id', () => {
    expect(VIGIL_FIELDS.map((f) => f.property)).toEqual([
      'vigil_health_score',
      'vigil_health_status',
      'vigil_health_change_30d',
      'vigil_score_confidence',
      'vigil_touch_tier',
      'vigil_expected_ltv',
      'vigil_churn_risk',
      'vigil_churn_risk_level',
      'vigil_churn_reasons',
      'vigil_churn_summary',
      'vigil_scored_at',
    ]);
    const names = customFieldComponents().map((c) => c['fullName']);
    expect(new Set(names).size).toBe(12);
    expect(names.at(-1)).toBe('Activity.Vigil_Entry_Id__c');
  });
});
