"""Where a line of Chinese, Korean or English may break, as a reader reads it: Chinese between phrases
(BudouX, Google's phrase model, pure Python), Korean and Latin at spaces. A number stays with its unit
(300元), and a text never ends on a phrase of one character. The slides' line fitting and the site's titles
(<wbr> at these places) both break here, and nowhere else."""

from __future__ import annotations

import re
from functools import cache, lru_cache

# Kinsoku (禁则): characters that may not start a line, and characters that may not end one. A dash may start
# one (— 수사기관 사칭, ——冒充子女): it introduces what follows.
NO_LINE_START = set("。，、．！？）」』】〉》”’：；…‥·・%％,.!?)]}:;ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ")
NO_LINE_END = set("（「『【〈《“‘([{＄$￥¥")
# Opening marks that may hang in the margin at the start of a line, as in print.
HANGING = set("“‘「『（《〈【")
QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "（": "）", '"': '"'}
# What follows a number as its unit: 300元, 3万, 24小时, 5%.
CLAUSE_END = set("，、。；：！？…,;:!?")  # a line breaks best right after these
LEANS_FORWARD = set("不没别未勿")  # a negation belongs to the word after it: 不|出租 is one phrase
UNITS = set("元角分万亿千百十个岁天日月年次秒时小位条笔张倍期号点块折%％")

# Without Han characters a text breaks at spaces only: Hangul and Latin runs without a space between them are one
# word ("수수료"부터?, ATM, 95599) and never split; full-width marks stand alone so kinsoku can place them.
_CJK_CHAR = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’"
_TOKEN = re.compile(rf"\s+|[{_CJK_CHAR}]|[^\s{_CJK_CHAR}]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_ENDS_IN_NUMBER = re.compile(r"[0-9０-９]$")
_LATIN = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]")
# A list of nouns joined by a middle dot or a slash (검찰·경찰·금융감독원) may break after a separator.
_AFTER_SEPARATOR = re.compile(r"(?<=[·/])(?=[^\W\d_])")
_PUNCTUATION = NO_LINE_START | NO_LINE_END | set("“”‘’\"' ")


@cache
def _parser():
    import budoux  # loads its model once, on first use

    return budoux.load_default_simplified_chinese_parser()


@lru_cache(maxsize=65536)
def phrases(text: str, fine: bool = False) -> tuple[str, ...]:
    """The pieces a line may break between, spaces kept as their own pieces. `fine`: every boundary BudouX
    gives, for a text that cannot fit its box otherwise (a lone character cut off is better than no slide)."""
    out: list[str] = []
    for word in re.split(r"(\s+)", " ".join(text.split())):
        if not word:
            continue
        if word.isspace():
            out.append(" ")
        elif _HAN.search(word) and not _HANGUL.search(word):
            chunks = _glue_numbers(_parser().parse(word))
            out += chunks if fine else _pair_single_characters(chunks)  # nor ends on a line of its own 电
        else:
            out += [part for token in _TOKEN.findall(word) for part in _AFTER_SEPARATOR.split(token) if part]
    return tuple(out)


def _pair_single_characters(chunks: list[str]) -> list[str]:
    """Where BudouX is unsure it cuts single characters off (出租银行|卡, 守|好|你|的|账户), and a line broken
    there splits a word or strands one character. So one lone character stays with the phrase before it (the
    phrase after it, at the start), and a run of them is taken two by two (守好|你的, 不租|不借|不卖), an odd
    one out joining the last pair."""
    out: list[str] = []
    run: list[str] = []

    def close_run() -> None:
        if len(run) == 1 and out:
            out[-1] += run[0]
        elif run:
            pairs = ["".join(run[i : i + 2]) for i in range(0, len(run), 2)]
            if len(pairs) > 1 and visible(pairs[-1]) <= 1:
                pairs[-2:] = [pairs[-2] + pairs[-1]]
            out.extend(pairs)
        run.clear()

    for chunk in chunks:
        if visible(chunk) <= 1:
            run.append(chunk)
            continue
        # 只|需缴 → 只需缴 at the start; after a comma, and a 不 or 别 anywhere, leans on what follows:
        # 使用，|不|出租 → 使用，|不出租
        forward = len(run) == 1 and (not out or out[-1][-1] in CLAUSE_END or run[0] in LEANS_FORWARD)
        lone = run.pop() if forward else ""
        close_run()
        out.append(lone + chunk)
    close_run()
    return out


def _glue_numbers(chunks: list[str]) -> list[str]:
    """A number stays with its unit (300|元), and a Latin word or number is never cut (AT|M机, 95|599)."""
    out: list[str] = []
    for chunk in chunks:
        unit = out and _ENDS_IN_NUMBER.search(out[-1]) and chunk[:1] in UNITS
        if unit or (out and _LATIN.match(out[-1][-1]) and _LATIN.match(chunk[:1])):
            out[-1] += chunk
        else:
            out.append(chunk)
    return out


def visible(line: str) -> int:
    """Characters that count as text: marks and spaces do not."""
    return sum(1 for ch in line if ch not in _PUNCTUATION)
