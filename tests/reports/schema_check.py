"""A small JSON Schema check for the keywords our shipped schemas use.

``jsonschema`` is not a dependency of the project; this covers what
``resources/person_data.schema.json`` uses (type, const, enum, required, properties,
additionalProperties, items, min/maxItems, minProperties, pattern, anyOf, local $ref) and
fails on any other keyword, so the schema cannot grow beyond what is checked.
"""

from __future__ import annotations

import re
from typing import Any

_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
_KNOWN = {"$schema", "$id", "$defs", "$ref", "title", "description", "type", "const", "enum",
          "required", "properties", "additionalProperties", "items", "minItems", "maxItems",
          "minProperties", "pattern", "anyOf"}


def _is(value: Any, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def errors(value: Any, schema: dict[str, Any], root: dict[str, Any] | None = None,
           path: str = "$") -> list[str]:
    """Every place where ``value`` breaks ``schema``, as readable lines."""
    root = root or schema
    unknown = set(schema) - _KNOWN
    assert not unknown, f"schema keyword(s) not checked here: {unknown}"
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return errors(value, root["$defs"][name], root, path)
    found: list[str] = []
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is(value, name) for name in names):
            return [f"{path}: {value!r} is not {names}"]
    if "const" in schema and value != schema["const"]:
        found.append(f"{path}: {value!r} != {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{path}: {value!r} not in {schema['enum']}")
    if "anyOf" in schema and all(errors(value, part, root, path) for part in schema["anyOf"]):
        found.append(f"{path}: matches none of anyOf")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        found.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        missing = [key for key in schema.get("required", ()) if key not in value]
        found += [f"{path}: missing {key}" for key in missing]
        if len(value) < schema.get("minProperties", 0):
            found.append(f"{path}: too few properties")
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in properties:
                found += errors(item, properties[key], root, f"{path}.{key}")
            elif extra is False:
                found.append(f"{path}: unexpected key {key}")
            elif isinstance(extra, dict):
                found += errors(item, extra, root, f"{path}.{key}")
    if isinstance(value, list):
        if not schema.get("minItems", 0) <= len(value) <= schema.get("maxItems", len(value)):
            found.append(f"{path}: {len(value)} items")
        if "items" in schema:
            for index, item in enumerate(value):
                found += errors(item, schema["items"], root, f"{path}[{index}]")
    return found
