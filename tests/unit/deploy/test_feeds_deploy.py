"""The feeds and ingest entries of docker-compose.yml and deploy/k8s agree with the code."""
from __future__ import annotations

import yaml

from streams.feeds.config import parse_feeds
from streams.settings import PROJECT_ROOT, Settings, environment_variables


def test_compose_feeds_and_ingest_use_real_settings_and_a_valid_feeds_file():
    services = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())["services"]
    for name in ("feeds", "ingest"):
        env = {k: str(v) for k, v in services[name]["environment"].items()}
        assert set(env) <= set(environment_variables()), set(env) - set(environment_variables())
        Settings.from_env(env)
    feeds = services["feeds"]
    config = feeds["command"][feeds["command"].index("--config") + 1]
    [source] = [v.split(":")[0] for v in feeds["volumes"] if v.split(":")[1] == config]
    parse_feeds((PROJECT_ROOT / source).read_text(), source)
    assert services["ingest"]["environment"]["NEWSSTREAM_INGEST_TOKENS_FILE"] == "/run/secrets/ingest-tokens"


def test_k8s_feeds_config_is_valid_and_ports_agree():
    docs = {d["metadata"]["name"] + "/" + d["kind"]: d
            for d in yaml.safe_load_all((PROJECT_ROOT / "deploy/k8s/feeds.yaml").read_text())}
    parse_feeds(docs["newsstream-feeds/ConfigMap"]["data"]["feeds.yml"], "configmap")
    for path, port_var in (("deploy/k8s/feeds.yaml", "NEWSSTREAM_FEEDS_METRICS_PORT"),
                           ("deploy/k8s/ingest.yaml", "NEWSSTREAM_INGEST_METRICS_PORT")):
        for doc in yaml.safe_load_all((PROJECT_ROOT / path).read_text()):
            if doc["kind"] != "Deployment":
                continue
            pod = doc["spec"]["template"]
            [container] = pod["spec"]["containers"]
            env = {e["name"]: e["value"] for e in container["env"]}
            assert pod["metadata"]["annotations"]["prometheus.io/port"] == env[port_var]
            assert container["securityContext"]["readOnlyRootFilesystem"] is True
