export { healthChange30d } from './change.ts';
export {
  type ComponentScore,
  type HealthScore,
  type HealthStatus,
  healthStatus,
  type SignalScore,
  scoreHealth,
} from './score.ts';
