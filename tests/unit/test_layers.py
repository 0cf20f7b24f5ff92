"""The package's layers: which may import which (checked in fresh interpreters, so nothing is loaded already)."""
import pkgutil
import subprocess
import sys

import pytest

import streams.alerts
import streams.common
import streams.enrichment


def _modules(package) -> list[str]:
    return [package.__name__] + [f"{package.__name__}.{m.name}" for m in pkgutil.iter_modules(package.__path__)]


def _loaded_after_import(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize("module", _modules(streams.alerts) + _modules(streams.common))
def test_alerts_and_common_never_load_spacy_faust_or_other_layers(module):
    loaded = _loaded_after_import(module)
    forbidden = {"spacy", "faust", "streams.enrichment", "streams.runtime", "streams.ops", "streams.cli"}
    if module.startswith("streams.common"):
        forbidden.add("streams.alerts")
    assert not {name for name in loaded if name.split(".")[0] in forbidden or
                any(name == f or name.startswith(f + ".") for f in forbidden)}


@pytest.mark.parametrize("module", _modules(streams.enrichment))
def test_enrichment_imports_nothing_from_alerts_or_the_transport(module):
    loaded = _loaded_after_import(module)
    assert not {name for name in loaded
                if name.startswith(("streams.alerts", "streams.runtime", "streams.ops", "streams.cli", "faust"))}


def test_importing_the_runtime_builds_nothing():
    """No app, topic or agent exists until create_app is called."""
    code = ("import faust, streams.runtime.app, streams.runtime.enrich_agent, streams.runtime.alert_agent, "
            "streams.runtime.monitors; import gc; "
            "print(sum(isinstance(o, faust.App) for o in gc.get_objects()))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "0"


# Each layer may import from itself and from the layers below it (a higher number), never from above.
LAYER_ORDER = {
    "cli": 0,
    "feeds": 1, "ingest": 1,
    "runtime": 2,
    "ops": 3, "evaluation": 3,
    "enrichment": 4, "alerts": 4,
    "records": 5, "settings": 5,
    "common": 6,
}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "streams" and parts[1] in LAYER_ORDER else None


def _imports(path) -> set[str]:
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_no_module_imports_from_a_layer_above_its_own():
    from pathlib import Path

    root = Path(streams.common.__file__).resolve().parent.parent
    upward = []
    for path in sorted(root.rglob("*.py")):
        own = _layer("streams." + ".".join(path.relative_to(root).with_suffix("").parts))
        if own is None:
            continue
        for imported in _imports(path):
            other = _layer(imported)
            if other and other != own and LAYER_ORDER[other] < LAYER_ORDER[own]:
                upward.append(f"{path.relative_to(root)} imports {imported} ({own} is below {other})")
    assert upward == []
