/**
 * Principal component analysis for the static-table build: covariance, then a cyclic Jacobi
 * eigen-decomposition in float64. Jacobi is slower than LAPACK's routines but short, exact to
 * rounding and deterministic (a fixed sweep order), which a reproducible build needs.
 */

/** Result of {@link pca}. */
export interface Pca {
  /** Mean of the rows, length d. */
  mean: Float64Array;
  /** Components as rows, `k × d`, in decreasing order of variance; each has unit length. */
  components: Float64Array[];
  /** Variance along each component. */
  variances: number[];
  /** Share of the total variance the k components keep. */
  kept: number;
}

/**
 * Eigenvalues and eigenvectors of a symmetric `n × n` matrix (row-major, overwritten) by cyclic
 * Jacobi rotations. Returns the eigenvectors as the columns of `v` (row-major).
 */
export function jacobiEigen(
  a: Float64Array,
  n: number,
  maxSweeps = 60,
): { values: number[]; v: Float64Array } {
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += a[i * n + i] * a[i * n + i];
      for (let j = i + 1; j < n; j++) off += a[i * n + j] * a[i * n + j];
    }
    if (off <= 1e-22 * diag) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const app = a[p * n + p];
        const aqq = a[q * n + q];
        // Skip rotations too small to change the diagonal (Numerical Recipes' threshold test).
        if (Math.abs(apq) < 1e-300 || Math.abs(apq) * 1e18 < Math.min(Math.abs(app), Math.abs(aqq))) {
          a[p * n + q] = 0;
          a[q * n + p] = 0;
          continue;
        }
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = Array.from({ length: n }, (_, i) => a[i * n + i]);
  return { values, v };
}

/**
 * The top k principal components of the rows of `x` (`n × d`, row-major). Each component's sign
 * is fixed so that its largest-magnitude coordinate is positive, so the output does not depend
 * on the solver's arbitrary signs.
 *
 * @example
 * ```ts
 * const p = pca(Float64Array.of(0, 0, 1, 1, 2, 2), 3, 2, 1);
 * p.components[0]; // ≈ [0.707, 0.707]
 * ```
 */
export function pca(x: ArrayLike<number>, n: number, d: number, k: number): Pca {
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) mean[j] += x[r * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) row[j] = x[r * d + j] - mean[j];
    for (let i = 0; i < d; i++) {
      const ri = row[i];
      const base = i * d;
      for (let j = i; j < d; j++) cov[base + j] += ri * row[j];
    }
  }
  for (let i = 0; i < d; i++)
    for (let j = i; j < d; j++) {
      cov[i * d + j] /= n - 1;
      cov[j * d + i] = cov[i * d + j];
    }
  let total = 0;
  for (let i = 0; i < d; i++) total += cov[i * d + i];
  const { values, v } = jacobiEigen(cov, d);
  const order = values.map((_, i) => i).sort((p, q) => values[q] - values[p] || p - q);
  const components: Float64Array[] = [];
  const variances: number[] = [];
  for (const c of order.slice(0, k)) {
    const comp = new Float64Array(d);
    let big = 0;
    for (let j = 0; j < d; j++) {
      comp[j] = v[j * d + c];
      if (Math.abs(comp[j]) > Math.abs(comp[big])) big = j;
    }
    if (comp[big] < 0) for (let j = 0; j < d; j++) comp[j] = -comp[j];
    components.push(comp);
    variances.push(values[c]);
  }
  return { mean, components, variances, kept: variances.reduce((s, x) => s + x, 0) / total };
}
