"""Compile an operation into plans: how each field is resolved, and the shape of its type.

A plan is built once per operation (and per value of the variables its `@skip`/`@include`
read) with graphql-core's own field collection, so fragments, inline fragments, type
conditions, aliases and directives mean exactly what they mean to graphql-core. What
varies per request (argument values, the resolve info) is computed per run, once per
field plan, never per row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import (
    FieldNode,
    GraphQLError,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    OperationDefinitionNode,
    OperationType,
    is_abstract_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
)
from graphql.execution.collect_fields import FieldDetails, collect_fields, collect_subfields
from strawberry.schema.schema_converter import GraphQLCoreConverter

BACKREF = GraphQLCoreConverter.DEFINITION_BACKREF


class Unsupported(Exception):
    """The operation uses something the compiled executor leaves to graphql-core."""


class Kind:
    """How a field's value is obtained (plain ints: an enum member costs a lookup per use)."""

    TYPENAME = 0  # the parent's type name
    BASIC = 1  # a plain attribute of the source (strawberry's basic field)
    METHOD = 2  # a resolver without permissions or extensions, called directly
    FULL = 3  # the field's own GraphQL resolver (root fields, permissions, introspection)


class ShapeKind:
    """The layers of a field's type."""

    NON_NULL = 0
    LIST = 1
    LEAF = 2
    OBJECT = 3
    ABSTRACT = 4


class Shape:
    """One layer of a field's return type, with what completes it."""

    __slots__ = ("complete", "field", "gql_type", "kind", "of", "plan", "plans", "walk")

    def __init__(self, kind: int, gql_type: Any, field: FieldPlan) -> None:
        self.kind = kind
        self.gql_type = gql_type
        self.field = field  # the field whose type this is a layer of
        self.complete: Any = None  # its completer (complete.py), built on first use
        self.walk: Any = None  # finds the objects in a value of it (run.py), built on first use
        self.of: Shape | None = None  # NON_NULL and LIST: the inner layer
        self.plan: ObjectPlan | None = None  # OBJECT: the selection on that type
        self.plans: dict[str, ObjectPlan] = {}  # ABSTRACT: by runtime type name


class FieldPlan:
    """One response key of one object type's selection."""

    __slots__ = (
        "attr",
        "batch",
        "details",
        "expand",
        "field",
        "field_def",
        "field_name",
        "func",
        "has_args",
        "index",
        "info_name",
        "kind",
        "nodes",
        "non_null",
        "parent_name",
        "parent_type",
        "read",
        "response_name",
        "root_name",
        "shape",
        "takes_self",
    )

    def __init__(
        self,
        index: int,
        response_name: str,
        parent_type: GraphQLObjectType,
        field_def: GraphQLField,
        details: list[FieldDetails],
    ) -> None:
        self.index = index
        self.response_name = response_name
        self.parent_type = parent_type
        self.field_def = field_def
        self.details = details
        self.nodes: list[FieldNode] = [d.node for d in details]
        self.field_name = self.nodes[0].name.value
        self.field: Any = field_def.extensions.get(BACKREF) if field_def.extensions else None
        self.kind = Kind.FULL
        self.attr: str | None = None  # BASIC: the attribute read
        self.func: Callable[..., Any] | None = None
        self.takes_self = False
        self.info_name: str | None = None
        self.parent_name: str | None = None
        self.root_name: str | None = None
        self.has_args = bool(field_def.args or self.nodes[0].arguments)
        self.non_null = is_non_null_type(field_def.type)
        self.shape: Shape = Shape(ShapeKind.LEAF, None, self)
        self.expand = False  # resolved in the first phase (composite or asynchronous)
        self.batch: Any = None  # what prepares this field for a whole level at once
        self.read: Any = None  # (row store, parent) -> the value once prepared (or MISSING)


class ObjectPlan:
    """The fields selected on one object type at one place of the operation."""

    __slots__ = ("completer", "expand_fields", "fields", "gql_type", "is_type_of", "name", "origin")

    def __init__(self, gql_type: GraphQLObjectType, fields: list[FieldPlan]) -> None:
        self.gql_type = gql_type
        self.name = gql_type.name
        self.fields = fields
        self.expand_fields = [f for f in fields if f.expand]
        self.is_type_of = gql_type.is_type_of
        self.completer: Any = None  # its generated completer (codegen.py), made on first use
        # Instances of the strawberry class itself need no is_type_of call: it says yes.
        definition = (gql_type.extensions or {}).get(BACKREF)
        self.origin: type | None = getattr(definition, "origin", None)


class CompiledOperation:
    """An operation's root selection, ready to run many times."""

    __slots__ = ("root", "serial", "width")

    def __init__(self, root: ObjectPlan, serial: bool, width: int) -> None:
        self.root = root
        self.serial = serial
        self.width = width  # how many field plans: run state is indexed by FieldPlan.index


class _Compiler:
    def __init__(self, executor: Any) -> None:
        self.executor = executor
        self.schema = executor.schema
        self.count = 0
        self.root_type: GraphQLObjectType | None = None
        strawberry_schema = getattr(self.schema, "_strawberry_schema", None)
        converter = getattr(strawberry_schema, "schema_converter", None)
        # Exception handlers change what a resolver returns: leave such schemas alone.
        self.plain_resolvers = strawberry_schema is not None and not getattr(
            strawberry_schema, "exception_handlers", ()
        )
        self.converter = converter

    def compile(self) -> CompiledOperation:
        ex = self.executor
        operation: OperationDefinitionNode = ex.operation
        if not ex.error_propagation:
            raise Unsupported("error propagation disabled")
        manager = ex.middleware_manager
        if manager is not None and getattr(manager, "_middleware_resolvers", None):
            raise Unsupported("resolver middleware")
        root_type = self.schema.get_root_type(operation.operation)
        if root_type is None:
            raise Unsupported("no root type for the operation")
        self.root_type = root_type
        collected = collect_fields(
            self.schema, ex.fragments, ex.variable_values, root_type, operation, ex.hide_suggestions
        )
        root = self.object_plan(root_type, collected.grouped_field_set)
        return CompiledOperation(root, operation.operation == OperationType.MUTATION, self.count)

    def object_plan(
        self, gql_type: GraphQLObjectType, grouped: dict[str, list[FieldDetails]]
    ) -> ObjectPlan:
        fields: list[FieldPlan] = []
        for response_name, details in grouped.items():
            if any(d.defer_usage is not None or d.fragment_variable_values for d in details):
                raise Unsupported("@defer or fragment arguments")
            name = details[0].node.name.value
            field_def = self.schema.get_field(gql_type, name)
            if field_def is None:
                continue  # graphql-core leaves unknown fields out as well
            plan = FieldPlan(self.count, response_name, gql_type, field_def, details)
            self.count += 1
            self.classify(plan, gql_type)
            plan.shape = self.shape(field_def.type, plan)
            named = plan.shape
            while named.kind in (ShapeKind.NON_NULL, ShapeKind.LIST):
                assert named.of is not None
                named = named.of
            plan.expand = named.kind != ShapeKind.LEAF or bool(
                plan.field is not None and plan.field.is_async
            )
            fields.append(plan)
        return ObjectPlan(gql_type, fields)

    def classify(self, plan: FieldPlan, parent: GraphQLObjectType) -> None:
        if plan.field_name == "__typename":
            plan.kind = Kind.TYPENAME
            return
        field = plan.field
        if parent is self.root_type or field is None or not self.plain_resolvers:
            return  # FULL: root fields keep their permission checks and wrappers
        metadata = getattr(field, "metadata", None) or {}
        plan.batch = metadata.get("batch")
        plan.read = metadata.get("read")
        if field.extensions:
            return  # permissions and field extensions run through strawberry's wrapper
        if field.is_basic_field:
            plan.kind = Kind.BASIC
            plan.attr = field.python_name
            return
        resolver = field.base_resolver
        if resolver is None:
            return
        plan.kind = Kind.METHOD
        plan.func = resolver.wrapped_func
        plan.takes_self = resolver.self_parameter is not None
        plan.info_name = resolver.info_parameter.name if resolver.info_parameter else None
        plan.parent_name = resolver.parent_parameter.name if resolver.parent_parameter else None
        plan.root_name = resolver.root_parameter.name if resolver.root_parameter else None

    def shape(self, gql_type: GraphQLOutputType, plan: FieldPlan) -> Shape:
        if is_non_null_type(gql_type):
            assert isinstance(gql_type, GraphQLNonNull)
            shape = Shape(ShapeKind.NON_NULL, gql_type, plan)
            shape.of = self.shape(gql_type.of_type, plan)
            return shape
        if is_list_type(gql_type):
            assert isinstance(gql_type, GraphQLList)
            shape = Shape(ShapeKind.LIST, gql_type, plan)
            shape.of = self.shape(gql_type.of_type, plan)
            return shape
        if is_leaf_type(gql_type):
            return Shape(ShapeKind.LEAF, gql_type, plan)
        if is_object_type(gql_type):
            assert isinstance(gql_type, GraphQLObjectType)
            shape = Shape(ShapeKind.OBJECT, gql_type, plan)
            shape.plan = self.sub_plan(gql_type, plan)
            return shape
        if is_abstract_type(gql_type):
            shape = Shape(ShapeKind.ABSTRACT, gql_type, plan)
            for possible in self.schema.get_possible_types(gql_type):
                shape.plans[possible.name] = self.sub_plan(possible, plan)
            return shape
        raise Unsupported(f"output type {gql_type}")

    def sub_plan(self, gql_type: GraphQLObjectType, plan: FieldPlan) -> ObjectPlan:
        ex = self.executor
        collected = collect_subfields(
            self.schema,
            ex.fragments,
            ex.variable_values,
            ex.operation,
            gql_type,
            plan.details,
            ex.hide_suggestions,
        )
        return self.object_plan(gql_type, collected.grouped_field_set)


def compile_operation(executor: Any) -> CompiledOperation:
    """The plan of `executor`'s operation (raises Unsupported, or GraphQLError)."""
    try:
        return _Compiler(executor).compile()
    except RecursionError:
        raise GraphQLError("Selections are nested too deeply.") from None
