"""Scheduled reports (issue 20): when each schedule runs and which period it reports."""
