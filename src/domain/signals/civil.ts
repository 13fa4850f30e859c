/**
 * Calendar arithmetic on epoch milliseconds (UTC) without Date objects: these run for
 * every date of every record scored, and a Date allocation plus its getters cost more
 * than the whole arithmetic. Algorithms from Howard Hinnant's "chrono-compatible
 * low-level date algorithms" (proleptic Gregorian; valid for any year).
 */
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of year y, month m (1–12), day d; days past the month's end roll over, as in Date.UTC. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  // Integer truncation is floor for the non-negative years CRMs hold, and much cheaper.
  const era = yy >= 0 && yy < 2_000_000_000 ? (yy / 400) | 0 : Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = (((153 * mp + 2) / 5) | 0) + d - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Epoch ms of a UTC calendar date and time, like Date.UTC but for any year (no 1900 offset for 0–99). */
export function utcMs(
  y: number,
  m: number,
  d: number,
  hh: number,
  mi: number,
  ss: number,
  ms: number,
): number {
  return daysFromCivil(y, m, d) * DAY_MS + ((hh * 60 + mi) * 60 + ss) * 1000 + ms;
}

/**
 * t plus a number of calendar months, keeping the day of month and time of day. Same
 * result as `d.setUTCMonth(d.getUTCMonth() + months)`: Jan 31 + 1 month rolls over into March.
 */
export function addMonthsUtc(t: number, months: number): number {
  const days = Math.floor(t / DAY_MS);
  const msOfDay = t - days * DAY_MS;
  // civil_from_days
  const z = days + 719_468;
  let era: number;
  let doe: number;
  let yoe: number;
  let doy: number;
  let mp: number;
  let d: number;
  if (z >= 0 && z < 2_000_000_000) {
    // Every quotient below is of a non-negative integer, where truncation (| 0) is
    // floor and compiles to integer arithmetic: the path for any date after year 0.
    era = (z / 146_097) | 0;
    doe = z - era * 146_097;
    yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36_524) | 0) - ((doe / 146_096) | 0)) / 365) | 0;
    doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0));
    mp = ((5 * doy + 2) / 153) | 0;
    d = doy - (((153 * mp + 2) / 5) | 0) + 1;
  } else {
    era = Math.floor(z / 146_097);
    doe = z - era * 146_097;
    yoe = Math.floor(
      (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
    );
    doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    mp = Math.floor((5 * doy + 2) / 153);
    d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  }
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const total = y * 12 + (m - 1) + months;
  const y2 = Math.floor(total / 12);
  const m2 = total - y2 * 12 + 1;
  return (daysFromCivil(y2, m2, 1) + d - 1) * DAY_MS + msOfDay;
}
