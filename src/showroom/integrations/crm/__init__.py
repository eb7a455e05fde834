"""The CRM hand-off (issue 19): a lead sent to the dealership's CRM as an ADF 1.0 e-mail, tracked and retried."""
