"""The dealership's other systems (issue 19): outbound webhooks today; CRM hand-off, Twilio and feeds to come."""
