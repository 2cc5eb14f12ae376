"""Webhook delivery: notices from the events outbox, signed, sent, retried."""
