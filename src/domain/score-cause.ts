/**
 * Why a score moved, as score history records it: new CRM data, a settings edit, or adopting
 * or reverting a fitted churn model (a settings version too, but told apart so a company's
 * history shows what the model did).
 */
export const SCORE_CAUSES = ['data', 'config', 'model'] as const;
export type ScoreCause = (typeof SCORE_CAUSES)[number];
