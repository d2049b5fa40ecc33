"""The sizes and ranges a scenario may take, in one place, each with the reason for it.

Every limit is generous for a city (Oslo's whole opioid-maintenance programme
has a few thousand patients; the pilot has 25) and tight enough that the
largest legal scenario is checked in seconds and every sum the CP-SAT model
forms stays far inside its 64-bit integers. The README's "Limits" section
says the same to users; `workwindow schema` carries the ranges.
"""

MAX_FILE_BYTES = 10_000_000
"""A scenario file is at most 10 MB. The generator's 10,000 participants take
1.6 MB; this leaves room for 20,000 hand-written ones with comments and a year
of away dates. Anything larger is refused before it is parsed, so a 50 MB file
costs nothing."""

MAX_ALIAS_VALUES = 1_000_000
"""YAML aliases (`*name`) may add at most a million values to what is written.
Sharing a crew list among 20,000 participants adds about 140,000; an "alias
bomb" of a few hundred bytes would add billions and is refused before any is built."""

MAX_DEPTH = 50
"""Levels of nesting in the YAML. A scenario nests six (participants, an id, a
field, a list); deeper input would only exhaust Python's recursion while it is built."""

MAX_PARTICIPANTS = 20_000
"""Four times the generator's largest scenario and more than any one city's programme."""

MAX_IDS = 1_000
"""Clinics, sites and crews each: a crew per neighbourhood of a large city is well under this."""

MAX_STAFF = 5_000
"""Supervisors: one for every four participants at the largest size."""

MAX_WEEKS = 53
"""A planning horizon of at most a year (an ISO year has 52 or 53 weeks). Weeks
are solved one after another, so a longer horizon is better planned as
several scenarios; `weeks: 100000` would keep `check` and `solve` busy for hours."""

MAX_MINUTES = 24 * 60
"""Durations (dose, observation, travel, work, preparation) are minutes within one day."""

MAX_TIME_STEP = 60
"""The planning grid: from one minute to an hour."""

MAX_COUNT = MAX_PARTICIPANTS
"""Capacities, caps and stations count participants or places; more than
there can be participants means "no limit" and is written by leaving the
field out."""

MAX_PRIORITY = 1_000
"""Priorities weigh days in the objectives. A thousand levels is more than any
ranking of people needs; with it the largest weighted sum
(1,000 x 7 days x 53 weeks x 20,000 participants = 7.4e9) is a millionth of
what CP-SAT's 64-bit arithmetic can hold, where `priority: 10**30` made the
model invalid."""

MAX_NAME_LENGTH = 200
"""A scenario's name is a title, shown in reports and file headers."""
