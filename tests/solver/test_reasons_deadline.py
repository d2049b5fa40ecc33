"""Explanations ask CP-SAT only until the solve's time limit, and say so when that leaves a day open."""

import math
import time

from tests.conftest import people, tiny
from workwindow.solver.facts import week_facts
from workwindow.solver.reasons import CASCADE, _Day


def first_open_day():
    scenario = tiny(participants=people("injection", "tablet"))
    facts = week_facts(scenario, 1)
    return scenario, facts, next(iter(facts.options))


def test_a_question_before_the_deadline_is_answered():
    scenario, facts, key = first_open_day()
    day = _Day(scenario, facts, key[1], [], [], 1, math.inf)
    assert day._solver_fits(key, CASCADE[0]) is True


def test_no_question_is_asked_after_the_deadline():
    scenario, facts, key = first_open_day()
    day = _Day(scenario, facts, key[1], [], [], 1, time.monotonic() - 1)
    assert day._solver_fits(key, CASCADE[0]) is None
    assert day._model is None
