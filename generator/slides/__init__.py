"""Lobby slides: model -> exact-size images per display, month and language, with playlist and kiosk page."""

from generator.slides.build import SlideOptions, build_slides, check_slides, export_zip

__all__ = ["SlideOptions", "build_slides", "check_slides", "export_zip"]
