import { ratio } from './ratio.ts';

/**
 * Customer-count KPIs (DESIGN §1). Each returns a ratio (0.05 = 5 %) or `null` when
 * the denominator is empty. Inputs are counts for one period.
 */

/**
 * Customer churn rate = churned ÷ customers at period start.
 * Worked example: 10 churned of 200 at the start → 0.05 (5 %).
 * Counting downgraded customers as churned too gives the "with downgrades" variant
 * (portfolioKpis reports both).
 */
export function customerChurnRate(churned: number, customersAtStart: number): number | null {
  return ratio(churned, customersAtStart);
}

/**
 * Customer retention rate = (customers at end − new in period) ÷ customers at start.
 * New customers are taken out so growth cannot hide churn.
 * Worked example: 1,300 at the end, 350 of them new, 1,000 at the start → 0.95 (95 %).
 */
export function retentionRate(
  customersAtEnd: number,
  newInPeriod: number,
  customersAtStart: number,
): number | null {
  return ratio(customersAtEnd - newInPeriod, customersAtStart);
}

/**
 * Onboarding completion rate = completed ÷ customers in onboarding.
 * Example: 18 completed of 24 customers with an onboarding status → 0.75.
 * portfolioKpis counts "in onboarding" as customers at the period end whose
 * onboarding status is known (not started, in progress or completed).
 */
export function onboardingCompletionRate(completed: number, inOnboarding: number): number | null {
  return ratio(completed, inOnboarding);
}

/**
 * Upsell / cross-sell rate = customers with expansion ÷ customers.
 * Example: 30 of 200 customers bought more during the period → 0.15.
 */
export function upsellRate(customersWithExpansion: number, customers: number): number | null {
  return ratio(customersWithExpansion, customers);
}
