// Counts of API calls by org, endpoint template and status, for tests and the bench (the control API
// serves them). Ids and query locators are folded into placeholders so templates stay few.

export interface SfStatsSnapshot {
  total: number;
  byOrg: Record<string, number>;
  byEndpoint: Record<string, number>;
  byStatus: Record<string, number>;
}

export function endpointTemplate(method: string, path: string): string {
  const template = path
    .replace(/\/v\d+\.\d+\//, '/vXX.X/')
    .replace(/\/query\/[A-Za-z0-9]{15,18}-\d+/, '/query/{locator}')
    .replace(/\/[A-Za-z0-9]{15}(?:[A-Z0-5]{3})?(?=\/|$)/g, '/{id}');
  return `${method} ${template}`;
}

export class SfStats {
  #total = 0;
  readonly #byOrg = new Map<string, number>();
  readonly #byEndpoint = new Map<string, number>();
  readonly #byStatus = new Map<string, number>();

  record(orgId: string | null, method: string, path: string, status: number): void {
    this.#total++;
    const org = orgId ?? 'none';
    this.#byOrg.set(org, (this.#byOrg.get(org) ?? 0) + 1);
    const endpoint = endpointTemplate(method, path);
    this.#byEndpoint.set(endpoint, (this.#byEndpoint.get(endpoint) ?? 0) + 1);
    this.#byStatus.set(String(status), (this.#byStatus.get(String(status)) ?? 0) + 1);
  }

  snapshot(): SfStatsSnapshot {
    return {
      total: this.#total,
      byOrg: Object.fromEntries(this.#byOrg),
      byEndpoint: Object.fromEntries(this.#byEndpoint),
      byStatus: Object.fromEntries(this.#byStatus),
    };
  }

  reset(): void {
    this.#total = 0;
    this.#byOrg.clear();
    this.#byEndpoint.clear();
    this.#byStatus.clear();
  }
}
