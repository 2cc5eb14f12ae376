"""Invoices, as far as cancellations need them (SPEC §9): drafts, issuing, credit notes.

The use cases the schema calls are re-exported here; the steps other commands share
live in `drafts`.
"""

from resolvers.invoicing.credit_notes import create_credit_note
from resolvers.invoicing.drafts import create_invoice
from resolvers.invoicing.issuing import issue_invoice
from resolvers.invoicing.records import list_invoices

__all__ = ["create_credit_note", "create_invoice", "issue_invoice", "list_invoices"]
