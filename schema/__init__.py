"""The GraphQL schema: root types merged from feature modules, with extensions."""

# Described enums first: a type that meets a domain enum before `schema.enums` does gives
# it an undescribed definition, and the schema then sees two (DuplicatedTypeName). Every
# module of the package is reached through this file, so this is the only place needed.
import schema.enums  # noqa: F401
