"""YAML configuration files checked against a JSON Schema, with errors that name the file and the line.

The alert rules and the feeds configuration are read this way: a mistake stops the command at start-up
with `file: line N: reason`, never later in the stream.
"""
from __future__ import annotations

from typing import Callable

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError


def line_of(node: yaml.Node, path) -> int:
    """The 1-based line of the YAML node at `path` (keys and list indexes), as deep as it exists."""
    for part in path:
        if isinstance(node, yaml.MappingNode):
            children = {key.value: (key, value) for key, value in node.value}
            if part not in children:
                break
            node = children[part][1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            break
    return node.start_mark.line + 1


def read_checked(text: str, source: str, schema: dict, error: type[Exception], when_empty: str,
                 explain: Callable[[ValidationError], str] = lambda e: e.message) -> tuple[object, yaml.Node]:
    """The parsed document and its node tree (for `line_of`), or `error` saying where and why it is wrong."""
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "?"
        raise error(f"{source}: {where}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if data is None:
        raise error(f"{source}: the file is empty; {when_empty}")
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        raise error(f"{source}: line {line_of(node, errors[0].absolute_path)}: {explain(errors[0])}")
    return data, node
