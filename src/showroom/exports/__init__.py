"""CSV exports of a dealership's data (leads, customers, conversations with their messages, follow-ups)."""
