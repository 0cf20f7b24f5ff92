"""The Prometheus alerting rules (deploy/prometheus/rules.yml) load and behave as their unit tests say (promtool).

Not the alert rules of the alerting stage (streams/alerts/rules.py, tested in test_alert_rules.py)."""
import shutil
import subprocess

import pytest

from streams.settings import Settings

RULES = Settings().deploy_dir / "prometheus"


@pytest.fixture(scope="module")
def promtool():
    path = shutil.which("promtool")
    if not path:
        pytest.fail("promtool is not installed: apt-get install prometheus (it ships promtool)")
    return path


def test_rules_are_valid(promtool):
    done = subprocess.run([promtool, "check", "rules", str(RULES / "rules.yml")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    import yaml

    declared = sum(len(group["rules"]) for group in yaml.safe_load((RULES / "rules.yml").read_text())["groups"])
    assert f"SUCCESS: {declared} rules found" in done.stdout  # promtool read every rule the file declares


def test_rules_fire_when_they_should(promtool):
    done = subprocess.run([promtool, "test", "rules", "rules.test.yml"], cwd=RULES, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_prometheus_configs_are_valid(promtool):
    for config in ("prometheus.yml",):
        done = subprocess.run([promtool, "check", "config", config], cwd=RULES, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
