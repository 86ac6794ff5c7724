"""Mobile-banking snippets: an embeddable fragment, a standalone H5 page, SMS text and a JSON Feed."""

from generator.mobile.build import MobileResult, build_mobile

__all__ = ["MobileResult", "build_mobile"]
