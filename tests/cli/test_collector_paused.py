"""Modules load with the cyclic collector paused; the command's work runs with it on."""

import gc

import pytest

from workwindow.imports import collector_paused


@pytest.fixture
def collector_on():
    gc.enable()
    yield
    gc.unfreeze()
    gc.enable()


def test_the_collector_is_off_while_modules_load_and_on_after_with_what_they_built_frozen(collector_on):
    frozen = gc.get_freeze_count()
    with collector_paused():
        assert not gc.isenabled()
        built = [[] for _ in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + len(built)


def test_a_collector_that_was_off_stays_off(collector_on):
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_nothing_is_paused_when_the_module_is_loaded_already(collector_on):
    frozen = gc.get_freeze_count()
    with collector_paused(unless_loaded="gc"):
        assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_the_collector_comes_back_when_an_import_fails(collector_on):
    with pytest.raises(ImportError), collector_paused():
        import workwindow.no_such_module  # noqa: F401
    assert gc.isenabled()
