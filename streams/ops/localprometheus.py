"""A local Prometheus (Debian's `prometheus` package) scraping the local worker.

Its configuration is deploy/prometheus/prometheus.yml with the scrape target and intervals
taken from the settings, written under NEWSSTREAM_HOME so that the deployed file stays as it is.
"""
from __future__ import annotations

import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import yaml

from streams.settings import Settings

INSTALL_HINT = "install it with `apt-get install prometheus` (Debian/Ubuntu), or put a prometheus binary on PATH"


def binary() -> str | None:
    return shutil.which("prometheus")


def write_config(settings: Settings, directory: Path, targets: list[str] | None = None, interval_s: float | None = None) -> Path:
    deploy = settings.deploy_dir / "prometheus"
    config = yaml.safe_load((deploy / "prometheus.yml").read_text())
    config["rule_files"] = [str((deploy / rule).resolve()) for rule in config.get("rule_files", [])]
    if interval_s:
        config["global"]["scrape_interval"] = config["global"]["evaluation_interval"] = f"{interval_s:g}s"
    job = next(j for j in config["scrape_configs"] if j["job_name"] == "newsstream")
    job["static_configs"] = [{"targets": targets or [f"{settings.metrics_host}:{settings.metrics_port}"]}]
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "prometheus.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def start(settings: Settings, directory: Path, listen: str, log_path: Path, **config_options) -> subprocess.Popen:
    """Start Prometheus on `listen` (host:port) and wait until it is ready."""
    prometheus = binary()
    if not prometheus:
        raise FileNotFoundError(f"prometheus is not installed: {INSTALL_HINT}")
    config = write_config(settings, directory, **config_options)
    # The child keeps its own copy of the log's descriptor; ours is closed as soon as it has started.
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [prometheus, f"--config.file={config}", f"--storage.tsdb.path={directory / 'data'}",
             f"--web.listen-address={listen}", "--storage.tsdb.retention.time=1d"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"prometheus exited with {process.returncode}; see {log_path}")
        try:
            with urllib.request.urlopen(f"http://{listen}/-/ready", timeout=1) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    process.wait(timeout=10)
    raise RuntimeError(f"prometheus did not become ready on {listen} within 30s; see {log_path}")
