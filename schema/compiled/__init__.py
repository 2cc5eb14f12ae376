"""A compiled executor: each validated operation becomes a tree of plans, built once.

graphql-core's interpreter spends about 5 µs on every field of every row, even when the
field is a plain attribute. Here an operation is compiled once (per document, operation
name and the values of the variables its `@skip`/`@include` read) into `FieldPlan`s
that know, before any request, how each field is resolved and completed. Running it
has two phases:

1. *resolve* (`run.resolve_level`): the root fields, then every composite field level
   by level, breadth first. A field whose type declares a batch (`schema.planning`)
   is prepared for every parent of the level with one load, so nested fields read
   what was loaded; anything still awaitable is awaited together at the end of the
   level.
2. *complete* (`complete.py`): a synchronous walk that builds the response, with
   graphql-core's rules for non-null propagation, lists, abstract types, leaves and
   error paths.

Whatever it does not support runs through graphql-core, and is counted
(`executor.FALLBACKS`, shown on /healthz). In differential mode both run and any
difference fails loudly (`differential.py`).

Modules: `plan.py` (compiling), `variables.py` (what a plan depends on), `cache.py`
(plans kept, bounded), `run.py` and `walk.py` (the first phase), `complete.py` (the
second), `executor.py` (the switch, fallbacks, one database connection per operation),
`differential.py`.
"""
