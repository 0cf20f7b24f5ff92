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
