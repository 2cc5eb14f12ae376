"""The HTTP and WebSocket edge: who is calling, how big a request may be, the GraphQL view.

`authentication` (one ASGI middleware for both transports), `view` (Strawberry's view
with our context and answers), `legacy_ws` (the `graphql-ws` protocol's close codes) and
`replies` (the error bodies the edge answers with on its own).
"""
