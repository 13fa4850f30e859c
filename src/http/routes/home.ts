import type { RequestHandler } from 'express';

/**
 * `/` until the dashboard exists (issue 5): a plain page that says what is here and
 * links the JSON endpoints, rather than pretending to be the dashboard.
 */
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Vigil</title>
<link rel="stylesheet" href="/dashboard/assets/dashboard.css">
</head>
<body>
<h1>Vigil</h1>
<p>Vigil is running: it syncs the connected CRM portal, scores every company (health, touch tier,
churn risk with reasons) and writes the results back as <code>vigil_*</code> properties and timeline entries.</p>
<p>There is no dashboard yet. The numbers are served as JSON:</p>
<ul>
<li><a href="/api/portfolio">/api/portfolio</a> — portfolio KPIs, tier and status distributions, last sync</li>
<li><a href="/api/companies">/api/companies</a> — companies by churn risk, highest first
(<code>?sort=health&amp;order=asc</code>, <code>?tier=high</code>, <code>?level=critical</code>, <code>?reason=no_login</code>)</li>
<li><code>/api/companies/&lt;id&gt;</code> — one company: score breakdown, reasons, tier and LTV, history, timeline</li>
<li><a href="/api/sync/runs">/api/sync/runs</a> — recent sync runs and their numbers</li>
<li><a href="/healthz">/healthz</a> — is the process alive; <a href="/readyz">/readyz</a> — are the database and the queue reachable</li>
<li><a href="/metrics">/metrics</a> — Prometheus metrics</li>
</ul>
<p>From a terminal: <code>vigil score &lt;companyId&gt; --explain</code>.</p>
</body>
</html>
`;

export function homePage(): RequestHandler {
  return (_req, res) => {
    res.type('html').send(PAGE);
  };
}
