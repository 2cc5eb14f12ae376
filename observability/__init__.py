"""What an operator plugs in: Prometheus metrics, JSON logs, OpenTelemetry traces.

Imported by the schema, the subscriptions and the app; it imports none of them.
"""
