"""The domain: every rule and every query of the console. No Qt here."""
