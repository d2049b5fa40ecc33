"""`python -m workwindow` and the `workwindow` command.

The program's Ctrl-C handler comes first, before the command line and its
libraries load, so that an interrupt at any moment exits 130 quietly; until
it is in place, an interrupt is caught here with only what Python has loaded
at start (os, sys).
"""

import os
import sys

EXIT_INTERRUPTED = 130


def run() -> None:
    try:
        from workwindow import interrupts

        interrupts.install()
        from workwindow.imports import collector_paused

        with collector_paused():  # start-up: see workwindow/imports.py
            from workwindow.cli import main
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt) or _interrupted():  # an extension may make it an ImportError
            sys.stderr.write("Interrupted; nothing was written.\n")
            sys.stderr.flush()
            os._exit(EXIT_INTERRUPTED)
        raise
    main()


def _interrupted() -> bool:
    interrupts = sys.modules.get("workwindow.interrupts")
    return interrupts is not None and interrupts.interrupted()


if __name__ == "__main__":
    run()
