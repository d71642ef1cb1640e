"""The BG/NBD model ("buy till you die") of Fader, Hardie & Lee (2005).

"Counting your customers the easy way: an alternative to the Pareto/NBD model",
Marketing Science 24(2). While alive, a customer visits as a Poisson process with rate
λ ~ Gamma(r, α); after each visit they drop out with probability p ~ Beta(a, b).
Each customer is summarised by three numbers, all in one time unit (the shop uses days):

- ``frequency`` x: repeat visits (visit days after the first),
- ``recency`` t_x: time from the first to the last visit,
- ``T``: time from the first visit to the end of observation.

`fit_bgnbd` maximises the log-likelihood of equation (6) of the paper over the logarithms
of the four parameters (so they stay positive) with SciPy; `p_alive` is equation (11)
and `expected_visits` the conditional expectation of equation (10).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import minimize
from scipy.special import gammaln, hyp2f1

MIN_REPEAT_CUSTOMERS = 30
MIN_HISTORY = 90.0  # in the data's time unit (days for the shop)


class NotEnoughHistory(ValueError):
    """Raised by `fit_bgnbd` when the data cannot support a fit."""

    def __init__(self, repeat_customers: int, span: float) -> None:
        self.repeat_customers = repeat_customers
        self.span = span
        super().__init__(
            f"not enough history: {repeat_customers} repeat customers "
            f"(need {MIN_REPEAT_CUSTOMERS}), {span:g} time units observed "
            f"(need {MIN_HISTORY:g})"
        )


@dataclass(frozen=True)
class BGNBDParams:
    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float = 0.0
    customers: int = 0

    def to_dict(self) -> dict[str, float]:
        return {
            "r": self.r,
            "alpha": self.alpha,
            "a": self.a,
            "b": self.b,
            "log_likelihood": self.log_likelihood,
            "customers": self.customers,
        }


def _arrays(frequency: ArrayLike, recency: ArrayLike, T: ArrayLike):
    x = np.asarray(frequency, dtype=float)
    tx = np.asarray(recency, dtype=float)
    t_obs = np.asarray(T, dtype=float)
    if not (x.shape == tx.shape == t_obs.shape) or x.ndim != 1:
        raise ValueError("frequency, recency and T must be 1-d arrays of one length")
    if np.any(x < 0) or np.any(tx < 0) or np.any(tx > t_obs + 1e-9):
        raise ValueError("need frequency >= 0 and 0 <= recency <= T")
    return x, tx, t_obs


def log_likelihood(
    params: tuple[float, float, float, float], x: np.ndarray, tx: np.ndarray, t_obs: np.ndarray
) -> np.ndarray:
    """Per-customer log-likelihood, equation (6) in its numerically stable log form."""
    r, alpha, a, b = params
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + t_obs)
    repeat = x > 0
    a4 = np.full_like(x, -np.inf)
    a4[repeat] = (
        np.log(a) - np.log(b + x[repeat] - 1) - (r + x[repeat]) * np.log(alpha + tx[repeat])
    )
    return a1 + a2 + np.logaddexp(a3, a4)


class _Likelihood:
    """`log_likelihood` for fixed data, evaluated many times by the optimiser.

    The special functions depend on x, t_x and T separately, and each takes few distinct
    values (visit counts, day numbers), so they are computed once per distinct value and
    gathered: every element, and so the sum, is bit for bit what `log_likelihood` gives.
    """

    def __init__(self, x: np.ndarray, tx: np.ndarray, t_obs: np.ndarray) -> None:
        self.x = x
        self.ux, self.ix = np.unique(x, return_inverse=True)
        self.utx, self.itx = np.unique(tx, return_inverse=True)
        self.ut, self.it = np.unique(t_obs, return_inverse=True)
        self.repeat = x > 0
        self.repeat_values = self.ux > 0

    def __call__(self, params: tuple[float, float, float, float]) -> np.ndarray:
        r, alpha, a, b = params
        x, ix, rep = self.x, self.ix, self.repeat
        a1 = gammaln(r + self.ux)[ix] - gammaln(r) + r * np.log(alpha)
        a2 = gammaln(a + b) + gammaln(b + self.ux)[ix] - gammaln(b) - gammaln(a + b + self.ux)[ix]
        a3 = -(r + x) * np.log(alpha + self.ut)[self.it]
        log_b = np.zeros_like(self.ux)  # log(b + x - 1), needed for repeat customers only
        log_b[self.repeat_values] = np.log(b + self.ux[self.repeat_values] - 1)
        a4 = np.full_like(x, -np.inf)
        a4[rep] = (
            np.log(a) - log_b[ix][rep] - (r + x[rep]) * np.log(alpha + self.utx)[self.itx][rep]
        )
        return a1 + a2 + np.logaddexp(a3, a4)


def fit_bgnbd(
    frequency: ArrayLike,
    recency: ArrayLike,
    T: ArrayLike,
    *,
    min_repeat: int = MIN_REPEAT_CUSTOMERS,
    min_history: float = MIN_HISTORY,
) -> BGNBDParams:
    """Maximum-likelihood BG/NBD parameters (r, alpha, a, b) for the customers given.

    Raises `NotEnoughHistory` when fewer than `min_repeat` customers came back or the
    longest observation is shorter than `min_history`: a fit on such data is noise.
    """
    x, tx, t_obs = _arrays(frequency, recency, T)
    repeat = int(np.count_nonzero(x > 0))
    span = float(t_obs.max()) if t_obs.size else 0.0
    if repeat < min_repeat or span < min_history:
        raise NotEnoughHistory(repeat, span)
    scale = float(np.mean(t_obs)) or 1.0  # fit in units of the mean T: better conditioned
    likelihood = _Likelihood(x, tx / scale, t_obs / scale)

    def objective(log_params: np.ndarray) -> float:
        params = np.exp(log_params)
        value = -np.sum(likelihood(tuple(params)))
        # a tiny ridge keeps the search away from parameters running off to infinity
        return float(value + 1e-6 * np.sum(log_params**2))

    # a quasi-Newton run from r = alpha = a = b = 1 (in units of the mean T), then a
    # derivative-free polish: robust on flat likelihood surfaces without a second start
    first = minimize(objective, np.zeros(4), method="L-BFGS-B")
    best = minimize(
        objective,
        first.x,
        method="Nelder-Mead",
        options={"xatol": 1e-7, "fatol": 1e-7, "maxiter": 4000},
    )
    if first.fun < best.fun:
        best = first
    r, alpha, a, b = (float(v) for v in np.exp(best.x))
    alpha *= scale
    ll = float(np.sum(log_likelihood((r, alpha, a, b), x, tx, t_obs)))
    return BGNBDParams(r=r, alpha=alpha, a=a, b=b, log_likelihood=ll, customers=int(x.size))


def p_alive(
    params: BGNBDParams, frequency: ArrayLike, recency: ArrayLike, T: ArrayLike
) -> np.ndarray:
    """P(the customer is still active | x, t_x, T), equation (11). 1 for x = 0."""
    x, tx, t_obs = _arrays(frequency, recency, T)
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    out = np.ones_like(x)
    rep = x > 0
    log_ratio = (
        np.log(a)
        - np.log(b + x[rep] - 1)
        + (r + x[rep]) * (np.log(alpha + t_obs[rep]) - np.log(alpha + tx[rep]))
    )
    out[rep] = 1.0 / (1.0 + np.exp(log_ratio))
    return out


def expected_visits(
    params: BGNBDParams, t: float, frequency: ArrayLike, recency: ArrayLike, T: ArrayLike
) -> np.ndarray:
    """Expected visits in the next `t` time units given each history, equation (10)."""
    x, tx, t_obs = _arrays(frequency, recency, T)
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    if abs(a - 1.0) < 1e-6:  # the closed form divides by a - 1
        a = 1.0 + 1e-6
    z = t / (alpha + t_obs + t)
    hyp = hyp2f1(r + x, b + x, a + b + x - 1, z)
    head = (a + b + x - 1) / (a - 1)
    body = 1.0 - np.exp((r + x) * (np.log(alpha + t_obs) - np.log(alpha + t_obs + t))) * hyp
    denom = np.ones_like(x)
    rep = x > 0
    denom[rep] += np.exp(
        np.log(a)
        - np.log(b + x[rep] - 1)
        + (r + x[rep]) * (np.log(alpha + t_obs[rep]) - np.log(alpha + tx[rep]))
    )
    return head * body / denom


def simulate(params: BGNBDParams, T: ArrayLike, seed: int = 0) -> tuple[np.ndarray, ...]:
    """Draw (frequency, recency, T) from the model itself, for tests and sanity checks."""
    rng = np.random.default_rng(seed)
    t_obs = np.asarray(T, dtype=float)
    n = t_obs.size
    lam = rng.gamma(params.r, 1.0 / params.alpha, size=n)
    p = rng.beta(params.a, params.b, size=n)
    freq = np.zeros(n)
    rec = np.zeros(n)
    for i in range(n):
        now, count, last = 0.0, 0, 0.0
        while True:
            now += rng.exponential(1.0 / lam[i])
            if now > t_obs[i]:
                break
            count, last = count + 1, now
            if rng.random() < p[i]:
                break
        freq[i], rec[i] = count, last
    return freq, rec, t_obs
