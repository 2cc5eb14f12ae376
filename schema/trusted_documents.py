"""Trusted documents: in production only the operations the apps were built with run.

`TRUSTED_DOCUMENTS=path/to/manifest.json` names a persisted-documents manifest: GraphQL
Codegen's client preset (`persisted-documents.json`) and Relay's (`--persist-output`)
are one JSON object from document id to document text; Apollo's
(`apollo-persisted-query-manifest`) lists `operations` with `id` and `body`. Each
document is also known by the sha256 of its text, the hash APQ clients send.

With a manifest, an operation runs only when its text is one of the manifest's (sent as
is, or named by id through the HTTP view), over HTTP and WebSocket alike; ADMIN and
REPORTER may also run introspection (reporting tools discover the schema that way).
Anything else is refused with `TRUSTED_DOCUMENT_REQUIRED` before it is validated.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
)

from models.config import ConfigError

INTROSPECTION_ROLES = frozenset({"ADMIN", "REPORTER"})
INTROSPECTION_FIELDS = frozenset({"__schema", "__type", "__typename"})
NOT_TRUSTED = (
    "Only the operations of the trusted documents manifest run here: send a listed "
    "document, or its id."
)


@dataclass(frozen=True)
class TrustedDocuments:
    """The manifest's documents, by id and by sha256, and their texts."""

    by_id: dict[str, str]
    texts: frozenset[str]

    @classmethod
    def load(cls, path: str) -> TrustedDocuments:
        try:
            raw: Any = json.loads(Path(path).read_text())
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"TRUSTED_DOCUMENTS={path}: not a readable JSON file ({exc})."
            ) from None
        if isinstance(raw, dict) and raw.get("format") == "apollo-persisted-query-manifest":
            pairs = [(op.get("id"), op.get("body")) for op in raw.get("operations") or []]
        elif isinstance(raw, dict):
            pairs = list(raw.items())
        else:
            pairs = []
        documents = {k: v for k, v in pairs if isinstance(k, str) and isinstance(v, str)}
        if not documents or len(documents) != len(pairs):
            raise ConfigError(
                f"TRUSTED_DOCUMENTS={path}: expected an object of document id to document "
                "text (GraphQL Codegen, Relay) or an Apollo persisted query manifest."
            )
        by_id = dict(documents)
        for text in documents.values():
            by_id.setdefault(hashlib.sha256(text.encode()).hexdigest(), text)
        return cls(by_id=by_id, texts=frozenset(documents.values()))

    def allows(self, query: str, document: DocumentNode, role: str | None) -> bool:
        """Whether this operation may run for a caller of `role`."""
        if query in self.texts:
            return True
        return role in INTROSPECTION_ROLES and is_introspection(document)


def is_introspection(document: DocumentNode) -> bool:
    """Every operation is a query that selects only `__schema`, `__type`, `__typename`."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    return bool(operations) and all(
        op.operation is OperationType.QUERY and _only_meta(op.selection_set, fragments, set())
        for op in operations
    )


def _only_meta(
    selections: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode], seen: set[str]
) -> bool:
    for selection in selections.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value not in INTROSPECTION_FIELDS:
                return False
        elif isinstance(selection, InlineFragmentNode):
            if not _only_meta(selection.selection_set, fragments, seen):
                return False
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if fragment is None or name in seen:
                return False
            if not _only_meta(fragment.selection_set, fragments, seen | {name}):
                return False
    return True


TRUSTED: TrustedDocuments | None = None
"""The process's manifest (None: every valid operation runs). Set by `app.create_app`."""


def install(trusted: TrustedDocuments | None) -> None:
    global TRUSTED
    TRUSTED = trusted
