"""Random tokens and API keys. Only SHA-256 hashes are ever stored (DATA_MODEL.md §0 hash64)."""

from __future__ import annotations

import hashlib
import secrets

API_KEY_PREFIX = "shr_"
API_KEY_DISPLAY_LENGTH = 12  # "shr_" + 8 characters, shown in listings


def new_token() -> str:
    """32 random bytes, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_api_key() -> str:
    return API_KEY_PREFIX + secrets.token_urlsafe(32).replace("-", "x").replace("_", "y")


def api_key_prefix(key: str) -> str:
    return key[:API_KEY_DISPLAY_LENGTH]


def looks_like_api_key(value: str) -> bool:
    return value.startswith(API_KEY_PREFIX) and 40 <= len(value) <= 64 and value[4:].isalnum()


def looks_like_token(value: str) -> bool:
    return 20 <= len(value) <= 128 and all(c.isalnum() or c in "-_" for c in value)
