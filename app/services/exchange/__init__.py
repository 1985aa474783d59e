"""The exchange CSV of DESIGN section 6: export cases to it, import cases from it (all or nothing)."""
from app.services.exchange.export import export_cases
from app.services.exchange.importer import ImportSummary, import_cases
from app.services.exchange.progress import ExchangeProgress
from app.services.exchange.rows import COLUMNS

__all__ = ["COLUMNS", "ExchangeProgress", "ImportSummary", "export_cases", "import_cases"]
