"""workwindow: schedule paid day work around supervised morning doses."""

__version__ = "0.1.0"
