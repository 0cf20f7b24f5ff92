"""The local single-node KRaft broker: jars from Maven Central, data and logs under NEWSSTREAM_HOME.

`newsstream kafka start|stop|status` and the test session use this module. Every call is
idempotent: start on a running broker says so, stop on a stopped one too.
"""
from __future__ import annotations

import base64
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from string import Template

from streams.settings import Settings


class LocalKafkaError(RuntimeError):
    """Something stops the local broker; the message says what to do."""


@dataclass(frozen=True)
class Layout:
    root: Path

    @classmethod
    def of(cls, settings: Settings) -> "Layout":
        return cls(settings.home / "kafka")

    @property
    def lib(self) -> Path:
        return self.root / "lib"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def config(self) -> Path:
        return self.root / "server.properties"

    @property
    def pid_file(self) -> Path:
        return self.root / "kafka.pid"

    def resolved_marker(self, version: str) -> Path:
        return self.lib / f".resolved-{version}"


def say(message: str) -> None:
    print(f"[kafka] {message}", file=sys.stderr, flush=True)


def host_port(settings: Settings) -> tuple[str, int]:
    host, _, port = settings.bootstrap_list[0].rpartition(":")
    return host or "127.0.0.1", int(port)


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _require(tool: str, hint: str) -> str:
    path = shutil.which(tool)
    if not path:
        raise LocalKafkaError(f"`{tool}` is not on PATH. {hint}")
    return path


def resolve_jars(settings: Settings) -> Path:
    """Fetch the broker's jars with Maven once; later calls reuse them."""
    layout = Layout.of(settings)
    marker = layout.resolved_marker(settings.kafka_version)
    if marker.exists():
        say(f"reusing Apache Kafka {settings.kafka_version} jars in {layout.lib}")
        return layout.lib
    mvn = _require("mvn", "Install Maven (Debian: apt-get install maven) so that the Kafka jars can be resolved.")
    pom = settings.deploy_dir / "kafka" / "pom.xml"
    say(f"resolving Apache Kafka {settings.kafka_version} from Maven Central into {layout.lib} (first run only)")
    if layout.lib.exists():
        shutil.rmtree(layout.lib)  # jars of another version must not share the classpath
    layout.lib.mkdir(parents=True)
    command = [
        mvn, "-B", "-q", "-f", str(pom), "dependency:copy-dependencies",
        f"-Dkafka.version={settings.kafka_version}", f"-DoutputDirectory={layout.lib}", "-DincludeScope=runtime",
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise LocalKafkaError(
            f"Maven could not resolve org.apache.kafka:kafka_2.13:{settings.kafka_version}:\n"
            f"{(done.stdout + done.stderr)[-3000:]}\nCheck that Maven Central is reachable and the version exists."
        )
    marker.write_text(settings.kafka_version)
    return layout.lib


def _java() -> str:
    return _require("java", "Install Java 17 or newer (Debian: apt-get install openjdk-17-jre-headless).")


def _write_config(settings: Settings, layout: Layout) -> None:
    host, port = host_port(settings)
    template = Template((settings.deploy_dir / "kafka" / "server.properties.template").read_text())
    layout.config.write_text(
        template.substitute(host=host, port=port, controller_port=port + 1, sasl_port=sasl_port(settings),
                            data_dir=layout.data)
    )


def sasl_port(settings: Settings) -> int:
    """The local broker's SCRAM listener: two above the plaintext one (the controller has the one between)."""
    return host_port(settings)[1] + 2


def add_scram_user(settings: Settings, username: str, password: str, mechanism: str = "SCRAM-SHA-512") -> None:
    """Create or update a SCRAM user on the local broker. The password goes through a private file,
    never a command line (where `ps` would show it)."""
    if not re.fullmatch(r"[A-Za-z0-9._-]+", username):
        raise LocalKafkaError(f"user name {username!r}: use letters, digits, '.', '_' and '-' only")
    if any(c in password for c in ",\r\n\\"):
        raise LocalKafkaError("the password must not contain commas, backslashes or line breaks (Kafka's config syntax)")
    layout = Layout.of(settings)
    with tempfile.NamedTemporaryFile("w", dir=layout.root, prefix=".scram-", suffix=".properties") as config:
        os.chmod(config.name, 0o600)
        config.write(f"{mechanism}=password={password}\n")
        config.flush()
        done = subprocess.run(
            [_java(), "-cp", _classpath(layout), "kafka.admin.ConfigCommand", "--bootstrap-server",
             settings.bootstrap_list[0], "--alter", "--entity-type", "users", "--entity-name", username,
             "--add-config-file", config.name],
            capture_output=True, text=True,
        )
    if done.returncode != 0:
        raise LocalKafkaError(f"adding SCRAM user {username!r} failed:\n{(done.stdout + done.stderr)[-2000:]}")
    say(f"SCRAM user {username!r} ({mechanism}) set on 127.0.0.1:{sasl_port(settings)}")


def _classpath(layout: Layout) -> str:
    return str(layout.lib / "*")


def new_cluster_id() -> str:
    """A KRaft cluster id as Kafka makes one (`Uuid.randomUuid`): URL-safe base64 of 16 random bytes without
    padding, never opening with "-", which the storage tool's argument parser would read as an option (one id
    in 64 did, and formatting failed)."""
    while True:
        cluster = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cluster.startswith("-"):
            return cluster


def _format_storage(settings: Settings, layout: Layout) -> None:
    if (layout.data / "meta.properties").exists():
        return
    layout.data.mkdir(parents=True, exist_ok=True)
    cluster = new_cluster_id()
    done = subprocess.run(
        [_java(), "-cp", _classpath(layout), "kafka.tools.StorageTool", "format", "-t", cluster, "-c", str(layout.config)],
        capture_output=True, text=True,
    )
    if done.returncode != 0:
        raise LocalKafkaError(f"formatting the KRaft storage in {layout.data} failed:\n{done.stdout}{done.stderr}")


def running_pid(settings: Settings) -> int | None:
    pid_file = Layout.of(settings).pid_file
    try:
        pid = int(pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    try:  # a recycled pid that is not our java is not our broker
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        if b"kafka.Kafka" not in cmdline:
            return None
    except OSError:
        pass
    return pid


def start(settings: Settings, timeout_s: float = 90.0) -> bool:
    """Start the broker unless it runs; return True when this call started it."""
    if settings.external_kafka:
        say(f"KAFKA_BOOTSTRAP_SERVERS={settings.bootstrap_servers}: using that cluster, no local broker started")
        return False
    layout = Layout.of(settings)
    host, port = host_port(settings)
    pid = running_pid(settings)
    if pid:
        say(f"already running (pid {pid}) on {host}:{port}; logs in {layout.logs}")
        return False
    if port_open(host, port):
        raise LocalKafkaError(
            f"port {host}:{port} is taken by another process. Stop it, or point KAFKA_BOOTSTRAP_SERVERS at the "
            f"Kafka that listens there."
        )
    _java()
    resolve_jars(settings)
    layout.logs.mkdir(parents=True, exist_ok=True)
    _write_config(settings, layout)
    _format_storage(settings, layout)
    log4j = settings.deploy_dir / "kafka" / "log4j2.yaml"
    command = [
        _java(), f"-Xmx{settings.kafka_heap}", f"-Xms{settings.kafka_heap}", "-XX:+UseG1GC",
        "-XX:TieredStopAtLevel=1",  # quicker start; a single test broker needs no peak JIT
        f"-Dkafka.logs.dir={layout.logs}", f"-Dlog4j2.configurationFile={log4j}",
        "-cp", _classpath(layout), "kafka.Kafka", str(layout.config),
    ]
    with open(layout.logs / "stdout.log", "ab") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    layout.pid_file.write_text(str(process.pid))
    say(f"starting Apache Kafka {settings.kafka_version} (pid {process.pid}) on {host}:{port}; logs in {layout.logs}")
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            layout.pid_file.unlink(missing_ok=True)
            raise LocalKafkaError(
                f"the broker exited with code {process.returncode} during start-up; see {layout.logs / 'server.log'} "
                f"and {layout.logs / 'stdout.log'}"
            )
        if port_open(host, port):
            say(f"up after {timeout_s - (deadline - time.monotonic()):.1f}s")
            return True
        time.sleep(0.25)
    stop(settings)
    raise LocalKafkaError(f"the broker did not listen on {host}:{port} within {timeout_s:.0f}s; see {layout.logs}")


def stop(settings: Settings, timeout_s: float = 30.0) -> bool:
    """Stop the local broker; return True when one was running."""
    pid = running_pid(settings)
    layout = Layout.of(settings)
    if not pid:
        say("not running")
        layout.pid_file.unlink(missing_ok=True)
        return False
    say(f"stopping (pid {pid})")
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        _reap(pid)
        time.sleep(0.2)
    else:
        say(f"did not stop within {timeout_s:.0f}s; killing it")
        os.kill(pid, signal.SIGKILL)
    _reap(pid)
    layout.pid_file.unlink(missing_ok=True)
    return True


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def status(settings: Settings) -> dict:
    host, port = host_port(settings)
    pid = None if settings.external_kafka else running_pid(settings)
    return {
        "bootstrap_servers": settings.bootstrap_servers,
        "local": not settings.external_kafka,
        "pid": pid,
        "listening": port_open(host, port),
        "version": settings.kafka_version,
        "home": str(Layout.of(settings).root),
    }
