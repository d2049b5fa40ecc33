"""Consecutive stages in one weighted CP-SAT solve, their order kept by the weights.

Each CP-SAT call presolves the whole model again, 0.1-0.25 s a stage on the
pilot with fairness, and some stages prove far sooner weighted together than
one after another. On the pilot's 4 weeks (seeds 0-8), late_start, staff and
late_places took 1.8-2.6 s as one solve, against 2.4-6.8 s as three: the
staff stage alone waited 1.3-4.8 s for its proof, with late_start held at
its optimum as a constraint and not as the objective its LP could use.

An objective can move by at most its range over its variables' domains, so
a stage weighs one more than everything below it can add up to: the
weighted optimum is the lexicographic one, and each member's value and
bound can be read back from the sum. Joint solves are for small models
only: the weights multiply, and a large week rarely proves a stage, so it
keeps one stage per CP-SAT call and its time shares.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

JOINT_MOST = 10**9
"""The most the weighted sum can span. Past it the next stage starts a solve of its own."""


@dataclass(frozen=True)
class Linear:
    """An objective as the proto holds it, to be read at a solution without CP-SAT."""

    variables: tuple[int, ...]
    coeffs: tuple[int, ...]
    offset: int
    least: int
    """The least it can be over its variables' domains: its bound when CP-SAT gives none."""
    most: int

    def at(self, solution: Sequence[int]) -> int:
        return self.offset + sum(c * solution[i] for i, c in zip(self.variables, self.coeffs, strict=True))

    @property
    def span(self) -> int:
        """How many values it can take at most."""
        return self.most - self.least + 1


def linear_of(model: cp_model.CpModel, expr: cp_model.LinearExprT) -> Linear:
    """The expression's terms, read from the proto once CP-SAT's own writer has merged them.

    Leaves the expression as the model's objective.
    """
    model.clear_objective()
    model.minimize(expr)
    objective, domains = model.proto.objective, model.proto.variables
    variables, coeffs = tuple(objective.vars), tuple(objective.coeffs)
    lows = [domains[i].domain[0] for i in variables]
    highs = [domains[i].domain[len(domains[i].domain) - 1] for i in variables]  # `domain[-1]` reads 0 in the proto
    offset = round(objective.offset)
    least = offset + sum(c * (lo if c > 0 else hi) for c, lo, hi in zip(coeffs, lows, highs, strict=True))
    most = offset + sum(c * (hi if c > 0 else lo) for c, lo, hi in zip(coeffs, lows, highs, strict=True))
    return Linear(variables, coeffs, offset, least, most)


@dataclass(frozen=True)
class Joint:
    """Stages solved as one: the first weighs most, each later one less than any step of the one before."""

    linears: tuple[Linear, ...]
    weights: tuple[int, ...]

    def expr(self, exprs: Sequence[cp_model.LinearExprT]) -> cp_model.LinearExprT:
        if len(exprs) == 1:
            return exprs[0]
        return sum(w * e for w, e in zip(self.weights, exprs, strict=True))

    def values(self, solution: Sequence[int]) -> list[int]:
        return [linear.at(solution) for linear in self.linears]

    def first_of(self, combined: int) -> int:
        """The first member's value in a value of the sum, or its bound in a bound of the sum.

        The later members add w₁ − 1 at most above their least values, so
        the sum holds the first exactly, and a bound of the sum floors to a
        bound of the first.
        """
        rest = sum(w * linear.least for w, linear in zip(self.weights[1:], self.linears[1:], strict=True))
        return (combined - rest) // self.weights[0]


def joint_of(linears: Iterable[Linear], most: int = JOINT_MOST) -> Joint:
    """The longest run of `linears`, from the first, whose weighted sum spans no more than `most`.

    Read lazily: the first that does not fit is the last one asked for.
    """
    taken: list[Linear] = []
    size = 1
    for linear in linears:
        if taken and size * linear.span > most:
            break
        taken.append(linear)
        size *= linear.span
    weights = [1]
    for linear in reversed(taken[1:]):
        weights.append(weights[-1] * linear.span)
    return Joint(tuple(taken), tuple(reversed(weights)))
