package org.parley.attribution;

import java.util.List;
import java.util.Locale;

/**
 * {@link FitMain}'s maximum-likelihood fit of {@link ActorWeights}: the softmax log-likelihood of the right actors
 * over every row, with a small ridge ({@link #RIDGE}), maximised by Newton's method (Fisher scoring, step halving).
 */
final class LikelihoodFit {
  static final double RIDGE = 0.01;

  private LikelihoodFit() {}

  private static final int G = ActorWeights.GROUP_FEATURES;
  private static final int K = G + ActorWeights.UNKNOWN_FEATURES;

  /** The full parameter vector's view of actor a's features (group block or unknown block). */
  private static double[] phi(FitMain.Row r, int a) {
    double[] v = new double[K];
    int u = r.features().length - 1;
    System.arraycopy(r.features()[a], 0, v, a == u ? G : 0, a == u ? K - G : G);
    return v;
  }

  static ActorWeights fit(List<FitMain.Row> rows) {
    double[] theta = new double[K];
    double[] grad = new double[K];
    double[][] hess = new double[K][K];
    double ll = objective(rows, theta, grad, hess);
    for (int it = 0; it < 200; it++) {
      double[] step = solve(hess, grad);
      double t = 1;
      double[] next = theta;
      double nll = Double.NEGATIVE_INFINITY;
      for (int half = 0; half < 40; half++, t /= 2) { // step halving: never accept a worse fit
        next = theta.clone();
        for (int k = 0; k < K; k++) {
          next[k] += t * step[k];
        }
        nll = objective(rows, next, null, null);
        if (nll >= ll) {
          break;
        }
      }
      if (!(nll >= ll)) {
        break;
      }
      boolean done = nll - ll < 1e-9 * rows.size();
      theta = next;
      ll = objective(rows, theta, grad, hess);
      if (FitMain.VERBOSE) {
        System.out.printf(Locale.ROOT, "iteration %d mean log-likelihood %.5f %s%n", it, ll / rows.size(),
            java.util.Arrays.toString(theta));
      }
      if (done) {
        break;
      }
    }
    double[] g = new double[G];
    double[] u = new double[K - G];
    System.arraycopy(theta, 0, g, 0, G);
    System.arraycopy(theta, G, u, 0, K - G);
    return new ActorWeights(g, u, 0);
  }

  /** Penalised log-likelihood; fills the gradient and the Fisher information (plus ridge) when given. */
  static double objective(List<FitMain.Row> rows, double[] theta, double[] grad, double[][] hess) {
    if (grad != null) {
      java.util.Arrays.fill(grad, 0);
      for (double[] h : hess) {
        java.util.Arrays.fill(h, 0);
      }
    }
    double ll = 0;
    for (FitMain.Row r : rows) {
      int n = r.features().length;
      double[][] f = new double[n][];
      double[] s = new double[n];
      for (int a = 0; a < n; a++) {
        f[a] = phi(r, a);
        for (int k = 0; k < K; k++) {
          s[a] += theta[k] * f[a][k];
        }
      }
      double[] p = Scores.softmax(s.clone());
      double pt = 0;
      for (int a = 0; a < n; a++) {
        pt += r.truth()[a] ? p[a] : 0;
      }
      ll += Math.log(Math.max(pt, 1e-300));
      if (grad == null) {
        continue;
      }
      double[] mAll = new double[K];
      double[] mTrue = new double[K];
      for (int a = 0; a < n; a++) {
        for (int k = 0; k < K; k++) {
          mAll[k] += p[a] * f[a][k];
          if (r.truth()[a] && pt > 0) {
            mTrue[k] += p[a] / pt * f[a][k];
          }
        }
      }
      for (int k = 0; k < K; k++) {
        grad[k] += mTrue[k] - mAll[k];
      }
      for (int a = 0; a < n; a++) { // Fisher scoring: Cov_p[φ] (positive semi-definite)
        for (int i = 0; i < K; i++) {
          double di = f[a][i] - mAll[i];
          if (di == 0) {
            continue;
          }
          for (int j = 0; j < K; j++) {
            hess[i][j] += p[a] * di * (f[a][j] - mAll[j]);
          }
        }
      }
    }
    double lambda = RIDGE * rows.size();
    for (int k = 0; k < K; k++) {
      ll -= lambda * theta[k] * theta[k];
      if (grad != null) {
        grad[k] -= 2 * lambda * theta[k];
        hess[k][k] += 2 * lambda;
      }
    }
    return ll;
  }

  /** Gaussian elimination with partial pivoting. */
  static double[] solve(double[][] a0, double[] b0) {
    int n = b0.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = a0[i].clone();
    }
    double[] b = b0.clone();
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
          p = r;
        }
      }
      double[] t = a[c];
      a[c] = a[p];
      a[p] = t;
      double tb = b[c];
      b[c] = b[p];
      b[p] = tb;
      for (int r = c + 1; r < n; r++) {
        double m = a[r][c] / a[c][c];
        for (int k = c; k < n; k++) {
          a[r][k] -= m * a[c][k];
        }
        b[r] -= m * b[c];
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = b[r];
      for (int k = r + 1; k < n; k++) {
        s -= a[r][k] * x[k];
      }
      x[r] = s / a[r][r];
    }
    return x;
  }
}
