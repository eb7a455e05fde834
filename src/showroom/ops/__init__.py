"""Operations: what an operator sees (log context, metrics, readiness, statement statistics) and does (backup)."""
