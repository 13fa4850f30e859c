export { rocAuc } from './auc.ts';
export { type ChurnExample, type ChurnModelFit, type FitOptions, fitChurnModel } from './fit.ts';
