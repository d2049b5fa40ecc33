"""The planner's workbench: `workwindow serve`, a local web app over a folder of scenarios.

Built on FastAPI (Starlette) with server-rendered Jinja2 pages and a little
hand-written JavaScript; every asset comes from this package. Solves run in
worker processes, one per job. Nothing else in workwindow imports this
package, and the command line imports it only inside `serve`.
"""
