"""Re-plan a day of a published plan as the morning turned out, changing as little as possible.

Call `replan(scenario, plan, date, Events(...))`; it returns a `Replanned`
with the new schedule, the changes, whom to tell and the freed places
nobody took. Nothing below this package imports it.
"""

from workwindow.replan.changes import Change
from workwindow.replan.core import Replanned, ReplanSettings, replan
from workwindow.replan.events import NO_EVENTS, Events
from workwindow.replan.freed import FreedPlace

__all__ = ["NO_EVENTS", "Change", "Events", "FreedPlace", "ReplanSettings", "Replanned", "replan"]
