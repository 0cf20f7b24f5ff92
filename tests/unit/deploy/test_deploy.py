"""docker-compose.yml and deploy/k8s cannot run here: check that what they name exists and agrees with the code."""
from __future__ import annotations

import json

import pytest
import yaml

from streams.settings import PROJECT_ROOT, Settings, environment_variables

# The password itself never sits in a compose file, a ConfigMap or the image: only the file it is read from.
KNOWN_VARIABLES = set(environment_variables()) - {"KAFKA_SASL_PASSWORD"}
DEFAULTS = Settings()


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def k8s() -> dict[str, dict]:
    documents = {}
    for path in sorted((PROJECT_ROOT / "deploy" / "k8s").glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            documents[doc["metadata"]["name"]] = doc
    return documents


def test_compose_runs_the_whole_stack(compose):
    services = compose["services"]
    assert set(services) == {"kafka", "topics-init", "worker", "prometheus", "grafana", "feeds", "ingest"}
    assert services["feeds"]["profiles"] == ["feeds"] and services["ingest"]["profiles"] == ["ingest"]  # opt-in
    assert services["kafka"]["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert services["kafka"]["image"] == f"apache/kafka:{DEFAULTS.kafka_version}"
    assert services["worker"]["deploy"]["replicas"] == 2
    assert services["worker"]["command"] == ["newsstream", "worker"]
    assert services["topics-init"]["command"] == ["newsstream", "topics"]
    assert services["worker"]["depends_on"]["topics-init"]["condition"] == "service_completed_successfully"


def test_compose_worker_settings_are_real_settings_and_one_consumer_group(compose):
    worker, init = compose["services"]["worker"], compose["services"]["topics-init"]
    assert worker["environment"] == init["environment"]
    env = worker["environment"]
    assert set(env) <= KNOWN_VARIABLES, set(env) - KNOWN_VARIABLES
    settings = Settings.from_env({k: str(v) for k, v in env.items()})
    assert settings.bootstrap_servers == "kafka:9092"
    listeners = compose["services"]["kafka"]["environment"]["KAFKA_ADVERTISED_LISTENERS"]
    assert "PLAINTEXT://kafka:9092" in listeners
    assert str(settings.metrics_port) in [str(p) for p in worker["expose"]]
    assert settings.metrics_host == "0.0.0.0"


def test_every_file_compose_mounts_exists(compose):
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (PROJECT_ROOT / source).exists(), f"{name} mounts missing {source}"
        if "build" in service:
            assert (PROJECT_ROOT / service["build"] / "Dockerfile").exists()


def test_compose_prometheus_scrapes_the_workers_with_the_rules(compose):
    config = yaml.safe_load((PROJECT_ROOT / "deploy/prometheus/prometheus.compose.yml").read_text())
    [job] = [job for job in config["scrape_configs"] if job["job_name"] == "newsstream"]
    [sd] = job["dns_sd_configs"]
    assert sd["names"] == ["worker"] and sd["port"] == int(compose["services"]["worker"]["environment"]["NEWSSTREAM_METRICS_PORT"])
    mounted = {v.split(":")[1] for v in compose["services"]["prometheus"]["volumes"]}
    assert set(config["rule_files"]) <= mounted


def test_grafana_provisioning_points_at_prometheus_and_the_dashboard(compose):
    datasource = yaml.safe_load((PROJECT_ROOT / "deploy/grafana/provisioning/datasources/prometheus.yml").read_text())
    [source] = datasource["datasources"]
    assert source["url"] == "http://prometheus:9090"
    provider = yaml.safe_load((PROJECT_ROOT / "deploy/grafana/provisioning/dashboards/newsstream.yml").read_text())
    dashboards_path = provider["providers"][0]["options"]["path"]
    mounts = {v.split(":")[1]: v.split(":")[0] for v in compose["services"]["grafana"]["volumes"]}
    assert dashboards_path in mounts
    dashboard = json.loads((PROJECT_ROOT / mounts[dashboards_path] / "newsstream.json").read_text())
    for panel in dashboard["panels"]:
        assert panel["datasource"]["uid"] == source["uid"]
        assert panel["targets"], panel["title"]


def test_k8s_worker_shares_one_group_and_is_scraped(k8s):
    deployment, config, service = k8s["newsstream-worker"], k8s["newsstream-settings"], k8s["newsstream-worker-metrics"]
    assert deployment["spec"]["replicas"] >= 2
    pod = deployment["spec"]["template"]
    [container] = pod["spec"]["containers"]
    assert container["envFrom"] == [{"configMapRef": {"name": config["metadata"]["name"]}}]
    assert set(config["data"]) <= KNOWN_VARIABLES, set(config["data"]) - KNOWN_VARIABLES
    settings = Settings.from_env(config["data"])
    assert settings.app_id  # one app id in one ConfigMap: every replica joins the same consumer group
    port = container["ports"][0]["containerPort"]
    assert port == settings.metrics_port
    assert pod["metadata"]["annotations"]["prometheus.io/port"] == str(port)
    assert pod["metadata"]["annotations"]["prometheus.io/scrape"] == "true"
    assert service["spec"]["selector"] == deployment["spec"]["selector"]["matchLabels"]
    assert service["spec"]["ports"][0]["targetPort"] == container["ports"][0]["name"]


def test_the_image_ships_what_the_worker_reads():
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text()
    for needed in ("streams", "schemas", "deploy"):
        assert f"COPY {needed} ./{needed}" in dockerfile
    env_names = {part.split("=")[0].strip("\\ ") for part in dockerfile.split("ENV", 1)[1].split("\n\n")[0].split() if "=" in part}
    assert env_names <= KNOWN_VARIABLES, env_names - KNOWN_VARIABLES


def test_k8s_and_compose_give_the_workers_valid_rules(k8s, compose):
    from streams.alerts.rules import parse_rules

    rules_map = k8s["newsstream-rules"]
    parse_rules(rules_map["data"]["rules.yml"], "configmap newsstream-rules")
    pod = k8s["newsstream-worker"]["spec"]["template"]["spec"]
    [mount] = [m for m in pod["containers"][0]["volumeMounts"] if m["name"] == "rules"]
    assert k8s["newsstream-settings"]["data"]["NEWSSTREAM_RULES"] == f"{mount['mountPath']}/rules.yml"
    assert any(v["name"] == "rules" and v["configMap"]["name"] == "newsstream-rules" for v in pod["volumes"])
    worker = compose["services"]["worker"]
    mounted = {v.split(":")[1]: v.split(":")[0] for v in worker["volumes"]}
    rules_file = PROJECT_ROOT / mounted[worker["environment"]["NEWSSTREAM_RULES"]]
    parse_rules(rules_file.read_text(), str(rules_file))


def _host_bound(port_mapping: str) -> bool:
    return str(port_mapping).startswith("127.0.0.1:")


def test_compose_publishes_nothing_beyond_this_machine_and_grafana_has_no_default_password(compose):
    for name, service in compose["services"].items():
        for mapping in service.get("ports", []):
            assert _host_bound(mapping), f"{name} publishes {mapping} on every interface"
    grafana = compose["services"]["grafana"]
    assert "GF_SECURITY_ADMIN_PASSWORD" not in grafana["environment"]
    [env_file] = grafana["env_file"]
    assert env_file["required"] is True and env_file["path"].endswith("admin.env")
    assert "admin.env" in (PROJECT_ROOT / "deploy" / "grafana" / ".gitignore").read_text().split()


def test_k8s_worker_runs_pinned_non_root_read_only_and_probes_readiness(k8s):
    pod = k8s["newsstream-worker"]["spec"]["template"]["spec"]
    [container] = pod["containers"]
    image, _, tag = container["image"].rpartition(":")
    assert image and tag and tag != "latest"
    context = container["securityContext"]
    assert context["runAsNonRoot"] is True and context["runAsUser"] != 0
    assert context["readOnlyRootFilesystem"] is True and context["allowPrivilegeEscalation"] is False
    assert container["readinessProbe"]["httpGet"]["path"] == "/ready"
    assert pod["terminationGracePeriodSeconds"] > DEFAULTS.shutdown_timeout_s


def test_the_image_runs_as_non_root_from_a_hashed_lock_file():
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text()
    users = [line.split()[1] for line in dockerfile.splitlines() if line.startswith("USER ")]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert "--require-hashes -r requirements.lock" in dockerfile
    lock = (PROJECT_ROOT / "requirements.lock").read_text()
    pins = [line for line in lock.splitlines() if line and not line.startswith((" ", "#"))]
    assert pins and all("==" in pin for pin in pins)
    assert lock.count("--hash=sha256:") >= len(pins)
    for needed in ("faust-streaming", "aiokafka", "spacy", "prometheus-client"):
        assert any(pin.lower().replace("_", "-").startswith(needed + "==") for pin in pins), needed


def test_prometheus_alerts_on_a_worker_that_never_gets_ready():
    rules = yaml.safe_load((PROJECT_ROOT / "deploy/prometheus/rules.yml").read_text())
    alerts = {rule.get("alert"): rule for group in rules["groups"] for rule in group["rules"]}
    assert "newsstream_worker_ready" in alerts["NewsstreamWorkerNotReady"]["expr"]
