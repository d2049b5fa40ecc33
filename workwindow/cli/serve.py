"""`workwindow serve`: the planner's workbench in the browser."""

from pathlib import Path

import click

from workwindow.cli.common import reports_errors


@click.command()
@click.argument("folder", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535), help="0: any free port.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Where to listen; anything but this computer's own address is warned about.",
)
@click.option("--token", help="The token the address carries (default: a new random one).")
@click.option("--no-browser", is_flag=True, help="Do not open the browser; just print the address.")
@reports_errors
def serve(folder: Path, port: int, host: str, token: str | None, no_browser: bool) -> None:
    """Open a workbench in the browser over the scenario files in FOLDER (default: this folder).

    Edit scenarios in forms, plan them with live progress, read the plan, ask
    why someone has no work, compare what-ifs and re-plan a morning. Everything
    stays on this computer; the address printed carries a token that every
    request needs.
    """
    from workwindow.web.server import serve as run_server

    run_server(folder, host=host, port=port, token=token, open_browser=not no_browser, say=click.echo)


COMMANDS = (serve,)
