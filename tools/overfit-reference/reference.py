#!/usr/bin/env python3
"""Independent recomputation of the overfitting statistics pinned in
analytics/src/test/java/io/perpetua/analytics/overfit/*ReferenceTest.java.

Written from the papers' formulas with scipy (not from the Java code):
  Bailey & Lopez de Prado 2012, "The Sharpe Ratio Efficient Frontier" (PSR and MinTRL),
  Bailey & Lopez de Prado 2014, "The Deflated Sharpe Ratio" (expected max SR, DSR),
  Bailey, Borwein, Lopez de Prado & Zhu 2014, "Pseudo-Mathematics and Financial Charlatanism"
    (MinBTL), and 2017 "The Probability of Backtest Overfitting" (CSCV).
Run once with numpy + scipy:  python3 tools/overfit-reference/reference.py
Prints the values with 17 significant digits; the Java tests pin them.
"""
import itertools
import math

import numpy as np
from scipy.stats import norm

EULER = 0.5772156649015329


def psr(sr, sr_star, n, skew, kurt):
    return norm.cdf((sr - sr_star) * math.sqrt(n - 1)
                    / math.sqrt(1 - skew * sr + (kurt - 1) / 4 * sr ** 2))


def exp_max(trials, var):
    return math.sqrt(var) * ((1 - EULER) * norm.ppf(1 - 1 / trials)
                             + EULER * norm.ppf(1 - 1 / (trials * math.e)))


def min_trl(sr, sr_star, skew, kurt, prob):
    return 1 + (1 - skew * sr + (kurt - 1) / 4 * sr ** 2) * (norm.ppf(prob) / (sr - sr_star)) ** 2


def min_btl(trials, target):
    return ((((1 - EULER) * norm.ppf(1 - 1 / trials)
              + EULER * norm.ppf(1 - 1 / (trials * math.e)))) / target) ** 2


def matrix(periods, trials):
    """A deterministic T x N matrix both sides can build: no random generator involved."""
    t = np.arange(periods).reshape(-1, 1)
    k = np.arange(trials).reshape(1, -1)
    return 0.01 * np.sin(0.37 * t * (k + 1) + 0.11 * k) + 0.002 * np.cos(1.7 * t + k * k) + 0.0002 * (k % 3)


def sharpe(x):
    s = x.std(ddof=1)
    return x.mean() / s


def pbo(m, s):
    t_rows, n = m.shape
    sizes = [t_rows // s + (1 if b < t_rows % s else 0) for b in range(s)]
    starts = np.concatenate([[0], np.cumsum(sizes)])
    blocks = [np.arange(starts[b], starts[b + 1]) for b in range(s)]
    logits = []
    for train in itertools.combinations(range(s), s // 2):
        test = [b for b in range(s) if b not in train]
        rows_is = np.concatenate([blocks[b] for b in train])
        rows_oos = np.concatenate([blocks[b] for b in test])
        perf_is = np.array([sharpe(m[rows_is, j]) for j in range(n)])
        perf_oos = np.array([sharpe(m[rows_oos, j]) for j in range(n)])
        best = int(np.argmax(perf_is))
        rank = 1 + np.sum(perf_oos < perf_oos[best]) + 0.5 * (np.sum(perf_oos == perf_oos[best]) - 1)
        w = rank / (n + 1)
        logits.append(math.log(w / (1 - w)))
    logits = np.array(logits)
    return float(np.mean(logits <= 0)), logits


def show(name, value):
    print(f"{name} = {float(value)!r}")


if __name__ == "__main__":
    # DSR paper, section "A numerical example": N = 100 trials, V = 1/2 (annual), annual SR 2.5,
    # T = 1250 daily observations, 250 days a year, skew -3, kurtosis 10.
    sr0 = exp_max(100, 0.5 / 250)
    show("dsr_example_sr0_per_day", sr0)
    show("dsr_example_dsr", psr(2.5 / math.sqrt(250), sr0, 1250, -3, 10))
    # The CLI example: annual SR 1.8, 1000 obs, 50 trials, V 0.3 annual, skew -1, kurt 6, P 365.
    sr0 = exp_max(50, 0.3 / 365)
    show("issue_example_sr0_per_day", sr0)
    show("issue_example_dsr", psr(1.8 / math.sqrt(365), sr0, 1000, -1, 6))
    show("psr_a", psr(0.1, 0.0, 250, -0.5, 4.5))
    show("psr_b", psr(0.05, 0.02, 1000, 0.3, 3.2))
    show("exp_max_1000_1", exp_max(1000, 1.0))
    show("exp_max_10_1", exp_max(10, 1.0))
    show("mintrl_a", min_trl(0.1, 0.0, -0.5, 4.5, 0.95))
    show("mintrl_b", min_trl(2.0 / math.sqrt(12), 1.0 / math.sqrt(12), -0.75, 5.0, 0.95))
    show("minbtl_45_1", min_btl(45, 1.0))
    show("minbtl_1000_1.5", min_btl(1000, 1.5))
    m = matrix(200, 9)
    p, lg = pbo(m, 8)
    show("pbo_matrix_200x9_s8", p)
    show("pbo_logits_first", lg[0])
    show("pbo_logits_last", lg[-1])
    show("pbo_logits_sum", float(lg.sum()))
    m = matrix(203, 6)
    p, lg = pbo(m, 6)
    show("pbo_matrix_203x6_s6", p)
    show("pbo_logits_sum_203x6", float(lg.sum()))
