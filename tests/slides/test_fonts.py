"""Fonts: which characters a face can draw, known before anything is drawn, and remembered between builds."""

from __future__ import annotations

import json
import os
from pathlib import Path

from generator.slides import fonts


def _tiny_font(path: Path, characters: str) -> None:
    """A font that can draw only `characters` (empty glyphs: only its character map matters here)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    names = [".notdef", *(f"g{ord(c)}" for c in characters)]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"g{ord(c)}" for c in characters})
    builder.setupGlyf({name: TTGlyphPen(None).glyph() for name in names})
    builder.setupHorizontalMetrics({name: (500, 0) for name in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Tiny", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))


def test_a_fonts_characters_are_remembered_and_read_again_when_the_font_changes(tmp_path: Path) -> None:
    font, kept = tmp_path / "tiny.ttf", tmp_path / "cache" / "fonts.json"
    _tiny_font(font, "退税")
    face = fonts.FontFace(str(font), 0)
    read = fonts.coverage.__wrapped__  # without the in-process cache
    try:
        fonts.keep_coverage_in(kept)
        assert read(face) == {ord("退"), ord("税")}
        assert kept.is_file()
        # the next process reads the kept ranges, not the font
        data = json.loads(kept.read_text(encoding="utf-8"))
        (stamp,) = data
        kept.write_text(json.dumps({stamp: [[ord("A"), ord("C")]]}), encoding="utf-8")
        fonts.keep_coverage_in(None)
        fonts.keep_coverage_in(kept)
        assert read(face) == {ord("A"), ord("B"), ord("C")}
        # a font file that changed is read again
        _tiny_font(font, "退税款")
        os.utime(font, ns=(os.stat(font).st_atime_ns, os.stat(font).st_mtime_ns + 10**9))
        assert read(face) == {ord("退"), ord("税"), ord("款")}
    finally:
        fonts.keep_coverage_in(None)
