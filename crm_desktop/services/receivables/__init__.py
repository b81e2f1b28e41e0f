"""Money owed 应收账款 (issue 16): customers' ledgers, manual entries, the finance
import, the aging report of the user's scope and follow-ups for overdue money."""
