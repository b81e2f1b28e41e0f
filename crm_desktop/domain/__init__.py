"""Pure domain: picklists, workflows, rules and formulas. No Qt, no SQL, no HTTP."""
