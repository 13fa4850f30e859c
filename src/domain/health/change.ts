import { DAY_MS, type ScoreSnapshot } from '../records.ts';
import { round1 } from './score.ts';

const WINDOW_MS = 30 * DAY_MS;
const MIN_AGE_MS = 7 * DAY_MS;

/**
 * How much health moved over the last 30 days: current − the latest snapshot taken at
 * or before now − 30 d. A company scored for less than 30 days is compared with its
 * oldest snapshot instead, as long as that is at least 7 days old (a change over a
 * day or two is noise, not a trend). Snapshots after `now` (a re-run of an older
 * as-of time) and healths outside 0–100 are ignored. One decimal, like the score.
 */
export function healthChange30d(
  current: number | null,
  history: readonly ScoreSnapshot[],
  now: number,
): number | null {
  if (current === null || !(current >= 0 && current <= 100)) return null;
  const cutoff = now - WINDOW_MS;
  let before: ScoreSnapshot | null = null;
  let oldestRecent: ScoreSnapshot | null = null;
  for (let i = 0; i < history.length; i++) {
    const s = history[i]!;
    if (!(s.health >= 0 && s.health <= 100) || !Number.isFinite(s.at) || s.at > now) continue;
    if (s.at <= cutoff) {
      if (before === null || s.at > before.at) before = s;
    } else if (oldestRecent === null || s.at < oldestRecent.at) {
      oldestRecent = s;
    }
  }
  if (before !== null) return round1(current - before.health);
  if (oldestRecent !== null && now - oldestRecent.at >= MIN_AGE_MS)
    return round1(current - oldestRecent.health);
  return null;
}
