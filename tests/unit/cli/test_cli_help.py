"""Every `newsstream` command has readable help listing its options; bad option values are refused (exit 2)."""
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from streams.cli import app

NEWSSTREAM = str(Path(sys.executable).with_name("newsstream"))
runner = CliRunner()


def commands(command=None, path=()):
    """(path, click command) for the root, every group and every command under it."""
    command = command or typer.main.get_command(app)
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from commands(sub, (*path, name))


ALL = list(commands())
LEAVES = [path for path, command in ALL if not getattr(command, "commands", None)]


def invoke(args, **env):
    return runner.invoke(app, args, prog_name="newsstream", env={"COLUMNS": "200", **env})


def test_every_command_is_there():
    assert set(LEAVES) == {
        ("kafka", "start"), ("kafka", "stop"), ("kafka", "status"), ("kafka", "add-user"), ("topics",), ("worker",),
        ("run",), ("publish",), ("tail",), ("enrich",), ("lists", "update"), ("eval",), ("bench",),
        ("feeds", "run"), ("feeds", "check"), ("ingest", "serve"),
    }


@pytest.mark.parametrize("path,command", ALL, ids=lambda value: " ".join(value) if isinstance(value, tuple) else "")
def test_help_lists_every_option(path, command):
    done = invoke([*path, "--help"])
    assert done.exit_code == 0, done.output
    assert f"Usage: newsstream {' '.join(path)}".rstrip() in done.output
    if path:
        assert command.help and len(command.help.splitlines()[0]) <= 120  # a one-line summary
    for param in command.params:
        for name in param.opts if param.param_type_name == "option" else ():
            assert name in done.output, (path, name)
        assert param.param_type_name != "option" or param.help, (path, param.name)  # every option described
    for name, sub in getattr(command, "commands", {}).items():
        assert name in done.output and sub.help


@pytest.mark.parametrize("args", [
    ["tail", "raw", "--severity", "severe"],
    ["tail", "raw", "--type", "other"],
    ["tail", "raw", "--format", "xml"],
    ["tail", "raw", "--max", "0"],
    ["tail", "raw", "--timeout", "-1"],
    ["tail"],
    ["bench", "--articles", "0"],
    ["bench", "--workers", "1,x"],
    ["bench", "--workers", "0"],
    ["bench", "--repeat", "0"],
    ["bench", "--corpus", "/no/such/corpus.jsonl"],
    ["eval", "--only", "everything"],
    ["eval", "--reuters-limit", "0"],
    ["publish"],
    ["publish", "/no/such/articles.jsonl"],
    ["enrich", "/no/such/articles.jsonl"],
    ["feeds", "check"],
    ["feeds", "check", "--config", "/no/such/feeds.yml"],
    ["feeds", "run", "--config", "/no/such/feeds.yml"],
    ["run", "--feeds", "/no/such/feeds.yml"],
    ["kafka", "add-user", "--name", "someone"],
    ["kafka", "add-user", "--name", "someone", "--password-file", "/no/such/password"],
    ["kafka", "restart"],
    ["lists", "download"],
    ["nosuch"],
], ids=" ".join)
def test_an_invalid_option_value_is_refused_with_exit_2(args):
    done = invoke(args)
    assert done.exit_code == 2, done.output
    assert "Usage: newsstream" in done.output  # click's refusal, before the command ran


def test_a_password_file_with_a_short_password_is_refused_before_the_broker_is_asked(tmp_path):
    short = tmp_path / "password"
    short.write_text("seven77\n")
    done = invoke(["kafka", "add-user", "--name", "someone", "--password-file", str(short)])
    assert done.exit_code == 2 and "at least 8 characters" in done.output


def test_a_bad_setting_stops_a_command_with_one_line_and_exit_2():
    done = invoke(["topics"], KAFKA_SECURITY_PROTOCOL="FOO")
    assert done.exit_code == 2
    assert done.output.strip().splitlines() == [
        "newsstream: KAFKA_SECURITY_PROTOCOL='FOO' is not one of PLAINTEXT, SASL_PLAINTEXT, SASL_SSL, SSL"]
    assert invoke(["topics", "--help"], KAFKA_SECURITY_PROTOCOL="FOO").exit_code == 0  # help needs no settings


def test_settings_are_loaded_once_and_reach_the_command(monkeypatch):
    from streams.settings import PROJECT_ROOT, Settings

    calls = []
    real = Settings.from_env.__func__

    def counted(cls, environ=None):
        calls.append(environ)
        return real(cls, environ)

    monkeypatch.setattr(Settings, "from_env", classmethod(counted))
    done = invoke(["feeds", "check", "--config", str(PROJECT_ROOT / "deploy" / "feeds.example.yml")])
    assert done.exit_code == 0, done.output
    assert len(calls) == 1 and "bbc-world" in done.output


def test_the_exit_code_is_the_command_s(monkeypatch):
    from streams.ops import localkafka

    monkeypatch.setattr(localkafka, "status", lambda settings: {"listening": False, "local": True})
    done = invoke(["kafka", "status"])
    assert done.exit_code == 1 and '"listening": false' in done.output


def test_shell_completion():
    # The script `--install-completion` installs (asked for by name: `--show-completion` guesses the shell from
    # the parent process, which under make is sh).
    script = subprocess.run([NEWSSTREAM], env={"PATH": "/usr/bin:/bin", "_NEWSSTREAM_COMPLETE": "source_bash"},
                            capture_output=True, text=True, timeout=60)
    assert script.returncode == 0 and "_NEWSSTREAM_COMPLETE=complete_bash" in script.stdout
    env = {"PATH": "/usr/bin:/bin", "_NEWSSTREAM_COMPLETE": "complete_bash"}
    words = subprocess.run([NEWSSTREAM], env={**env, "COMP_WORDS": "newsstream tail raw --severity ", "COMP_CWORD": "4"},
                           capture_output=True, text=True, timeout=60)
    assert words.stdout.split() == ["low", "medium", "high", "critical"]
    words = subprocess.run([NEWSSTREAM], env={**env, "COMP_WORDS": "newsstream kafka ", "COMP_CWORD": "2"},
                           capture_output=True, text=True, timeout=60)
    assert set(words.stdout.split()) == {"start", "stop", "status", "add-user"}
