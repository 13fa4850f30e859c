// What a rep's Account carries in each state the screenshots show, as getRecord answers it.
const HOUR = 3_600_000;
const v = (value, displayValue = null) => ({ value, displayValue });
/** `Owner.Name` as getRecord gives it: the related User record under the relationship name. */
const owner = (name) => ({
  displayValue: name,
  value: { apiName: 'User', childRelationships: {}, fields: { Name: v(name) }, id: '005000000000001AAA' },
});

// A Japanese user's org is in yen (amounts a hundred times the dollar seed's, as the sandbox seeds
// them) and Vigil writes its summary in the portal's language.
const JA_SUMMARY =
  '41日間ログインがありません。緊急のチケットが3件未解決です。30日間でヘルスが14ポイント低下しました。';

export function fixture(state, now = Date.now(), lang = 'en') {
  const scoredAt = new Date(now - 2 * HOUR).toISOString();
  const yen = lang === 'ja';
  const amount = (usd) => (yen ? usd * 100 : usd);
  switch (state) {
    case 'healthy':
      return {
        data: {
          fields: {
            Owner: owner(yen ? '田中 愛子' : 'Aiko Tanaka'),
            Vigil_Health_Score__c: v(84),
            Vigil_Health_Status__c: v('healthy', 'Healthy'),
            Vigil_Health_Change_30d__c: v(6.5),
            Vigil_Score_Confidence__c: v(0.93),
            Vigil_Touch_Tier__c: v('high', 'High touch'),
            Vigil_Expected_LTV__c: v(amount(412000)),
            Vigil_Churn_Risk__c: v(9),
            Vigil_Churn_Risk_Level__c: v('low', 'Low'),
            Vigil_Churn_Reasons__c: v(null),
            Vigil_Churn_Summary__c: v(null),
            Vigil_Scored_At__c: v(scoredAt),
          },
        },
      };
    case 'at-risk':
      return {
        data: {
          fields: {
            Vigil_Health_Score__c: v(27),
            Vigil_Health_Status__c: v('at_risk', 'At risk'),
            Vigil_Health_Change_30d__c: v(-14),
            Vigil_Score_Confidence__c: v(0.48),
            Vigil_Touch_Tier__c: v('low', 'Low touch'),
            Vigil_Expected_LTV__c: v(amount(86400)),
            Vigil_Churn_Risk__c: v(78),
            Vigil_Churn_Risk_Level__c: v('critical', 'Critical'),
            Vigil_Churn_Reasons__c: v('no_login;urgent_tickets;health_drop'),
            Vigil_Churn_Summary__c: v(
              yen
                ? JA_SUMMARY
                : 'Nobody has logged in for 41 days. 3 urgent tickets are open. Health fell 14 points in 30 days.',
            ),
            Vigil_Scored_At__c: v(scoredAt),
          },
        },
      };
    case 'not-scored':
      return {
        data: {
          fields: Object.fromEntries(
            [
              'Vigil_Health_Score__c',
              'Vigil_Health_Status__c',
              'Vigil_Health_Change_30d__c',
              'Vigil_Score_Confidence__c',
              'Vigil_Touch_Tier__c',
              'Vigil_Expected_LTV__c',
              'Vigil_Churn_Risk__c',
              'Vigil_Churn_Risk_Level__c',
              'Vigil_Churn_Reasons__c',
              'Vigil_Churn_Summary__c',
              'Vigil_Scored_At__c',
            ].map((name) => [name, v(null)]),
          ),
        },
      };
    default:
      throw new Error(`Unknown card state "${state}": healthy, at-risk or not-scored`);
  }
}
