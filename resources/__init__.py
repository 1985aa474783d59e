"""Files the product ships beside its code (reference data, translations, icons), installed as package data."""
