"""IMAP intake (issue 19): leads and replies collected from a dealership's mailbox, each message taken once."""
