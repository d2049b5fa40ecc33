"""The executor runs any picklable function, locally or on Dask, and hands back every task once."""

import operator
import os
import sys
from concurrent.futures.process import BrokenProcessPool

import pytest

from workwindow.executor import WORKER_IMPORTS, DaskCluster, ExecutorError, LocalProcesses, Task, open_executor

SQUARES = [Task(f"square-{n}", pow, (n, 2)) for n in range(8)]


def values_by_key(finished):
    return {item.task.key: item.value for item in finished}


@pytest.fixture(scope="module")
def local_cluster():
    with DaskCluster("local", jobs=2) as executor:
        yield executor


def test_local_processes_return_every_result_once():
    with LocalProcesses(2) as executor:
        finished = list(executor.run(SQUARES))
    assert values_by_key(finished) == {f"square-{n}": n * n for n in range(8)}
    assert len(finished) == len(SQUARES)


def test_a_dask_local_cluster_returns_the_same_results(local_cluster):
    finished = list(local_cluster.run(SQUARES))
    assert values_by_key(finished) == {f"square-{n}": n * n for n in range(8)}
    assert len(finished) == len(SQUARES)


@pytest.mark.parametrize("backend", ["local processes", "dask"])
def test_a_task_that_raises_comes_back_with_its_error(backend, local_cluster):
    tasks = [Task("fine", operator.add, (1, 2)), Task("broken", operator.truediv, (1, 0))]
    if backend == "dask":
        finished = {item.task.key: item for item in local_cluster.run(tasks)}
    else:
        with LocalProcesses(1) as executor:
            finished = {item.task.key: item for item in executor.run(tasks)}
    assert finished["fine"].value == 3 and finished["fine"].error is None
    assert isinstance(finished["broken"].error, ZeroDivisionError)


def test_a_dead_local_worker_fails_its_tasks_and_a_new_pool_takes_the_rest():
    tasks = [Task("dies", os.abort), *SQUARES]
    with LocalProcesses(1) as executor:
        finished = {item.task.key: item for item in executor.run(tasks)}
    assert set(finished) == {task.key for task in tasks}
    assert isinstance(finished["dies"].error, BrokenProcessPool)
    assert finished["square-7"].value == 49


def test_tasks_are_read_only_as_workers_need_them():
    taken = []

    def tasks():
        for task in SQUARES:
            taken.append(task.key)
            yield task

    with LocalProcesses(1) as executor:
        results = executor.run(tasks())
        next(results)
        assert len(taken) < len(SQUARES)
        assert len(list(results)) == len(SQUARES) - 1


def test_an_unreachable_scheduler_is_a_clear_error():
    with pytest.raises(ExecutorError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        DaskCluster("tcp://127.0.0.1:9", connect_timeout=1)


def test_no_cluster_means_local_processes():
    executor = open_executor(None, jobs=3)
    assert isinstance(executor, LocalProcesses) and executor.jobs == 3


def imported(name: str) -> bool:
    return name in sys.modules


def test_local_workers_start_with_the_solver_imported_once_for_all():
    """Forked from a server that imported the solver: no worker pays OR-Tools' import again."""
    names = [*WORKER_IMPORTS, "ortools.sat.python.cp_model"]
    with LocalProcesses(2) as executor:
        finished = list(executor.run([Task(name, imported, (name,)) for name in names]))
    assert {item.task.key: item.value for item in finished} == dict.fromkeys(names, True)
