"""Twilio (issue 19): inbound texts and delivery-status callbacks, their X-Twilio-Signature checked."""
