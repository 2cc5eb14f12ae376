"""Cancellation use cases (SPEC §3–§7): cancel a mission, a series or an order, preview,
un-cancel, the generic status update with no-shows, no-show fees and waivers.

Every path that cancels goes through :func:`resolvers.cancellation.effects.cancel_missions`.
"""
