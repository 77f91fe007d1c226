"""extract: quantities, campaigns, crime types and entities from Chinese and English news articles."""

from schemas import Campaign, CaseType, Document, Entity, Quantity

from .extractor import Article, Extractor, extract_text

__all__ = ["Article", "Campaign", "CaseType", "Document", "Entity", "Extractor", "Quantity", "extract_text"]
__version__ = "0.1.0"
