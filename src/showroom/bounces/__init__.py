"""Bounces: the envelope sender that brings them back (VERP), reading them (RFC 3464 and older forms), acting."""
