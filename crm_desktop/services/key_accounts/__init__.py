"""Key accounts 长期重点客户 (issue 16): account plans and their workflow, account teams,
relationship maps, relationship health checks, the watch list and key-account events."""
