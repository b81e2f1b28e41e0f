"""The supervisor's review: the queue of submitted plans and reports, and the review actions."""
