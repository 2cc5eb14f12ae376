"""The GraphQL schema: root types merged from feature modules, with extensions."""
