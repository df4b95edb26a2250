from .exhibitions import Exhibition, Item, ItemImage, Section, Tag

__all__ = ["Exhibition", "Item", "ItemImage", "Section", "Tag"]
