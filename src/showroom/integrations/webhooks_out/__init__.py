"""Outbound webhooks signed as the Standard Webhooks specification describes, from a transactional outbox."""
