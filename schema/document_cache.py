"""Parsed documents and their validation results, cached by text, bounded by count and bytes.

Strawberry's ParserCache and ValidationCache are bounded by entries only, and each
keeps its own copy alive: with documents near the token limit (about 2 MB parsed
each) 512 entries are gigabytes. Here one cache holds both, weighs each document by
what it costs in memory, and evicts the least recently used until the total is back
under budget; a validation result goes with its document.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    ASTValidationRule,
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    parse,
)
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document
from strawberry.types import ExecutionContext

from schema import trusted_documents
from schema.limits import MAX_DOCUMENT_CHARS, document_too_large

MAX_ENTRIES = 512
MAX_BYTES = 32 * 1024 * 1024
# Measured with tracemalloc on graphql-core 3.3: a parsed token (its token, node and
# location) takes 360 to 620 bytes; text (string values, comments, the key) is kept too.
BYTES_PER_TOKEN = 800
BYTES_PER_ERROR = 2000
NAME_REQUIRED = "The document has several operations: say which to run in `operationName`."

# Stands in for a refused document, so that Strawberry returns the refusal as a
# pre-execution error (an exception raised in a parse hook would end a subscription
# without a word).
_REFUSED = parse("{ __typename }")


def weight_of(query: str, document: DocumentNode) -> int:
    """An upper estimate of the bytes a cached document keeps alive."""
    tokens = 0
    token = document.loc.start_token if document.loc else None
    while token is not None:
        tokens += 1
        token = token.next
    return 2 * len(query) + BYTES_PER_TOKEN * tokens


@dataclass
class _Entry:
    document: DocumentNode
    weight: int
    validations: dict[tuple[type[ASTValidationRule], ...], list[GraphQLError]] = field(
        default_factory=dict
    )


class DocumentCache:
    """Least-recently-used documents by query text, at most `max_entries` and `max_bytes`."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._by_document: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, query: object) -> bool:
        return query in self._entries

    def parse(self, query: str, **options: Any) -> DocumentNode:
        """The parsed document (GraphQLSyntaxError when it does not parse)."""
        key = query if not options else f"{sorted(options.items())!r}\n{query}"
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
            return entry.document
        document = parse(query, **options)
        self._add(key, _Entry(document, weight_of(query, document)))
        return document

    def validate(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        rules: tuple[type[ASTValidationRule], ...],
    ) -> list[GraphQLError]:
        """The document's validation errors (a new list each time: callers may edit it)."""
        key = self._by_document.get(id(document))
        entry = self._entries.get(key) if key is not None else None
        if entry is None or entry.document is not document:
            return validate_document(schema, document, rules)
        errors = entry.validations.get(rules)
        if errors is None:
            errors = validate_document(schema, document, rules)
            entry.validations[rules] = errors
            entry.weight += BYTES_PER_ERROR * len(errors)
            self.bytes += BYTES_PER_ERROR * len(errors)
            self._evict()
        return list(errors)

    def _add(self, key: str, entry: _Entry) -> None:
        if entry.weight > self.max_bytes:
            return
        self._entries[key] = entry
        self._by_document[id(entry.document)] = key
        self.bytes += entry.weight
        self._evict()

    def _evict(self) -> None:
        while self._entries and (
            len(self._entries) > self.max_entries or self.bytes > self.max_bytes
        ):
            _, entry = self._entries.popitem(last=False)
            del self._by_document[id(entry.document)]
            self.bytes -= entry.weight


DOCUMENTS = DocumentCache()
"""The process's cache, shared by every request and every subscription."""


class CachedDocuments(SchemaExtension):
    """Refuse documents over the size limit unparsed; parse and validate through the cache."""

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        query = context.query or ""
        if context.graphql_document is None:
            if len(query) > MAX_DOCUMENT_CHARS:
                _refuse(context, document_too_large(len(query)))
            else:
                try:
                    context.graphql_document = DOCUMENTS.parse(query, **context.parse_options)
                except GraphQLError as error:
                    _refuse(context, error)
        document = context.graphql_document
        trusted = trusted_documents.TRUSTED
        if trusted is not None and context.pre_execution_errors is None and document is not None:
            principal = getattr(context.context, "principal", None)
            role = principal.user.role.value if principal is not None else None
            if not trusted.allows(query, document, role):
                code = {"code": "TRUSTED_DOCUMENT_REQUIRED"}
                _refuse(context, GraphQLError(trusted_documents.NOT_TRUSTED, extensions=code))
                document = None
        if document is not None and context.pre_execution_errors is None:
            _note_operation(context, document)
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if context.pre_execution_errors is None and document is not None:
            context.pre_execution_errors = DOCUMENTS.validate(
                context.schema._schema, document, context.validation_rules
            )
        yield


def _note_operation(context: ExecutionContext, document: DocumentNode) -> None:
    """Which operation runs: noted for metrics and logs. Strawberry would run the first of
    several unnamed; the spec (and graphql-core) say which one must be named."""
    name = context._provided_operation_name
    chosen = None
    operations = 0
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            operations += 1
            if name is None or (definition.name is not None and definition.name.value == name):
                chosen = definition
    if name is None and operations > 1:
        _refuse(context, GraphQLError(NAME_REQUIRED, extensions={"code": "BAD_REQUEST"}))
        return
    seen = getattr(context.context, "operation", None)
    if chosen is not None and seen is not None:
        seen.name = chosen.name.value if chosen.name else None
        seen.type = chosen.operation.value


def _refuse(context: ExecutionContext, error: GraphQLError) -> None:
    # Validation is skipped when errors are already set, and Strawberry answers with them.
    context.pre_execution_errors = [error]
    context.graphql_document = _REFUSED
    # the client's operationName names nothing in the stand-in (Strawberry would answer
    # "can't get the operation type" instead of the refusal)
    context._provided_operation_name = None
