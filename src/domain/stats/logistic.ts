/**
 * L2-regularised logistic regression by Newton's method (IRLS), on standardised
 * features. Newton needs no learning rate and converges in a handful of steps for the
 * dozen features a churn model has, and it is deterministic: same data, same
 * coefficients. The intercept is not penalised.
 *
 * Minimises  Σᵢ [log(1 + e^ηᵢ) − yᵢ·ηᵢ] + (λ/2)·‖w‖²,  ηᵢ = b + xᵢ·w.
 */
export interface Standardised {
  /** Row-major n × p. */
  readonly x: Float64Array;
  readonly n: number;
  readonly p: number;
  readonly mean: Float64Array;
  /** Standard deviation; 0 marks a constant feature, which gets coefficient 0. */
  readonly sd: Float64Array;
}

export interface LogisticFit {
  /** In standardised units. */
  readonly intercept: number;
  readonly weights: Float64Array;
  readonly iterations: number;
}

/** Standardises rows (mean 0, sd 1 per column) with the mean and sd of the given rows. */
export function standardise(rows: readonly Float64Array[], p: number): Standardised {
  const n = rows.length;
  const mean = new Float64Array(p);
  const sd = new Float64Array(p);
  for (const r of rows) for (let j = 0; j < p; j++) mean[j]! += r[j]!;
  for (let j = 0; j < p; j++) mean[j] = n === 0 ? 0 : mean[j]! / n;
  for (const r of rows) {
    for (let j = 0; j < p; j++) {
      const d = r[j]! - mean[j]!;
      sd[j]! += d * d;
    }
  }
  for (let j = 0; j < p; j++) {
    const s = n === 0 ? 0 : Math.sqrt(sd[j]! / n);
    sd[j] = s > 1e-12 ? s : 0;
  }
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    for (let j = 0; j < p; j++) x[i * p + j] = sd[j] === 0 ? 0 : (r[j]! - mean[j]!) / sd[j]!;
  }
  return { x, n, p, mean, sd };
}

/** Applies a training set's mean and sd to other rows. */
export function applyStandardisation(rows: readonly Float64Array[], s: Standardised): Float64Array {
  const { p, mean, sd } = s;
  const x = new Float64Array(rows.length * p);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    for (let j = 0; j < p; j++) x[i * p + j] = sd[j] === 0 ? 0 : (r[j]! - mean[j]!) / sd[j]!;
  }
  return x;
}

export function linearPredictor(x: Float64Array, row: number, p: number, fit: LogisticFit): number {
  let eta = fit.intercept;
  for (let j = 0; j < p; j++) eta += fit.weights[j]! * x[row * p + j]!;
  return eta;
}

const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function fitLogistic(data: Standardised, y: Uint8Array, l2: number, maxIterations = 50): LogisticFit {
  const { x, n, p } = data;
  const m = p + 1; // parameter 0 is the intercept
  let theta = new Float64Array(m);
  const loss = (t: Float64Array) => {
    let l = 0;
    for (let i = 0; i < n; i++) {
      let eta = t[0]!;
      for (let j = 0; j < p; j++) eta += t[j + 1]! * x[i * p + j]!;
      l += softplus(eta) - y[i]! * eta;
    }
    for (let j = 1; j < m; j++) l += 0.5 * l2 * t[j]! * t[j]!;
    return l;
  };
  let current = loss(theta);
  let iterations = 0;
  const grad = new Float64Array(m);
  const hess = new Float64Array(m * m);
  const row = new Float64Array(m);
  for (; iterations < maxIterations; iterations++) {
    grad.fill(0);
    hess.fill(0);
    for (let i = 0; i < n; i++) {
      row[0] = 1;
      for (let j = 0; j < p; j++) row[j + 1] = x[i * p + j]!;
      let eta = 0;
      for (let j = 0; j < m; j++) eta += theta[j]! * row[j]!;
      const mu = sigmoid(eta);
      const r = mu - y[i]!;
      const w = mu * (1 - mu);
      for (let a = 0; a < m; a++) {
        grad[a]! += r * row[a]!;
        const wa = w * row[a]!;
        for (let b = a; b < m; b++) hess[a * m + b]! += wa * row[b]!;
      }
    }
    for (let a = 1; a < m; a++) {
      grad[a]! += l2 * theta[a]!;
      hess[a * m + a]! += l2;
    }
    // A tiny ridge keeps the system solvable when every prediction is saturated.
    for (let a = 0; a < m; a++) {
      hess[a * m + a]! += 1e-9 * (n + 1);
      for (let b = 0; b < a; b++) hess[a * m + b] = hess[b * m + a]!;
    }
    const step = solveSymmetric(hess, grad, m);
    // Damped Newton: halve the step until the loss does not rise.
    let scale = 1;
    let next = theta;
    let nextLoss = current;
    for (let tries = 0; tries < 30; tries++, scale /= 2) {
      const candidate = new Float64Array(m);
      for (let a = 0; a < m; a++) candidate[a] = theta[a]! - scale * step[a]!;
      const l = loss(candidate);
      if (l <= current) {
        next = candidate;
        nextLoss = l;
        break;
      }
    }
    let change = 0;
    for (let a = 0; a < m; a++) change = Math.max(change, Math.abs(next[a]! - theta[a]!));
    theta = next;
    current = nextLoss;
    if (change < 1e-9) {
      iterations++;
      break;
    }
  }
  return { intercept: theta[0]!, weights: theta.slice(1), iterations };
}

/** Solves A·x = b for symmetric positive-definite A (m × m, row-major) by Cholesky. */
function solveSymmetric(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * m + j]!;
      for (let k = 0; k < j; k++) s -= l[i * m + k]! * l[j * m + k]!;
      if (i === j) l[i * m + i] = Math.sqrt(Math.max(s, 1e-300));
      else l[i * m + j] = s / l[j * m + j]!;
    }
  }
  const z = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * m + k]! * z[k]!;
    z[i] = s / l[i * m + i]!;
  }
  const out = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < m; k++) s -= l[k * m + i]! * out[k]!;
    out[i] = s / l[i * m + i]!;
  }
  return out;
}
