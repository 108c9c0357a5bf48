"""JSON Schema checks of OB 3.0 and CLR 2.0 credentials, with 1EdTech's published schemas.

The schema is chosen by the credential's ``type`` and data model: OB 3.0 VC 2.0 credentials
use the 2019-09 schema as published; VC 1.1 ones 1EdTech's draft-04 conversion. The CLR
schema is that draft-04 conversion, made for VC 1.1: a VC 2.0 ClrCredential is held to it
with ``validFrom`` in place of ``issuanceDate``.
"""
from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path

import jsonschema

VC2 = "https://www.w3.org/ns/credentials/v2"
OB_VC2 = "ob_v3p0_achievementcredential.json"
OB_VC1 = "ob_v3p0_achievementcredential_schema_draft4.json"
CLR = "clr_v2p0_clrcredential_schema_draft4.json"
OB_TYPES = ("AchievementCredential", "OpenBadgeCredential")


def types_of(credential: dict) -> list[str]:
    kinds = credential.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return [kind for kind in kinds if isinstance(kind, str)]


def is_vc2(credential: dict) -> bool:
    contexts = credential.get("@context")
    first = contexts[0] if isinstance(contexts, list) and contexts else contexts
    return first == VC2


def schema_names(credential: dict, *, issuing: bool = False) -> list[str]:
    """The schemas ``credential`` is held to. What we issue (``issuing``) an OB 3.0 VC 2.0
    badge meets both the published 2019-09 schema and 1EdTech's draft-04 conversion (as
    held to VC 2.0 below); a badge from elsewhere, the published schema (1EdTech's own
    complete example has endorsements the draft-04 conversion refuses)."""
    kinds = types_of(credential)
    if "ClrCredential" in kinds:
        return [CLR]
    if any(kind in OB_TYPES for kind in kinds):
        if not is_vc2(credential):
            return [OB_VC1]
        return [OB_VC2, OB_VC1] if issuing else [OB_VC2]
    return []


@lru_cache(maxsize=16)
def _validator(folder: str, name: str, vc2: bool):
    schema = json.loads((Path(folder) / "schema" / name).read_text(encoding="utf-8"))
    if vc2 and name != OB_VC2:
        schema = _for_vc2(schema)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def _for_vc2(schema):
    """The schema with ``validFrom`` required wherever it required ``issuanceDate``, and a
    credentialStatus open to more than ``id`` and ``type`` (a Bitstring Status List entry
    also names its purpose, list and index), as the published OB 3.0 schema has it."""
    schema = copy.deepcopy(schema)

    def walk(node) -> None:
        if isinstance(node, dict):
            required = node.get("required")
            if isinstance(required, list) and "issuanceDate" in required:
                node["required"] = [("validFrom" if r == "issuanceDate" else r)
                                    for r in required]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    for definitions in (schema.get("$defs"), schema.get("definitions")):
        status = (definitions or {}).get("CredentialStatus")
        if isinstance(status, dict) and status.get("additionalProperties") is False:
            status["additionalProperties"] = True
    return schema


def _proofs_as_lists(node):
    """A copy where every single ``proof`` object is a list of one: the VC data model
    allows either, the schemas only the list."""
    if isinstance(node, dict):
        return {key: ([_proofs_as_lists(value)] if key == "proof" and isinstance(value, dict)
                      else _proofs_as_lists(value)) for key, value in node.items()}
    if isinstance(node, list):
        return [_proofs_as_lists(value) for value in node]
    return node


def _errors(credential: dict, folder: str | Path, issuing: bool = False) -> list:
    checked = _proofs_as_lists(credential)
    return [error for name in schema_names(credential, issuing=issuing)
            for error in _validator(str(folder), name, is_vc2(credential)).iter_errors(
                checked)]


def _said(error) -> str:
    message = error.message if len(error.message) <= 200 else error.message[:197] + "..."
    return f"field {error.json_path}: {message}"


def schema_error(credential: dict, folder: str | Path) -> str | None:
    """The first schema error as "field <json path>: <message>", or None when the
    credential fits its schema (or its type has none)."""
    if "VerifiableCredential" not in types_of(credential):
        return "field $.type: a credential's type must include VerifiableCredential"
    error = jsonschema.exceptions.best_match(_errors(credential, folder))
    return None if error is None else _said(error)


def schema_problems(credential: dict, folder: str | Path) -> list[str]:
    """Every schema error of a credential we are about to issue (empty when it fits)."""
    problems = [] if "VerifiableCredential" in types_of(credential) else [
        "field $.type: a credential's type must include VerifiableCredential"]
    return problems + [_said(error) for error in _errors(credential, folder, issuing=True)]
