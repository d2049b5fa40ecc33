"""`workwindow serve` as one call: the app on a local port, its address printed with the token."""

import logging
import socket
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

from workwindow.errors import WorkwindowError
from workwindow.web.security import LOCAL_NAMES, new_token

LOCAL_HOST = "127.0.0.1"


class ServeError(WorkwindowError):
    """The server cannot start where asked."""


def serve(
    folder: Path,
    *,
    host: str = LOCAL_HOST,
    port: int = 8765,
    token: str | None = None,
    open_browser: bool = True,
    say: Callable[[str], None] = print,
) -> None:
    """Serve the workbench over `folder` until Ctrl-C; the address printed carries the token."""
    import uvicorn

    from workwindow.web.app import create_app

    if not folder.is_dir():
        raise ServeError(f"{folder}: is not a folder; give the folder that holds the scenario files")
    token = token or new_token()
    port = port or _free_port(host)
    _refuse_taken(host, port)
    app = create_app(folder, token, hosts=_names_for(host))
    url = f"http://{host}:{port}/?token={token}"
    if host not in LOCAL_NAMES:
        say(
            f"Warning: --host {host} lets other computers reach the workbench; anyone with the link can read "
            "the scenarios' health data. Use it only on a network you trust."
        )
    say(f"The workbench for {folder.resolve()} is at\n\n    {url}\n\nKeep this window open; Ctrl-C stops it.")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning", timeout_graceful_shutdown=3)


def _names_for(host: str) -> set[str]:
    """The Host names the app answers to: the local ones, and the one asked for (with this machine's names)."""
    names = set(LOCAL_NAMES) | {host}
    if host not in LOCAL_NAMES:
        names |= {socket.gethostname(), socket.getfqdn()}
    return names


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def _refuse_taken(host: str, port: int) -> None:
    """A port another program listens on, in one sentence (uvicorn would print a traceback).

    SO_REUSEADDR as uvicorn binds: a port left in TIME_WAIT by a server just stopped is free.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise ServeError(
                f"--port {port}: cannot listen on {host}:{port} ({exc.strerror}); try another port"
            ) from None
