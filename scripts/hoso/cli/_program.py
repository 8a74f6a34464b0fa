"""What :func:`hoso.cli.run` changed for the start-up, and its end (see :mod:`hoso.cli`)."""

from __future__ import annotations

import gc

#: What :func:`hoso.cli.run` did that the rest of the program follows up.
PROGRAM = {"collector_off": False, "plain_check": False}


def startup_done() -> None:
    """The imports are over: the collector back on for the work, with what they made frozen
    (never scanned again). Nothing when :func:`hoso.cli.run` did not turn it off (tests call
    :func:`hoso.cli.main`)."""
    if PROGRAM["collector_off"]:
        PROGRAM["collector_off"] = False
        gc.freeze()
        gc.enable()
