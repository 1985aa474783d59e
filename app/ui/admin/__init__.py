"""The administration tab: accounts, units, categories and key topics, rules in force from a date, the access log."""
