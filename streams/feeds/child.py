"""The feed poller as a child process of `newsstream run` (`newsstream feeds run --config FILE`)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from streams.settings import Settings


def start_poller_process(config_path: str | Path, settings: Settings) -> tuple[subprocess.Popen, Path]:
    """Start the poller in a session of its own, its output appended to <home>/feeds.log; (process, log path)."""
    log_path = settings.home / "feeds.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [str(Path(sys.executable).with_name("newsstream")), "feeds", "run", "--config", str(config_path)]
    with open(log_path, "ab") as log:  # the child keeps its own descriptor
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    return process, log_path


def stop_poller_process(process: subprocess.Popen, timeout_s: float = 15.0) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
