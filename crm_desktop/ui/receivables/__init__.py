"""应收账款 Receivables: the aging table of the user's scope, a customer's ledger, the
manual entry and finance import dialogs (issue 16)."""
