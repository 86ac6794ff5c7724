"""How wide a text is when drawn with a chain of fonts (the first that has each character), remembered."""

from __future__ import annotations

from functools import lru_cache

from generator.slides.fonts import FontFace, face_for, pillow_font

REFERENCE_SIZE = 200
INVISIBLE = set("\ufe0e\ufe0f\u200d\u200b")  # emoji and text presentation selectors, joiners: not drawn
SAFETY = 1.02  # advances scale with size; keep a hair of room for hinting at small sizes


class TextWidths:
    """Widths at REFERENCE_SIZE of texts drawn with one chain of faces, remembered: fitting a thousand cases
    measures a few hundred thousand texts, mostly the same lines again at other sizes (widths scale)."""

    def __init__(self, faces: tuple[FontFace, ...]) -> None:
        self.faces = faces
        self.known: dict[str, float] = {}
        self.face_of: dict[str, FontFace] = {}

    def __call__(self, text: str) -> float:
        width = self.known.get(text)
        if width is None:
            width = SAFETY * sum(pillow_font(face, REFERENCE_SIZE).getlength(run) for face, run in self.runs(text))
            self.known[text] = width
        return width

    def runs(self, text: str) -> list[tuple[FontFace, str]]:
        """Runs drawn with the same font: the first face in the chain that has each character."""
        out: list[tuple[FontFace, str]] = []
        for ch in text:
            if ch in INVISIBLE:
                continue  # a fallback font would draw ☎️'s variation selector as a dotted circle
            face = self.face_of.get(ch)
            if face is None:
                face = self.face_of[ch] = face_for(ch, list(self.faces)) or self.faces[0]
            if out and out[-1][0] == face:
                out[-1] = (face, out[-1][1] + ch)
            else:
                out.append((face, ch))
        return out


@lru_cache(maxsize=64)
def text_widths(faces: tuple[FontFace, ...]) -> TextWidths:
    return TextWidths(faces)


def runs(text: str, faces) -> list[tuple[FontFace, str]]:
    return text_widths(tuple(faces)).runs(text)
