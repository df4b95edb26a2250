from .lending import Hold, Loan
from .resources import Collection, Resource, ResourceImage, Subject

__all__ = ["Collection", "Hold", "Loan", "Resource", "ResourceImage", "Subject"]
