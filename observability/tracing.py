"""OpenTelemetry traces: off unless an exporter is configured.

`OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) sends spans over
OTLP/HTTP (the `opentelemetry-exporter-otlp-proto-http` exporter reads the standard
OTEL_* variables: headers, timeout, service name); `OTEL_TRACES_EXPORTER=console` prints
them. Then each GraphQL request over HTTP is a trace: the HTTP server span
(opentelemetry-instrumentation-asgi), a `graphql.<type>` span for the operation, one
`sql` span per statement; broadcasting the notices of a commit is a `notices.publish`
span linked to the requests whose commits it publishes. Off, none of this runs: each
hook is one test of `ENABLED`.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    ConsoleSpanExporter,
    SimpleSpanProcessor,
    SpanExporter,
)
from opentelemetry.trace import Link, SpanContext, SpanKind, Status, StatusCode

ENABLED = False
SERVICE_NAME = "dispatch-cancellations"
_tracer: trace.Tracer = trace.NoOpTracer()
_provider: TracerProvider | None = None


def exporter_from_env(env: Mapping[str, str]) -> SpanExporter | None:
    """The exporter the environment asks for, or None (tracing stays off)."""
    if env.get("OTEL_TRACES_EXPORTER", "").strip().lower() == "console":
        return ConsoleSpanExporter()
    if env.get("OTEL_EXPORTER_OTLP_ENDPOINT") or env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"):
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        return OTLPSpanExporter()
    return None


def configure(env: Mapping[str, str] | None = None) -> bool:
    """Turn tracing on when the environment configures an exporter; whether it did."""
    exporter = exporter_from_env(os.environ if env is None else env)
    if exporter is None:
        return False
    provider = TracerProvider(
        resource=Resource.create(
            {"service.name": os.environ.get("OTEL_SERVICE_NAME", SERVICE_NAME)}
        )
    )
    provider.add_span_processor(BatchSpanProcessor(exporter))
    enable(provider)
    return True


def enable(provider: TracerProvider) -> None:
    """Trace into `provider` from now on (tests pass one with an in-memory exporter)."""
    global ENABLED, _tracer, _provider
    _provider = provider
    _tracer = provider.get_tracer("dispatch")
    ENABLED = True


def disable() -> None:
    global ENABLED, _tracer, _provider
    ENABLED = False
    _tracer = trace.NoOpTracer()
    _provider = None


def simple_provider(exporter: SpanExporter) -> TracerProvider:
    """A provider that exports each span as it ends (for tests)."""
    provider = TracerProvider(resource=Resource.create({"service.name": SERVICE_NAME}))
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider


def tracer() -> trace.Tracer:
    return _tracer


def tracer_provider() -> TracerProvider | None:
    """The provider the HTTP middleware reports to (ours, not the global one)."""
    return _provider


@contextlib.contextmanager
def operation_span() -> Iterator[trace.Span]:
    """The span of one GraphQL operation; its name and attributes are set when known."""
    with _tracer.start_as_current_span("graphql.operation", kind=SpanKind.INTERNAL) as span:
        yield span


def finish_operation(span: trace.Span, name: str | None, kind: str, outcome: str) -> None:
    span.update_name(f"graphql.{kind}" + (f" {name}" if name else ""))
    span.set_attribute("graphql.operation.type", kind)
    span.set_attribute("graphql.operation.name", name or "")
    span.set_attribute("dispatch.outcome", outcome)
    if outcome == "internal":
        span.set_status(Status(StatusCode.ERROR))


@contextlib.contextmanager
def sql_span(statement: str, system: str) -> Iterator[None]:
    """One SQL statement (its text, never its parameters)."""
    with _tracer.start_as_current_span(
        "sql", kind=SpanKind.CLIENT, attributes={"db.system": system, "db.statement": statement}
    ):
        yield


def current_context() -> SpanContext | None:
    """The current span's context, to link work done later on its behalf (publishing)."""
    context = trace.get_current_span().get_span_context()
    return context if context.is_valid else None


@contextlib.contextmanager
def publish_span(count: int, causes: list[SpanContext]) -> Iterator[None]:
    links = [Link(context) for context in causes]
    with _tracer.start_as_current_span(
        "notices.publish",
        kind=SpanKind.PRODUCER,
        links=links,
        attributes={"messaging.batch.message_count": count},
    ):
        yield
