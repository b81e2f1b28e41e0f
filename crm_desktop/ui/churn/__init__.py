"""客户流失 Churn: warnings, defector cases, the win-back list (F16)."""
