"""Ending the worker process: bounded in every state, with the exit code that says why.

Signals and exit codes belong to the process, not to one app, so this state is the process's.
"""
from __future__ import annotations

import logging
import os
import signal
import threading
import time

from streams.runtime.faust_hooks import on_stop_signals

log = logging.getLogger(__name__)
_exit = {"code": None, "armed": False}


def exit_code(default: int) -> int:
    """The code the worker exits with: the one `fatal` set, else `default`."""
    return _exit["code"] if _exit["code"] is not None else default


def arm_shutdown_watchdog(timeout_s: float) -> None:
    """From now on the process ends within `timeout_s`, however the graceful stop goes. Ending it hard is
    safe: every batch is one Kafka transaction, so an unfinished one is aborted, never half committed."""
    if _exit["armed"]:
        return
    _exit["armed"] = True

    def watch() -> None:
        time.sleep(timeout_s)
        log.warning("the worker did not stop within %.0fs of being asked to (NEWSSTREAM_SHUTDOWN_TIMEOUT_S); "
                    "exiting now: open transactions are aborted, their input is redone by the next owner", timeout_s)
        logging.shutdown()
        os._exit(exit_code(143))

    threading.Thread(target=watch, name="newsstream-shutdown-watchdog", daemon=True).start()


def install_shutdown_watchdog(timeout_s: float) -> None:
    """SIGTERM and SIGINT start Faust's graceful stop and the watchdog; a second signal ends the process at once."""

    def before_graceful_stop(_worker) -> bool:
        if _exit["armed"]:
            log.warning("second stop signal: exiting now")
            os._exit(exit_code(143))
        arm_shutdown_watchdog(timeout_s)
        return True

    on_stop_signals(before_graceful_stop)


def fatal(code: int, message: str) -> None:
    """Stop the worker with `code`: something no retry can fix (the message says what to do)."""
    if _exit["code"] is None:
        _exit["code"] = code
    log.critical("stopping the worker (exit code %d): %s", code, message)
    os.kill(os.getpid(), signal.SIGTERM)
